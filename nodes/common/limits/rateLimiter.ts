import { sleep } from 'n8n-workflow';

import { FixedPace, type Pace } from './pace';

const WINDOW_MS = 1000;
/** A limiter nobody asked for a slot for this long, with nothing waiting or in flight, may be forgotten (see Registry). */
const IDLE_MS = 10 * 60 * 1000;
/** A slot whose answer never got reported (a caller that ignores the release) stops counting after this. */
const MAX_IN_FLIGHT_MS = 60 * 1000;
/** Longest nap while every slot is in flight; a release wakes the limiter earlier. */
const POLL_MS = 50;
/** The nap whose lateness measures the client's own scheduling delay while requests are in flight. */
const LAG_PROBE_MS = 10;

/** Round trips the credit is taken from (the most recent), and how many it needs first. */
const CREDIT_ROUND_TRIPS = 30;
const CREDIT_MIN_ROUND_TRIPS = 10;

/**
 * When a finished slot counts from: its answer less a credit of twice the fastest recent round trip less the
 * slowest (round trips without the time the client itself was too busy, see RateLimiter.lagSoFar). A request
 * reaches the server at least the outbound part of the fastest round trip after it starts, and its answer
 * leaves at least the return part before it arrives, so a slot may count from its answer less the fastest
 * round trip; less again their spread, as the fastest round trip need not have been the fastest both ways.
 * Answers that vary much get no credit. None before CREDIT_MIN_ROUND_TRIPS round trips; a fast failure only lowers it.
 */
export class SlotCredit {
	private recent: number[] = [];

	private ms = 0;

	countedFrom(start: number, end: number, clientDelayMs = 0): number {
		this.recent.push(Math.max(0, end - start - clientDelayMs));
		if (this.recent.length > CREDIT_ROUND_TRIPS) this.recent.shift();
		if (this.recent.length >= CREDIT_MIN_ROUND_TRIPS) this.ms = Math.max(0, 2 * Math.min(...this.recent) - Math.max(...this.recent));
		return end - Math.min(this.ms, end - start);
	}
}

interface Slot {
	start: number;
	/** The client's scheduling delay so far (see lagSoFar) when the request went out. */
	lagAtStart: number;
	/** When the answer arrived; undefined while the request is in flight. */
	end?: number;
	/** When the slot counts from: its answer less the credit then (see SlotCredit). */
	countedFrom?: number;
}

interface Waiter {
	/** Editor list searches go before queued executions (see acquire). */
	priority: boolean;
	grant: (release: Release) => void;
}

/**
 * Called once the answer (or failure) has arrived. `answered: true` for a usable answer (not a 429, not
 * a 5xx): its latency tells an adaptive pace whether the API stays fast.
 */
export type Release = (answered?: boolean) => void;

/**
 * Spaces requests so that no more than the pace's rate reach the server in any window (fractional
 * rates: see budget) and, for an adaptive pace, no more than its window of requests are in flight.
 *
 * A slot counts from its answer, less the part of the round trip every answer takes:
 * the server counts the request somewhere between its start and its answer, and the time until it
 * goes out varies. Counting from the answer keeps every one-second window at the server within the
 * limit whatever that delay; the credit (SlotCredit) takes off the time no request goes without, so that a
 * request does not wait a whole round trip per window more than the limit asks.
 *
 * Requests are served in arrival order by one pump; editor list searches are put before every queued
 * execution request, so a picker waits for at most the next free slot, not for other executions' queues.
 * A 429 pauses everyone for the wait it asks for and tells the pace (backOff).
 */
export class RateLimiter {
	readonly pace: Pace;

	private slots: Slot[] = [];

	private waiters: Waiter[] = [];

	private pumping = false;

	private pausedUntil = 0;

	private wake?: () => void;

	/** How late the lag probe's naps woke, summed, and when the nap under way began. */
	private lag = { total: 0, napStart: undefined as number | undefined };

	/** When a slot was last asked for (see expired). */
	private lastUsed = Date.now();

	/** Every answer's and failure's round trip: what a finished slot is credited (see SlotCredit). */
	private readonly credit = new SlotCredit();

	constructor(pace: Pace | number) {
		this.pace = typeof pace === 'number' ? new FixedPace(pace) : pace;
	}

	/** Requests per second allowed at `now`. */
	currentRate(now = Date.now()): number {
		return this.pace.rate(now);
	}

	/** Whether nothing is waiting or in flight (an idle limiter may be forgotten). */
	idle(now = Date.now()): boolean {
		return this.waiters.length === 0 && !this.slots.some((slot) => slot.end === undefined && now - slot.start < MAX_IN_FLIGHT_MS);
	}

	/** Whether a registry may forget the limiter: unused for IDLE_MS and idle. */
	expired(now = Date.now()): boolean {
		return now - this.lastUsed > IDLE_MS && this.idle(now);
	}

	/**
	 * After a 429 to the request sent at `sentAt`: blocks new requests for `pauseMs`, and lets the pace
	 * slow down (answers to requests sent before its last slow-down lower it only once, see Pace).
	 */
	backOff(pauseMs: number, sentAt: number, now = Date.now()): void {
		this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		this.pace.throttled(sentAt, now, pauseMs);
	}

