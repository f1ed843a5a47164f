/** Clean seconds at an unconfirmed ceiling (one 429, maybe a spike) before it rises... */
export const UNCONFIRMED_CLEAN_SECONDS = 2;
/** ...and at confidence 2 (doubling with each more), at least... */
export const CONFIRMED_CLEAN_SECONDS = 30;
/**
 * ...as many as keep a probe's cost under this share of the time: a probe that meets the limit again pauses every
 * execution of the process for the 429's wait (vivenu's Retry-After: 1 s, so 50 s).
 */
export const PROBE_PAUSE_SHARE = 0.02;
export const MAX_CONFIDENCE = 4;
/** A rise lifts the ceiling by this share of itself, at least one request per second. */
export const RISE_SHARE = 0.1;
export const CONFIDENCE_DECAY_MS = 10 * 60 * 1000;
/** Answers at the ceiling further apart than this (the workflow, not the pace, held them back) start the count of clean seconds again. */
const MAX_GAP_MS = 2000;

/**
 * What a 429 taught an adaptive pace (pace.ts) about the provider's limit, kept for as long as the pace
 * lives (the process, per credential and origin) and let rise again (docs/dev/pace.md, "The learned ceiling"):
 *
 * - **Learn.** A 429 at whole rate r that the API had not already delivered within a second sets the
 *   ceiling to r (the rate then stays below it). Until a second 429 reproduces it (at r ≥ the last 429's
 *   rate − 1), it is unconfirmed: never below the start rate, and forgotten when the pace restarts after
 *   a pause. Each reproduction adds one to its confidence (at most MAX_CONFIDENCE).
 * - **Rise.** After `cleanSecondsBeforeRise` seconds in a row with the pace the bottleneck at the ceiling
 *   (whole rate = ceiling − 1) and no 429, the ceiling rises by RISE_SHARE of itself (at least one): 2 s for
 *   an unconfirmed ceiling; at confidence 2, 30 s or 50 times the 429's pause if longer (so that probes cost at most
 *   PROBE_PAUSE_SHARE of the time), doubling with each more confidence. The rise is a probe: a 429 that
 *   reproduces the limit restores it with one more confidence; 2 clean seconds at the risen ceiling raise it
 *   again, and so on.
 * - **Decay.** Confidence drops by one for every CONFIDENCE_DECAY_MS since the last 429 that set it.
 */
export class LearnedCeiling {
	/** Whole requests per second that met a 429 (Infinity: none): the rate stays below it. */
	count = Infinity;

	/** The whole rate of the last 429 that set it: a later 429 at this rate − 1 or above reproduces it. */
	private met = Infinity;

	private confirmations = 0;

	/** When `confirmations` was last set (its decay counts from there). */
	private asOf = 0;

	/** The pause the last 429 that set the ceiling imposed (ms): what a probe that meets it again costs. */
	private pauseMs = 0;

	/** The run of clean seconds at the ceiling under way: when it began and when its last answer came. */
	private clean?: { since: number; last: number };

	/** A rise under way: the highest ceiling known clean, and the confidence the limit had before the rise. */
	private probe?: { from: number; confidence: number };

	/** A 429 at whole rate `rate` (the API had not delivered as many within a second) that pauses for `pauseMs`; `floor`: the start rate. */
	limitMet(rate: number, now: number, floor: number, pauseMs = 0): void {
		this.pauseMs = pauseMs;
		const reproduced = this.count < Infinity && rate >= this.met - 1;
		const prior = Math.max(this.confidence(now), this.probe?.confidence ?? 0);
		this.confirmations = reproduced ? Math.min(MAX_CONFIDENCE, prior + 1) : 1;
		this.count = reproduced ? rate : Math.min(this.count, Math.max(floor, rate));
		this.met = rate;
		this.asOf = now;
		this.clean = undefined;
		this.probe = undefined;
	}

	/** 0 without a ceiling; else 1 (unconfirmed, or probing above) up to MAX_CONFIDENCE, less one per CONFIDENCE_DECAY_MS. */
	confidence(now: number): number {
		if (this.count === Infinity) return 0;
		return Math.max(1, this.confirmations - Math.floor(Math.max(0, now - this.asOf) / CONFIDENCE_DECAY_MS));
	}

	/** Seconds in a row at the ceiling without a 429 before it rises. */
	cleanSecondsBeforeRise(now: number): number {
		const confidence = this.confidence(now);
		if (confidence <= 1) return UNCONFIRMED_CLEAN_SECONDS;
		const worthAProbe = Math.max(CONFIRMED_CLEAN_SECONDS, this.pauseMs / 1000 / PROBE_PAUSE_SHARE);
		return worthAProbe * 2 ** (confidence - 2);
	}

	/** An answer while the pace was the bottleneck, at `rate`: counts the clean seconds at the ceiling and raises it after enough. */
	answeredAt(rate: number, now: number): void {
		if (this.count === Infinity || Math.floor(rate) < this.count - 1) {
			this.clean = undefined;
			return;
		}
		if (!this.clean || now - this.clean.last > MAX_GAP_MS) this.clean = { since: now, last: now };
		this.clean.last = now;
		if (now - this.clean.since < this.cleanSecondsBeforeRise(now) * 1000) return;
		this.probe = { from: this.count, confidence: Math.max(this.confidence(now), this.probe?.confidence ?? 0) };
		this.confirmations = 1;
		this.asOf = now;
		this.count += Math.max(1, Math.ceil(this.count * RISE_SHARE));
		this.clean = undefined;
	}

	/**
	 * After a pause: the ceiling to resume under if a 429 confirmed it (a rise under way falls back to the
	 * highest ceiling known clean), else undefined, and an unconfirmed one is forgotten.
	 */
	resume(now: number): number | undefined {
		const confidence = Math.max(this.confidence(now), this.probe?.confidence ?? 0);
		if (confidence < 2) {
			this.count = Infinity;
			this.met = Infinity;
			this.confirmations = 0;
			this.probe = undefined;
			this.clean = undefined;
			return undefined;
		}
		if (this.probe) {
			this.count = this.probe.from;
			this.confirmations = this.probe.confidence;
			this.asOf = now;
			this.probe = undefined;
		}
		this.clean = undefined;
		return this.count;
	}
}
