import type { PaceSpec, QuotaStop, RequestContext } from '../base/types';
import { AdaptivePace, FixedPace, type Pace } from './pace';
import type { Concurrency } from './pool';
import { RateLimiter, type Release } from './rateLimiter';
import { Registry } from './registry';

/** A throttle nobody used for this long, with nothing waiting, in flight or stopped, is forgotten (an adaptive pace then starts again). */
const IDLE_MS = 10 * 60 * 1000;

/** The pace one process may use: the provider's, scaled by the credential's share. */
export function paceFor(spec: PaceSpec, share: number): Pace {
	if ('documented' in spec) return new FixedPace(spec.documented * share);
	const { rate, inFlight, maxRate, maxInFlight, safeRate } = spec.adaptive;
	const lanes = (n: number) => Math.max(1, Math.round(n * share));
	const scaled = { rate: rate * share, maxRate: maxRate * share, inFlight: lanes(inFlight), maxInFlight: lanes(maxInFlight) };
	return new AdaptivePace(safeRate === undefined ? scaled : { ...scaled, safeRate: safeRate * share });
}

/**
 * Whose budget a request spends: the credential the node uses (by its ID) and the API's origin, so two
 * credentials of one provider, or two users' list searches, never share a throttle.
 */
export function credentialScope(ctx: RequestContext, credentialType: string, url: string): string {
	const reference = ctx.getNode().credentials?.[credentialType];
	const credential = reference ? (reference.id ?? reference.name ?? '') : '';
	let origin = '';
	try {
		origin = new URL(url).origin;
	} catch {
		origin = url;
	}
	return `${credential}\u0000${origin}`;
}

const throttles = new Registry<Throttle>();

/**
 * Everything that paces one credential (of one credential type) at one API origin in this n8n process,
 * shared by every execution, workflow, list search and trigger: the pace and its limiter (rate, in-flight
 * window, 429 pause), the credential's share of the provider's limit, the quota stop, the executions' own
 * caps, and `memo` for what a later request may reuse. A client looks its throttle up once and carries it.
 */
export class Throttle implements Pick<RateLimiter, 'expired'> {
	/**
	 * Learned state kept per credential and origin for as long as the throttle lives, shared by every
	 * execution (e.g. a lookup cache): forgotten with the throttle, so it never outlives an idle credential.
	 */
	readonly memo = new Map<string, unknown>();

	private shared?: { limiter: RateLimiter; share: number };

	private stop?: QuotaStop;

	/** The executions' own "Requests per Second" caps, by execution and rate. */
	private readonly caps = new Registry<RateLimiter>();

	private lastUsed = Date.now();

	constructor(readonly key: string) {}

	/**
	 * The limiter every execution waits at, for `spec` scaled by `share` (the credential's Rate Limit Share):
	 * made on first use; a changed share makes a new one (its pace starts again).
	 */
	paced(spec: PaceSpec, share: number): this {
		if (!this.shared || this.shared.share !== share) this.shared = { limiter: new RateLimiter(paceFor(spec, share)), share };
		return this;
	}

	get limiter(): RateLimiter {
		if (!this.shared) throw new Error(`The throttle ${JSON.stringify(this.key)} has no pace yet (see paced)`);
		return this.shared.limiter;
	}

	/** The pace: how fast and how many in flight, as learned from the answers so far. */
	get pace(): Pace {
		return this.limiter.pace;
	}

	/** One execution's own cap (Request Options → Requests per Second), shared by its items; none for 0. */
	capFor(executionKey: string, perSecond: number): RateLimiter | undefined {
		if (!(perSecond > 0)) return undefined;
		return this.caps.get(`${executionKey}\u0000${perSecond}`, () => new RateLimiter(perSecond));
	}

	/**
	 * How many items (or batch requests) of one execution run at once: `concurrency` (Request Options, else
	 * the provider's default); with an adaptive pace, its in-flight window, up to the Concurrency the user
	 * chose or the pace's maximum. Items held back by the window tell the pace it is the bottleneck.
	 */
	lanes(spec: PaceSpec, concurrency: number, chosen: boolean): Concurrency {
		if (!('adaptive' in spec)) return concurrency;
		return { max: chosen ? concurrency : spec.adaptive.maxInFlight, now: () => this.pace.inFlight(), held: () => this.pace.saturated(Date.now()) };
	}

	/** Waits for the execution's own cap (when set), then for the shared limiter (list searches first there). */
	async acquire(priority: boolean, cap?: RateLimiter): Promise<Release> {
		this.touch(Date.now());
		const own = cap ? await cap.acquire() : undefined;
		const common = await this.limiter.acquire(priority);
		return (answered) => {
			own?.(answered);
			common(answered);
		};
	}

	/** After a 429: everyone pauses, and the pace slows down. */
	backOff(pauseMs: number, sentAt: number, cap?: RateLimiter): void {
		cap?.backOff(pauseMs, sentAt);
		this.limiter.backOff(pauseMs, sentAt);
	}

	/** The spent quota of this credential, if its reset time has not come yet. */
	quotaStop(now = Date.now()): QuotaStop | undefined {
		if (this.stop && this.stop.until <= now) this.stop = undefined;
		return this.stop;
	}

	/** Records that the provider said the credential's quota is spent until `stop.until`: every execution of the process stops using it. */
	stopForQuota(stop: QuotaStop): void {
		this.stop = stop;
	}

	expired(now: number): boolean {
		return now - this.lastUsed > IDLE_MS && (!this.shared || this.shared.limiter.idle(now)) && !this.quotaStop(now);
	}

	private touch(now: number): void {
		// A client that stayed silent past IDLE_MS may carry a throttle the registry forgot: it is registered again.
		if (now - this.lastUsed > IDLE_MS) throttles.get(this.key, () => this, now);
		this.lastUsed = now;
	}
}

function keyOf(credentialType: string, scope: string): string {
	return `${credentialType}\u0000${scope}`;
}

/** The throttle of a credential (`scope`, see credentialScope) of `credentialType`, paced by `spec` and `share`. */
export function throttleFor(credentialType: string, scope: string, spec: PaceSpec, share: number): Throttle {
	const key = keyOf(credentialType, scope);
	return throttles.get(key, () => new Throttle(key)).paced(spec, share);
}

/** The limiter every execution of the process shares for the credential (the throttle's). */
export function sharedLimiter(credentialType: string, scope: string, spec: PaceSpec, share: number): RateLimiter {
	return throttleFor(credentialType, scope, spec, share).limiter;
}

/** An execution's own cap (see Throttle.capFor); a limiter that never waits for 0. */
export function limiterFor(executionKey: string, credentialType: string, perSecond: number, scope = ''): RateLimiter {
	const key = keyOf(credentialType, scope);
	return throttles.get(key, () => new Throttle(key)).capFor(executionKey, perSecond) ?? new RateLimiter(0);
}

/** The spent quota of this credential, if its reset time has not come yet. */
export function quotaStopOf(credentialType: string, scope: string, now = Date.now()): QuotaStop | undefined {
	return throttles.peek(keyOf(credentialType, scope))?.quotaStop(now);
}

/** Records a spent quota for the credential (see Throttle.stopForQuota). */
export function stopForQuota(credentialType: string, scope: string, stop: QuotaStop): void {
	const key = keyOf(credentialType, scope);
	throttles.get(key, () => new Throttle(key)).stopForQuota(stop);
}

/** Forgets every throttle of the process, as after a restart (the tests use it between cases). */
export function resetSharedLimits(): void {
	throttles.clear();
}
