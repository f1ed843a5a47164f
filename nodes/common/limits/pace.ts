import { LearnedCeiling } from './paceCeiling';

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
	/**
	 * A usable answer to the request sent at `sentAt` arrived after `latencyMs`, of which up to
	 * `clientDelayMs` the client itself was too busy to send or read it (see RateLimiter.lagSoFar).
	 */
	answered(latencyMs: number, sentAt: number, now: number, clientDelayMs?: number): void;
	/** A 429 to the request sent at `sentAt`; new requests wait `pauseMs` first. */
	throttled(sentAt: number, now: number, pauseMs: number): void;
	/** A request had to wait for the rate or the in-flight window: the pace, not the workflow, was the bottleneck. */
	saturated(now: number): void;
	/** A request goes out now. */
	sent(now: number): void;
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

	sent(): void {}

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
	/**
	 * A rate taken as safe without a 429 (default: `rate`; lower where the start is a burst): a first 429 sets
	 * the ceiling no lower, and what the API delivered never takes the rate below half of it.
	 */
	safeRate?: number;
	/** Never above these. */
	maxRate: number;
	maxInFlight: number;
}

/** Latency counts as rising when an answer takes longer than twice the baseline plus this (timer and scheduling noise)... */
const LATENCY_SLACK_MS = 50;
/** ...for this many answers in a row: a sustained rise, not the odd late answer of a busy client. */
const SUSTAINED_ANSWERS = 5;
/**
 * The baseline is the fastest of this many recent answers: a client or network that is slow as a whole
 * (a busy machine) raises it within as many answers, so it stops counting as "rising".
 */
const BASELINE_ANSWERS = 30;
/** After a 429, the rate grows by this many requests per second, per second, above the most the API has delivered (the additive increase of AIMD)... */
const PROBE_PER_SECOND = 1;
/**
 * A pace with nothing sent or answered for this long starts its window again from its start, in a slow start,
 * and its rate from the ceiling a 429 taught it if a second 429 confirmed it (paceCeiling.ts), else from its
 * start: what it learnt about a busy moment may no longer hold, and a full window sent at once into a limit
 * would meet a 429 with every request of it (slow-start restart, as in TCP).
 */
export const IDLE_RESTART_MS = 1000;
/**
 * A pause at most this long after a stretch that met no 429 and no rising latency resumes where that stretch
 * ended (its window, and the most the API delivered in a second as the rate), still in a slow start: the API
 * served that much a moment ago, and starting again from 10 in flight cost every repeated execution two or three
 * round trips (bench scenario 02, warm). Longer pauses start from the start, as any limit may have come since.
 */
export const CLEAN_RESUME_MS = 60 * 1000;
/** A second 429 within this long at about the rate of one taken for a spike teaches a ceiling after all. */
const SPIKE_MEMORY_MS = 10 * 1000;
/** Weight of the newest answer in the recent latency (the in-flight cap after a 429). */
const LATENCY_WEIGHT = 0.2;
/** Usable answers within this window are the rate the API delivered (the rate after a 429). */
const DELIVERED_WINDOW_MS = 1000;

/**
 * An undocumented limit, found by probing (the congestion-control idea, a slow start and AIMD):
 *
 * - Slow start, while the pace is the bottleneck (a request or an item waited for it within a round trip
 *   of the request going out) and no 429 came: every such answer adds one to the in-flight window and two to the rate, so
 *   both double every round trip, however long the round trip is. (Two: the rate counts a request for a
 *   second after its answer, see RateLimiter, so one per answer would hold the first second's requests
 *   in flight at the start rate.)
 * - A 429 means "too fast": the rate drops at once to 70 %, or to what the API delivered in the last
 *   second if that is less (in a slow start the rate may be far above the limit when the first 429 comes),
 *   and the window to 70 %. Then the window grows by one per round trip, and the rate by one per answer
 *   up to the most the API has delivered in a second, above that by one request per second per second;
 *   it never again reaches the rate that met the 429 (the ceiling, kept and let rise by paceCeiling.ts).
 *   A 429 at a whole rate the API already delivered within a second since the last pause is a spike (or
 *   another client): it slows the pace down but teaches no ceiling.
 * - Rising latency (SUSTAINED_ANSWERS answers in a row above twice the baseline plus LATENCY_SLACK_MS,
 *   not counting the time the client itself was too busy, see RateLimiter.lagSoFar) means "too many in flight": the window drops to 70 %, not below where it started, and grows by one
 *   per round trip from then on. The rate stays: a 429 is the only sign of a rate limit, and a busy
 *   client would otherwise talk itself down to a crawl.
 * - Answers to requests sent before a slow-down say nothing about the new pace, so a burst of them slows
 *   it down only once.
 * - After IDLE_RESTART_MS with nothing sent or answered, the window starts again from its start in a slow
 *   start; the rate from just under a confirmed ceiling, else from its start (an unconfirmed ceiling is
 *   forgotten). What the API delivered before the pause no longer counts.
 * - Once a 429 has come, no more are in flight than the rate needs at the recent latency, plus one, or than
 *   the API served within a second since (see inFlight): the requests in flight at a back-off are the ones
 *   that meet its 429s.
 */
