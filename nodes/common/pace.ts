/**
 * How fast a limiter (rateLimiter.ts) lets requests go: a rate per second and a number in flight, and
 * how both react to what the API answers.
 */
export interface Pace {
	/** Requests per second allowed at `now`. */
	rate(now: number): number;
	/** Most requests in flight at once. */
	inFlight(): number;
	/** Whether `rate(now)` is a configured rate, given exactly even when fractional (else as whole requests per second, see RateLimiter.budget). */
	exact(now: number): boolean;
	/** A usable answer to the request sent at `sentAt` arrived after `latencyMs`. */
	answered(latencyMs: number, sentAt: number, now: number): void;
	/** A 429 to the request sent at `sentAt`; new requests wait `pauseMs` first. */
	throttled(sentAt: number, now: number, pauseMs: number): void;
	/** A request had to wait for the rate or the in-flight window: the pace, not the workflow, was the bottleneck. */
	saturated(now: number): void;
}

/** After a 429 the rate drops to this share of what it was... */
export const SLOW_DOWN_FACTOR = 0.7;
/** ...and a fixed pace climbs back by this share of its rate per second without a 429. */
const RECOVERY_PER_SECOND = 0.1;

/**
 * A documented limit (Constant Contact: 4 per second), used exactly. A 429 (another integration using
 * the same application) lowers it to 70 %; it recovers by a tenth of the limit per second once the
 * pause is over.
 */
export class FixedPace implements Pace {
	/** The rate right after the last slow-down, and when that was. */
	private slowed?: { rate: number; at: number };

	constructor(private readonly perSecond: number) {}

	rate(now: number): number {
		if (!this.slowed) return this.perSecond;
		const recovered = RECOVERY_PER_SECOND * this.perSecond * (Math.max(0, now - this.slowed.at) / 1000);
		return Math.min(this.perSecond, this.slowed.rate + recovered);
	}

	exact(now: number): boolean {
		return this.rate(now) >= this.perSecond;
	}

	/** The rate already counts the requests in flight (a slot counts until one window after its answer). */
	inFlight(): number {
		return Infinity;
	}

	answered(): void {}

	saturated(): void {}

	/** Answers to requests sent before the last slow-down say nothing about the lowered rate, so a burst of them lowers it only once. */
	throttled(sentAt: number, now: number, pauseMs: number): void {
		if (!(this.perSecond > 0)) return;
		if (this.slowed && sentAt < this.slowed.at) return;
		const lowest = Math.min(1, this.perSecond);
		this.slowed = { rate: Math.max(lowest, this.rate(now) * SLOW_DOWN_FACTOR), at: now + pauseMs };
	}
}

export interface AdaptiveLimits {
	/** Where a fresh pace starts: requests per second and in flight. */
	rate: number;
	inFlight: number;
	/** Never above these. */
	maxRate: number;
	maxInFlight: number;
}

/** How often the pace may grow: about a few round trips, short enough to reach full speed within a second or two. */
export const GROW_EVERY_MS = 250;
/** Latency counts as rising when its average exceeds twice the baseline plus this (timer and scheduling noise). */
const LATENCY_SLACK_MS = 50;
/**
 * The baseline is the fastest answer, drifting up by this share of the gap at every slower one: a client or
 * network that is slow as a whole (a busy machine) stops counting as "rising" after some 50 answers.
 */
const BASELINE_DRIFT = 0.02;
/** After a slow-down the rate grows by a tenth per step up to this share of the rate that met the last 429... */
const NEAR_LIMIT = 0.95;
/** ...and from there probes by 2 % per step, so it stays close under the limit and meets few 429s. */
const PROBE_GROWTH = 1.02;
/** Weight of the newest answer in the latency average. */
const LATENCY_WEIGHT = 0.2;
/** Answers averaged (since the start or the last slow-down) before the latency may slow the pace down or let it grow. */
const MIN_SAMPLES = 5;

