import { sleep } from 'n8n-workflow';

const WINDOW_MS = 1000;
/** A slot whose answer never got reported (a caller that ignores the release) stops counting after this. */
const MAX_IN_FLIGHT_MS = 60 * 1000;
const POLL_MS = 20;
/** After a 429 the rate drops to this share of what it was (not below 1 request per second)... */
const SLOW_DOWN_FACTOR = 0.7;
/** ...and climbs back by this share of the configured rate per second without a 429. */
const RECOVERY_PER_SECOND = 0.1;

interface Slot {
	start: number;
	/** When the answer arrived; undefined while the request is in flight. */
	end?: number;
}

/**
 * Spaces requests so that no more than `perSecond` reach the server in any one-second window (fractional
 * rates: see budget).
 * Shared by every request of one execution for one credential (see limiterFor).
 *
 * A slot counts from the moment its answer arrives, not from when the request started: the server
 * sees the request somewhere in between, and the time until it goes out varies (the first request
 * of an execution can take a few hundred ms to load credentials). Counting from the later moment
 * keeps every one-second window at the server within the limit, whatever that delay.
 *
 * An API limited below the configured rate answers 429: besides the pause it asks for, the rate is
 * lowered (backOff) so that the requests after the pause do not run straight into the limit again.
 */
export class RateLimiter {
	private slots: Slot[] = [];

	private queue: Promise<void> = Promise.resolve();

	/** The rate right after the last slow-down, and when that was. */
	private slowed?: { rate: number; at: number };

	constructor(private readonly perSecond: number) {}

	/** Requests per second allowed at `now`: the configured rate, or less for a while after a 429. */
	currentRate(now = Date.now()): number {
		if (!this.slowed) return this.perSecond;
		const recovered = RECOVERY_PER_SECOND * this.perSecond * (Math.max(0, now - this.slowed.at) / 1000);
		return Math.min(this.perSecond, this.slowed.rate + recovered);
	}

	/**
	 * After a 429 to the request sent at `sentAt`: blocks new requests for `pauseMs`, then lets them go
	 * at a lowered rate that recovers from there. Answers to requests sent before the last slow-down say
	 * nothing about the lowered rate, so a burst of them lowers it only once.
	 */
	backOff(pauseMs: number, sentAt: number, now = Date.now()): void {
		this.pauseFor(pauseMs, now);
		if (!this.perSecond || this.perSecond <= 0) return;
		if (this.slowed && sentAt < this.slowed.at) return;
		const lowest = Math.min(1, this.perSecond);
		this.slowed = { rate: Math.max(lowest, this.currentRate(now) * SLOW_DOWN_FACTOR), at: now + pauseMs };
	}

	/** Waits for a slot; call the returned function once the answer (or failure) has arrived. */
	async acquire(): Promise<() => void> {
		if (!this.perSecond || this.perSecond <= 0) return () => undefined;
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.then(
			() => undefined,
			() => undefined,
		);
		return await turn;
	}

	/** Blocks new requests until `ms` from now. */
	private pauseFor(ms: number, now: number): void {
		const until = now + ms;
		this.queue = this.queue.then(async () => {
			const wait = until - Date.now();
			if (wait > 0) await sleep(wait);
		});
	}

	private async waitForSlot(): Promise<() => void> {
		for (;;) {
			const now = Date.now();
			const { count, windowMs } = this.budget(now);
			// In-flight slots always count (up to MAX_IN_FLIGHT_MS); finished ones for one window after their answer.
			this.slots = this.slots.filter((slot) => (slot.end === undefined ? now - slot.start < MAX_IN_FLIGHT_MS : now - slot.end < windowMs));
			if (this.slots.length < count) {
				const slot: Slot = { start: now };
				this.slots.push(slot);
				return () => {
					if (slot.end === undefined) slot.end = Date.now();
				};
			}
			// Wait until the oldest finished slot leaves the window, or poll while all are in flight.
			const ends = this.slots.map((slot) => slot.end).filter((end): end is number => end !== undefined);
			const wait = ends.length ? windowMs - (now - Math.min(...ends)) + 1 : POLL_MS;
			await sleep(Math.max(1, Math.min(wait, windowMs)));
		}
	}

	/**
	 * Requests allowed per window, and the window: `rate` per second as whole requests. Below 1 per second,
	 * one request per 1/rate seconds (0.5 → one every 2 s); a fractional rate above 1 as ceil(rate) requests
	 * per ceil(rate)/rate seconds (1.5 → 2 every 1.33 s); while slowed down after a 429, whole requests per
	 * second, so never more than configured.
	 */
	budget(now = Date.now()): { count: number; windowMs: number } {
		const rate = this.currentRate(now);
		if (rate < 1) return { count: 1, windowMs: WINDOW_MS / rate };
		if (rate < this.perSecond) return { count: Math.floor(rate), windowMs: WINDOW_MS };
		const count = Math.ceil(rate);
		return { count, windowMs: (WINDOW_MS * count) / rate };
	}
}

const limiters = new Map<string, { limiter: RateLimiter; lastUsed: number }>();
const IDLE_MS = 10 * 60 * 1000;

/**
 * One limiter per execution, credential type and `scope` (the credential and the API's origin, see
 * request.ts), so parallel items share the provider's budget and nobody else's.
 */
export function limiterFor(executionKey: string, credentialType: string, perSecond: number, scope = ''): RateLimiter {
	const key = `${executionKey}\u0000${credentialType}\u0000${scope}\u0000${perSecond}`;
	const now = Date.now();
	for (const [k, entry] of limiters) if (now - entry.lastUsed > IDLE_MS) limiters.delete(k);
	let entry = limiters.get(key);
	if (!entry) {
		entry = { limiter: new RateLimiter(perSecond), lastUsed: now };
		limiters.set(key, entry);
	}
	entry.lastUsed = now;
	return entry.limiter;
}