export class AdaptivePace implements Pace {
	private current: number;

	private window: number;

	/** The rate doubles per round trip until the first 429; the window until the first slow-down of either kind. */
	private rateStarting = true;

	private windowStarting = true;

	/** When the pace last changed by a round trip's growth or a slow-down: an answer to a request sent since then took one round trip at the new pace. */
	private lastChange = -Infinity;

	private slowedAt = -Infinity;

	/** When a request or an item last waited for the pace. */
	private saturatedAt = -Infinity;

	/** When a request last went out or was answered. */
	private activeAt = -Infinity;

	/** The whole requests per second that met a 429, kept across executions and let rise (paceCeiling.ts). */
	readonly ceiling = new LearnedCeiling();

	/** The most recent answers' latencies (the baseline is their fastest), and how many in a row were slow. */
	private latencies: number[] = [];

	private slowInARow = 0;

	/** When the usable answers of the last DELIVERED_WINDOW_MS arrived, and the most of them there were since the pace was last idle (a rate known to work). */
	private delivered: number[] = [];

	private mostDelivered = 0;

	/** The most usable answers within a second since the last 429: a 429 at a whole rate up to this is a spike, not a limit. */
	private servedSinceThrottled = 0;

	/** The last 429 taken for a spike: another at about its rate soon after is a limit that a busy client saw served in bunches. */
	private lastSpike?: { whole: number; at: number };

	/** Average latency of every answer (ms), stale ones included: what the in-flight cap after a 429 is sized by. */
	private recentLatency?: number;

