import { AdaptivePace, FixedPace, type AdaptiveLimits, type Pace } from './pace';
import { RateLimiter } from './rateLimiter';
import type { ApiResponse } from './types';

/**
 * How fast a provider may be called per credential: its documented limit, used exactly, or, where it
 * documents none, where an adaptive pace starts and how far it may grow.
 */
export type PaceSpec = { documented: number } | { adaptive: AdaptiveLimits };

/** The pace one process may use: the provider's, scaled by the credential's share. */
export function paceFor(spec: PaceSpec, share: number): Pace {
	if ('documented' in spec) return new FixedPace(spec.documented * share);
	const { rate, inFlight, maxRate, maxInFlight } = spec.adaptive;
	const lanes = (n: number) => Math.max(1, Math.round(n * share));
	return new AdaptivePace({ rate: rate * share, maxRate: maxRate * share, inFlight: lanes(inFlight), maxInFlight: lanes(maxInFlight) });
}

/** A limiter nobody used for this long is forgotten (an adaptive one then starts again from its start). */
const IDLE_MS = 10 * 60 * 1000;

const shared = new Map<string, { limiter: RateLimiter; lastUsed: number }>();

/**
 * The limiter every execution, workflow, list search and trigger of this n8n process shares for one
 * credential (its ID, else its name) and API origin (`scope`, see credentialScope) of one credential
 * type. A changed share makes a new one; the old one is forgotten once idle.
 */
export function sharedLimiter(credentialType: string, scope: string, spec: PaceSpec, share: number): RateLimiter {
	const key = `${credentialType}\u0000${scope}\u0000${share}`;
	const now = Date.now();
	for (const [k, entry] of shared) if (now - entry.lastUsed > IDLE_MS && entry.limiter.idle(now)) shared.delete(k);
	let entry = shared.get(key);
	if (!entry) {
		entry = { limiter: new RateLimiter(paceFor(spec, share)), lastUsed: now };
		shared.set(key, entry);
	}
	entry.lastUsed = now;
	return entry.limiter;
}

/** A spent quota: no request with the credential until `until`; `response` is the answer that said so. */
export interface QuotaStop {
	until: number;
	response: ApiResponse;
}

const quotaStops = new Map<string, QuotaStop>();

/** The spent quota of this credential, if its reset time has not come yet. */
export function quotaStopOf(credentialType: string, scope: string, now = Date.now()): QuotaStop | undefined {
	const key = `${credentialType}\u0000${scope}`;
	const stop = quotaStops.get(key);
	if (stop && stop.until <= now) quotaStops.delete(key);
	return stop && stop.until > now ? stop : undefined;
}

/** Records that the provider said the credential's quota is spent until `until`: every execution of the process stops using it. */
export function stopForQuota(credentialType: string, scope: string, stop: QuotaStop): void {
	quotaStops.set(`${credentialType}\u0000${scope}`, stop);
}

const resetHooks: Array<() => void> = [];

/** Other process memory kept per credential (Constant Contact's default tracks) is forgotten with the limiters. */
export function alsoOnReset(forget: () => void): void {
	resetHooks.push(forget);
}

/** Forgets every shared limiter and quota stop of the process, as after a restart (the tests use it between cases). */
export function resetSharedLimits(): void {
	shared.clear();
	quotaStops.clear();
	for (const forget of resetHooks) forget();
}