/**
 * An undocumented limit, found by probing (the congestion-control idea, AIMD with a slow start):
 *
 * - Grow only while the pace is the bottleneck (requests waited for it), no 429 came and answers stay
 *   fast: at most every GROW_EVERY_MS, doubling rate and in-flight window until the first slow-down,
 *   then by a tenth, and the rate by only 2 % once it is within 95 % of the rate that met the last 429.
 * - A 429 means "too fast": rate and window drop to 70 % at once (not below 1).
 * - Rising latency (the average above twice the baseline plus LATENCY_SLACK_MS) means "too many in
 *   flight": the window drops to 70 % at once, not below where it started (the rate stays: a 429 is the
 *   only sign of a rate limit, and a busy client would otherwise talk itself down to a crawl).
 * - Answers to requests sent before a slow-down say nothing about the new pace, so a burst of them slows
 *   it down only once.
 * - Once a 429 has come, no more are in flight than the rate needs at the recent latency, plus one (see
 *   inFlight): the requests in flight at a back-off are the ones that meet its 429s.
 */
export class AdaptivePace implements Pace {
	private current: number;

	private window: number;

	private growing = true;

	private lastChange = 0;

	private slowedAt = -Infinity;

	private fastest = Infinity;

	private average?: number;

	private samples = 0;

	private waitedSinceChange = false;

	/** The rate that met the last 429. */
	private throttledRate = Infinity;

	/** Average latency of every answer (ms), stale ones included: what the in-flight cap after a 429 is sized by. */
	private recentLatency?: number;

	/** How often it slowed down, for 429s and for rising latency (tests and diagnostics). */
	readonly slowDowns = { throttled: 0, latency: 0 };

	constructor(private readonly limits: AdaptiveLimits) {
		this.current = limits.rate;
		this.window = limits.inFlight;
	}

	rate(): number {
		return this.current;
	}

	/**
	 * Once a 429 has come, no more in flight than the rate needs at the recent latency, plus one: all
	 * requests in flight at a back-off meet its 429s, and a busy client's window would otherwise be far
	 * wider than the rate can use.
	 */
	inFlight(): number {
		if (this.throttledRate === Infinity || this.recentLatency === undefined) return this.window;
		return Math.min(this.window, Math.ceil((this.current * this.recentLatency) / 1000) + 1);
	}

	exact(): boolean {
		return false;
	}

	/** Whether it has slowed down since it started (then it grows by a tenth, not by doubling). */
	probing(): boolean {
		return this.growing;
	}

	saturated(): void {
		this.waitedSinceChange = true;
	}

	answered(latencyMs: number, sentAt: number, now: number): void {
		this.recentLatency = this.recentLatency === undefined ? latencyMs : this.recentLatency + LATENCY_WEIGHT * (latencyMs - this.recentLatency);
		if (sentAt < this.slowedAt) return;
		this.fastest = latencyMs < this.fastest ? latencyMs : this.fastest + BASELINE_DRIFT * (latencyMs - this.fastest);
		this.average = this.average === undefined ? latencyMs : this.average + LATENCY_WEIGHT * (latencyMs - this.average);
		this.samples++;
		if (this.samples < MIN_SAMPLES) return;
		if (this.average > 2 * this.fastest + LATENCY_SLACK_MS) {
			this.slowDown(now, true);
			return;
		}
		if (this.waitedSinceChange && now - this.lastChange >= GROW_EVERY_MS) this.grow(now);
	}

	throttled(sentAt: number, now: number): void {
		if (sentAt < this.slowedAt) return;
		this.slowDown(now);
	}

	private grow(now: number): void {
		const { maxRate, maxInFlight } = this.limits;
		const factor = this.growing ? 2 : this.current >= NEAR_LIMIT * this.throttledRate ? PROBE_GROWTH : 1.1;
		this.current = Math.min(maxRate, this.current * factor);
		this.window = Math.min(maxInFlight, this.growing ? this.window * 2 : Math.max(this.window + 1, Math.round(this.window * 1.1)));
		this.changed(now);
	}

	private slowDown(now: number, latency = false): void {
		this.growing = false;
		this.slowDowns[latency ? 'latency' : 'throttled']++;
		if (latency) {
			this.window = Math.max(Math.min(this.window, this.limits.inFlight), Math.floor(this.window * SLOW_DOWN_FACTOR));
		} else {
			this.throttledRate = this.current;
			this.current = Math.max(Math.min(1, this.limits.rate), this.current * SLOW_DOWN_FACTOR);
			this.window = Math.max(1, Math.floor(this.window * SLOW_DOWN_FACTOR));
		}
		this.slowedAt = now;
		// The latency average starts again: the old one measured the pace that was too fast.
		this.average = undefined;
		this.samples = 0;
		this.changed(now);
	}

	private changed(now: number): void {
		this.lastChange = now;
		this.waitedSinceChange = false;
	}
}