	/** Waits for a slot; call the returned function once the answer (or failure) has arrived. */
	async acquire(priority = false): Promise<Release> {
		this.lastUsed = Date.now();
		if (!(this.pace.rate(Date.now()) > 0)) return () => undefined;
		return await new Promise<Release>((grant) => {
			const waiter: Waiter = { priority, grant };
			if (priority) {
				const firstOrdinary = this.waiters.findIndex((w) => !w.priority);
				this.waiters.splice(firstOrdinary < 0 ? this.waiters.length : firstOrdinary, 0, waiter);
			} else {
				this.waiters.push(waiter);
			}
			void this.pump();
		});
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		// Whether the waiters were held back by the rate or the window: the requests that go once it lets them
		// are the pace's bottleneck too.
		let held = false;
		try {
			while (this.waiters.length) {
				const now = Date.now();
				if (now < this.pausedUntil) {
					await sleep(this.pausedUntil - now);
					continue;
				}
				const wait = this.waitBeforeNext(now);
				if (wait === 0) {
					if (held || this.halfUsed(now)) this.pace.saturated(now);
					held = false;
					this.waiters.shift()?.grant(this.take(now));
					continue;
				}
				held = true;
				this.pace.saturated(now);
				await Promise.race([sleep(wait), new Promise<void>((resolve) => (this.wake = resolve))]);
				this.wake = undefined;
			}
		} finally {
			this.pumping = false;
		}
	}

	private take(now: number): Release {
		const slot: Slot = { start: now, lagAtStart: this.lagSoFar(now) };
		this.slots.push(slot);
		this.pace.sent(now);
		void this.probeLag();
		return (answered = false) => {
			if (slot.end !== undefined) return;
			slot.end = Date.now();
			const clientDelay = this.lagSoFar(slot.end) - slot.lagAtStart;
			slot.countedFrom = this.credit.countedFrom(slot.start, slot.end, clientDelay);
			if (answered) this.pace.answered(slot.end - slot.start, slot.start, slot.end, clientDelay);
			this.wake?.();
		};
	}

	/**
	 * The client's own scheduling delay: how much later than asked short naps woke, summed, while requests
	 * are in flight. An answer that waited for a busy event loop (many items being processed, a loaded
	 * machine) was late by up to that much, which is no sign of a slower API (see Pace.answered).
	 */
	private lagSoFar(now: number): number {
		const { total, napStart } = this.lag;
		return total + (napStart === undefined ? 0 : Math.max(0, now - napStart - LAG_PROBE_MS));
	}

	private async probeLag(): Promise<void> {
		if (this.lag.napStart !== undefined) return;
		try {
			while (this.slots.some((slot) => slot.end === undefined && Date.now() - slot.start < MAX_IN_FLIGHT_MS)) {
				const napStart = Date.now();
				this.lag.napStart = napStart;
				await sleep(LAG_PROBE_MS);
				this.lag.total += Math.max(0, Date.now() - napStart - LAG_PROBE_MS);
			}
		} finally {
			this.lag.napStart = undefined;
		}
	}

	/**
	 * Whether the request going out at `now` uses more than half of the rate's budget or of the in-flight
	 * window: the pace is then what sets the speed (as TCP grows its window only while it uses half of it),
	 * though nothing waited yet; one page after another would otherwise use the budget in a fraction of
	 * a second, wait out the rest and grow only once per second.
	 */
	private halfUsed(now: number): boolean {
		const inFlight = this.slots.filter((slot) => slot.end === undefined).length;
		return 2 * (this.slots.length + 1) > this.budget(now).count || 2 * (inFlight + 1) > this.pace.inFlight();
	}

	/** 0 when a request may go now, else how long to wait before looking again. */
	private waitBeforeNext(now: number): number {
		const { count, windowMs } = this.budget(now);
		// In-flight slots always count (up to MAX_IN_FLIGHT_MS); finished ones for one window after they count from.
		this.slots = this.slots.filter((slot) => (slot.countedFrom === undefined ? now - slot.start < MAX_IN_FLIGHT_MS : now - slot.countedFrom < windowMs));
		const inFlight = this.slots.filter((slot) => slot.end === undefined).length;
		if (this.slots.length < count && inFlight < this.pace.inFlight()) return 0;
		// Wait until the oldest finished slot leaves the window, or until a release while all are in flight.
		let oldestEnd = Infinity;
		for (const slot of this.slots) if (slot.countedFrom !== undefined && slot.countedFrom < oldestEnd) oldestEnd = slot.countedFrom;
		if (inFlight >= this.pace.inFlight() || oldestEnd === Infinity) return POLL_MS;
		return Math.max(1, Math.min(windowMs - (now - oldestEnd) + 1, windowMs));
	}

	/**
	 * Requests allowed per window, and the window: `rate` per second as whole requests. Below 1 per second,
	 * one request per 1/rate seconds (0.5 → one every 2 s); a configured fractional rate above 1 as
	 * ceil(rate) requests per ceil(rate)/rate seconds (1.5 → 2 every 1.33 s); a lowered or adapted rate
	 * (7.4 after a 429) as whole requests per second (7), so never more than it.
	 */
	budget(now = Date.now()): { count: number; windowMs: number } {
		const rate = this.pace.rate(now);
		if (rate >= 1 && !this.pace.exact(now)) return { count: Math.floor(rate), windowMs: WINDOW_MS };
		const count = Math.ceil(rate);
		return { count, windowMs: (WINDOW_MS * count) / rate };
	}
}