	/** Whether a 429 came since the pace last restarted after a pause (see inFlight). */
	private throttledSinceRestart = false;

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
	 * Once a 429 has come, no more in flight than the rate needs at the recent latency, plus one, or than the
	 * API has served within a second since that 429 if more: all requests in flight at a back-off meet its
	 * 429s, and a busy client's window would otherwise be far wider than the rate can use; but a second's
	 * budget the API has just served may go at once, where two at a time spread every second's requests over
	 * ten round trips (at 20/s and 45 ms, the last second of an execution took 460 ms instead of 80). Not after
	 * a restart under a kept ceiling until a 429 comes again: the API has seen none of these requests for a
	 * second, so the rate's whole budget may go at once (in the window's slow start).
	 */
	inFlight(): number {
		if (this.ceiling.count === Infinity || !this.throttledSinceRestart || this.recentLatency === undefined) return this.window;
		const needed = Math.ceil((this.current * this.recentLatency) / 1000) + 1;
		return Math.min(this.window, Math.max(needed, this.servedSinceThrottled));
	}

	exact(): boolean {
		return false;
	}

	/** Whether it is still in its slow start (no slow-down of either kind yet). */
	probing(): boolean {
		return this.rateStarting && this.windowStarting;
	}

	saturated(now: number): void {
		this.saturatedAt = Math.max(this.saturatedAt, now);
	}

	sent(now: number): void {
		// Not idle: a request that waited for the rate or the window (saturated at this same moment), or the end
		// of a 429's pause (see throttled).
		if (now - this.activeAt > IDLE_RESTART_MS && this.saturatedAt < now) {
			// A fresh start: what the pace learnt before the pause (a 429 from a spike or another client, a rate
			// that sparse traffic delivered) must not hold a later run down at a crawl for minutes.
			const clean = this.probing() && now - this.activeAt <= CLEAN_RESUME_MS ? { window: this.window, rate: this.mostDelivered } : undefined;
			this.window = Math.min(this.window, this.limits.inFlight);
			this.windowStarting = true;
			const ceiling = this.ceiling.resume(now);
			// A limit met twice: straight back to just under it, no slow start into its 429s.
			this.rateStarting = ceiling === undefined;
			this.current = ceiling === undefined ? this.limits.rate : Math.min(this.limits.maxRate, ceiling - 0.001);
			this.mostDelivered = 0;
			this.servedSinceThrottled = 0;
			this.throttledSinceRestart = false;
			if (clean) {
				this.window = Math.max(this.window, clean.window);
				this.current = Math.min(this.limits.maxRate, Math.max(this.current, clean.rate));
			}
		}
		this.activeAt = Math.max(this.activeAt, now);
	}

	answered(latencyMs: number, sentAt: number, now: number, clientDelayMs = 0): void {
		this.activeAt = Math.max(this.activeAt, now);
		this.recentLatency = this.recentLatency === undefined ? latencyMs : this.recentLatency + LATENCY_WEIGHT * (latencyMs - this.recentLatency);
		this.delivered.push(now);
		const delivered = this.deliveredRate(now);
		this.mostDelivered = Math.max(this.mostDelivered, delivered);
		this.servedSinceThrottled = Math.max(this.servedSinceThrottled, delivered);
		if (sentAt < this.slowedAt) return;
		// What the API took: the latency without the time the client was too busy to send or read the request.
		const apiMs = Math.max(0, latencyMs - clientDelayMs);
		this.latencies.push(apiMs);
		if (this.latencies.length > BASELINE_ANSWERS) this.latencies.shift();
		const baseline = Math.min(...this.latencies);
		this.slowInARow = apiMs > 2 * baseline + LATENCY_SLACK_MS ? this.slowInARow + 1 : 0;
		if (this.slowInARow >= SUSTAINED_ANSWERS) {
			this.slowDown(now, true);
			return;
		}
		// Only while the pace held something back within a round trip of this request going out (else the
		// workflow is the bottleneck): one page after another waits for the rate every few pages, not at each.
		if (this.saturatedAt >= sentAt - latencyMs) this.grow(sentAt, now);
	}

	throttled(sentAt: number, now: number, pauseMs = 0): void {
		// The pause a 429 imposes is not idleness: the requests waiting through it must not restart the pace.
		this.activeAt = Math.max(this.activeAt, now + pauseMs);
		if (sentAt < this.slowedAt) return;
		this.slowDown(now, false, pauseMs);
	}

	private safeRate(): number {
		return this.limits.safeRate ?? this.limits.rate;
	}

	/** Usable answers in the last DELIVERED_WINDOW_MS: what the API served per second. */
	private deliveredRate(now: number): number {
		while (this.delivered.length && this.delivered[0] <= now - DELIVERED_WINDOW_MS) this.delivered.shift();
		return this.delivered.length;
	}

	private grow(sentAt: number, now: number): void {
		const { maxRate, maxInFlight } = this.limits;
		const roundTrip = sentAt >= this.lastChange;
		if (this.rateStarting) this.current = Math.min(maxRate, this.current + 2);
		else {
			// Back to a rate known to work by one per answer (it doubles within a second or two), then probe
			// above it by PROBE_PER_SECOND per second, once per round trip; never to the ceiling, whose whole
			// requests per second (see RateLimiter.budget) met a 429.
			let next = this.current;
			if (this.current < this.mostDelivered) next = Math.min(this.mostDelivered, this.current + 1);
			else if (roundTrip) next = this.current + (PROBE_PER_SECOND * (now - this.lastChange)) / 1000;
			this.current = Math.max(this.current, Math.min(maxRate, this.ceiling.count - 0.001, next));
			this.ceiling.answeredAt(this.current, now);
		}
		if (this.windowStarting || roundTrip) this.window = Math.min(maxInFlight, this.window + 1);
		if (roundTrip && !(this.rateStarting && this.windowStarting)) this.lastChange = now;
	}

	private slowDown(now: number, latency = false, pauseMs = 0): void {
		this.windowStarting = false;
		this.slowDowns[latency ? 'latency' : 'throttled']++;
		if (latency) {
			this.window = Math.max(Math.min(this.window, this.limits.inFlight), Math.floor(this.window * SLOW_DOWN_FACTOR));
		} else {
			this.rateStarting = false;
			this.throttledSinceRestart = true;
			const whole = Math.max(1, Math.floor(this.current));
			const recent = this.deliveredRate(now);
			// The API served that many within a second since the last 429: a spike or another client, no limit to learn.
			// The rate climbs back quickly only to below it, so that a second 429 there does teach one.
			const again = this.lastSpike && now - this.lastSpike.at < SPIKE_MEMORY_MS && whole >= this.lastSpike.whole - 1;
			if (whole <= this.servedSinceThrottled && !again) {
				this.lastSpike = { whole, at: now };
				this.mostDelivered = Math.min(this.mostDelivered, whole - 1);
			} else {
				this.lastSpike = undefined;
				this.ceiling.limitMet(whole, now, Math.ceil(this.safeRate()), pauseMs);
				// A limit lower than what worked before (it dropped, or another client came): what is known to work
				// shrinks with the rate, or the quick climb back would meet a 429 one step lower each time.
				this.mostDelivered = Math.min(this.mostDelivered, Math.max(recent, Math.floor(whole * SLOW_DOWN_FACTOR)));
			}
			this.servedSinceThrottled = 0;
			const lowest = Math.min(1, this.limits.rate);
			// What the API delivered is the better guess only while traffic was dense: sparse traffic delivers
			// little whatever the limit, so it never takes the rate below half the safe rate (70 % still may).
			const delivered = Math.max(this.deliveredRate(now), this.safeRate() / 2);
			this.current = Math.max(lowest, Math.min(this.current * SLOW_DOWN_FACTOR, delivered));
			this.window = Math.max(1, Math.floor(this.window * SLOW_DOWN_FACTOR));
		}
		this.slowedAt = now;
		this.slowInARow = 0;
		this.lastChange = now;
	}
}
