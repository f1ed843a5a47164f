import { AdaptivePace, CLEAN_RESUME_MS, FixedPace, IDLE_RESTART_MS } from '../../nodes/common/limits/pace';
import { UNCONFIRMED_CLEAN_SECONDS } from '../../nodes/common/limits/paceCeiling';
import { mapSettled } from '../../nodes/common/limits/pool';
import { RateLimiter } from '../../nodes/common/limits/rateLimiter';
import { paceFor, quotaStopOf, resetSharedLimits, sharedLimiter, stopForQuota } from '../../nodes/common/limits/throttle';
import { rateLimitShare } from '../../nodes/common/limits/rateLimitShare';

const limits = { rate: 10, inFlight: 4, maxRate: 100, maxInFlight: 20 };
const T = 1_000_000;

/** Feeds `count` answers to requests sent at `at`, each after `latencyMs` (10 unless told), the pace having been the bottleneck meanwhile. */
function fastAnswers(pace: AdaptivePace, at: number, count = 5, latencyMs = 10, clientDelayMs = 0): void {
	for (let k = 0; k < count; k++) {
		pace.saturated(at);
		pace.answered(latencyMs, at, at + latencyMs, clientDelayMs);
	}
}

const state = (pace: AdaptivePace) => [pace.rate(), pace.inFlight()];

describe('adaptive pace (issue 15): slow start per round trip, AIMD after a 429', () => {
	it('slow start: every answer while the pace is the bottleneck adds one in flight and two per second, however little time passed', () => {
		const pace = new AdaptivePace(limits);
		expect(state(pace)).toEqual([10, 4]);
		// The first window's 4 answers, all within 10 ms: window 4 → 8, rate 10 → 18 (it doubled in one round trip).
		fastAnswers(pace, T, 4);
		expect(state(pace)).toEqual([18, 8]);
		// The next round trip, 10 ms later: 8 answers double it again.
		fastAnswers(pace, T + 10, 8);
		expect(state(pace)).toEqual([34, 16]);
		fastAnswers(pace, T + 20, 40);
		expect(state(pace)).toEqual([100, 20]);
		expect(pace.probing()).toBe(true);
	});

	it('does not grow while the workflow, not the pace, is the bottleneck, nor for answers to requests sent more than a round trip after the pace last held anything back', () => {
		const pace = new AdaptivePace(limits);
		for (let k = 0; k < 10; k++) pace.answered(10, T + k * 100, T + k * 100 + 10);
		expect(state(pace)).toEqual([10, 4]);
		pace.saturated(T + 2000);
		// Sent 20 ms after the pace last held anything back, answered within 10 ms: more than a round trip later.
		pace.answered(10, T + 2020, T + 2030);
		expect(state(pace)).toEqual([10, 4]);
		// Sent within a round trip of it.
		pace.answered(10, T + 2005, T + 2015);
		expect(state(pace)).toEqual([12, 5]);
	});

	it('rising latency: five slow answers in a row shrink the window (not below its start) and end its slow start; the rate keeps growing until a 429', () => {
		const pace = new AdaptivePace(limits);
		fastAnswers(pace, T, 12);
		expect(state(pace)).toEqual([34, 16]);
		// Four slow answers (above twice the 10 ms baseline plus 50 ms) and a fast one: the odd late answer, no slow-down.
		fastAnswers(pace, T + 100, 4, 200);
		fastAnswers(pace, T + 100, 1);
		expect(pace.slowDowns.latency).toBe(0);
		expect(state(pace)).toEqual([44, 20]);
		fastAnswers(pace, T + 200, 5, 200);
		expect(pace.slowDowns.latency).toBe(1);
		expect(pace.inFlight()).toBe(14);
		expect(pace.probing()).toBe(false);
		// Answers to requests sent before the slow-down neither slow it down again nor let it grow.
		fastAnswers(pace, T + 150, 10, 500);
		expect([pace.slowDowns.latency, pace.inFlight()]).toEqual([1, 14]);
		// Now one in flight more per round trip (an answer to a request sent since the last change), two per second more per answer.
		const rate = pace.rate();
		fastAnswers(pace, T + 500, 3);
		expect(state(pace)).toEqual([rate + 6, 15]);
		// Each round of five slow answers (to requests sent after the last slow-down) shrinks it again, down to its start.
		for (let k = 0; k < 4; k++) fastAnswers(pace, T + 1000 * (k + 1), 5, 400);
		expect([pace.slowDowns.latency, pace.inFlight()]).toEqual([5, limits.inFlight]);
	});

	it('answers that waited for a busy client (its own scheduling delay) are no sign of a slower API', () => {
		const pace = new AdaptivePace(limits);
		fastAnswers(pace, T, 4);
		// 400 ms answers, 380 ms of which the event loop was too busy to read them: the API took 20 ms.
		fastAnswers(pace, T + 100, 16, 400, 380);
		expect(pace.slowDowns.latency).toBe(0);
		expect(state(pace)).toEqual([50, 20]);
		// The same answers without that delay: rising latency.
		const other = new AdaptivePace(limits);
		fastAnswers(other, T, 4);
		fastAnswers(other, T + 100, 16, 400);
		expect(other.slowDowns.latency).toBeGreaterThan(0);
	});

	it('a 429 drops the rate to what the API delivered in the last second (at most 70 %) and the window to 70 %; 429s to requests sent before that count once', () => {
		const pace = new AdaptivePace(limits);
		// 12 answers within the last second, the rate has grown to 34 by then.
		fastAnswers(pace, T, 12, 1000);
		expect(state(pace)).toEqual([34, 16]);
		pace.throttled(T + 50, T + 1100);
		expect(state(pace)).toEqual([12, 11]);
		expect(pace.slowDowns.throttled).toBe(1);
		pace.throttled(T + 60, T + 1110);
		expect(pace.slowDowns.throttled).toBe(1);
		expect(pace.probing()).toBe(false);
		// 70 % when that is less than what was delivered.
		const other = new AdaptivePace(limits);
		for (let k = 0; k < 30; k++) fastAnswers(other, T + k * 10, 1, 20);
		other.throttled(T + 300, T + 320);
		expect(other.rate()).toBe(30);
		// One more answer: 31 delivered within a second, so back to 31 at once; its 429 finds 31 delivered: 70 % is less.
		fastAnswers(other, T + 400, 1, 20);
		expect(other.rate()).toBe(31);
		other.throttled(T + 410, T + 430);
		expect(other.rate()).toBeCloseTo(0.7 * 31, 5);
	});

	it('after a 429: back by one per answer to the most the API delivered in a second, then one per second per second, never to the rate that met the 429 until the ceiling rises', () => {
		const pace = new AdaptivePace({ ...limits, maxInFlight: 100 });
		// 30 answers within a second: the rate grows to 70 in the slow start, the API delivered 30 in that second.
		for (let k = 0; k < 30; k++) fastAnswers(pace, T + k * 10, 1, 20);
		expect(pace.rate()).toBe(70);
		pace.throttled(T + 400, T + 500);
		// min(70 % of 70, 30 delivered): the first 429 of a slow start meets a rate far above the limit.
		expect(pace.rate()).toBe(30);
		// A 429 at 30.x (the limit is 30 whole requests per second) to a request sent later.
		let t = T + 2000;
		fastAnswers(pace, t, 1, 20);
		// 30 is the most delivered in a second: above it, one per second per second since the slow-down, 1.52 s ago.
		expect(pace.rate()).toBeCloseTo(31.52, 5);
		pace.throttled(t + 10, t + 30);
		// Nothing delivered in that second but one answer: sparse traffic says little, so half the start rate (5),
		// then one more per answer up to the 30 known to work.
		expect(pace.rate()).toBe(5);
		t += 1000;
		fastAnswers(pace, t, 10, 20);
		expect(pace.rate()).toBe(15);
		fastAnswers(pace, t + 100, 40, 20);
		// Not 30: the ceiling is 31 (floor of 31.52), so at most 30.999, 30 whole requests per second.
		expect(pace.rate()).toBeCloseTo(30.999, 5);
		// It stays there while the clean seconds at the ceiling are fewer than an unconfirmed ceiling needs...
		for (let k = 0; k < 19; k++) fastAnswers(pace, t + 200 + k * 100, 1, 20);
		expect(pace.rate()).toBeCloseTo(30.999, 5);
		expect(pace.ceiling.count).toBe(31);
		// ...then the ceiling rises by a tenth (at least one) and the rate probes above 31 (by 1/s per second since its last change).
		t += 200 + UNCONFIRMED_CLEAN_SECONDS * 1000;
		for (let k = 0; k < 10; k++) fastAnswers(pace, t + k * 100, 1, 20);
		expect(pace.ceiling.count).toBe(31 + 4);
		expect(pace.rate()).toBeGreaterThan(31);
		expect(pace.rate()).toBeLessThan(35);
	});

	it('once a 429 has come, no more in flight than ceil(rate × recent latency) + 1, below the window', () => {
		const pace = new AdaptivePace(limits);
		fastAnswers(pace, T, 4);
		// No 429 yet: the window alone, however fast the answers.
		expect(state(pace)).toEqual([18, 8]);
		pace.throttled(T + 50, T + 60);
		// 4 delivered in the last second, but never below half the start rate: 5/s at 10 ms needs 0.05 in flight: 1, plus 1.
		expect(state(pace)).toEqual([5, 2]);
		// Slower answers (even to requests sent before the slow-down; one per second, so the API served one at a
		// time) widen it, up to the window (5).
		for (let k = 0; k < 20; k++) pace.answered(500, T + 50, T + 1550 + k * 1000);
		expect(pace.inFlight()).toBe(4);
		for (let k = 0; k < 20; k++) pace.answered(5000, T + 50, T + 30_000 + k * 1000);
		expect(pace.inFlight()).toBe(5);
	});

	it("once a 429 has come, a second's budget the API served since then may be in flight at once, below the window", () => {
		const pace = new AdaptivePace({ rate: 20, inFlight: 30, maxRate: 100, maxInFlight: 30 });
		pace.answered(40, T - 1100, T - 1060);
		pace.throttled(T, T + 40);
		// 10/s (half the start rate) at 40 ms needs 1 in flight, plus 1.
		expect(pace.inFlight()).toBe(2);
		// The API serves 12 answers within a second: 12 may go at once.
		for (let k = 0; k < 12; k++) pace.answered(40, T + 100 + k * 50, T + 140 + k * 50);
		expect(pace.inFlight()).toBe(12);
		// Another 429 forgets it: back to what the rate needs at the latency.
		pace.throttled(T + 800, T + 840);
		expect(pace.inFlight()).toBe(2);
	});

	it('after IDLE_RESTART_MS with nothing sent or answered: a clean stretch (no slow-down) resumes where it ended if the pause was at most CLEAN_RESUME_MS, else window and rate start again from their start in a slow start, even after a 429', () => {
		const pace = new AdaptivePace(limits);
		pace.sent(T);
		fastAnswers(pace, T, 12);
		expect(state(pace)).toEqual([34, 16]);
		// Busy without a pause: nothing changes.
		pace.sent(T + 10 + IDLE_RESTART_MS);
		expect(state(pace)).toEqual([34, 16]);
		// A short pause after a clean stretch: its window (16) and the most the API delivered in a second (12), in a slow start.
		pace.sent(T + 11 + 2 * IDLE_RESTART_MS);
		expect(state(pace)).toEqual([12, 16]);
		expect(pace.probing()).toBe(true);
		// A longer pause: from the start.
		pace.sent(T + 12 + 2 * IDLE_RESTART_MS + CLEAN_RESUME_MS + 1);
		expect(state(pace)).toEqual([10, 4]);
		fastAnswers(pace, T + 12 + 2 * IDLE_RESTART_MS + CLEAN_RESUME_MS + 1, 4);
		expect(state(pace)).toEqual([18, 8]);
		// After a 429 too: a spike or another client's burst must not hold a later run down (the reliability soak
		// crawled at a few requests per second for minutes when the ceiling of old 429s survived pauses).
		const other = new AdaptivePace({ ...limits, maxInFlight: 100 });
		for (let k = 0; k < 30; k++) fastAnswers(other, T + k * 10, 1, 2000);
		other.throttled(T + 400, T + 2300);
		expect(other.rate()).toBe(30);
		expect(other.probing()).toBe(false);
		other.sent(T + 2301 + IDLE_RESTART_MS);
		expect(state(other)).toEqual([10, 4]);
		expect(other.probing()).toBe(true);
	});

	it('429s go down to 1 per second and 1 in flight, no lower', () => {
		const pace = new AdaptivePace(limits);
		for (let k = 0; k < 50; k++) pace.throttled(T + 1000 + k, T + 1000 + k);
		expect(state(pace)).toEqual([1, 1]);
	});

	it('a documented limit is used exactly: no growth, no window of its own', () => {
		const pace = new FixedPace(4);
		pace.saturated();
		pace.answered();
		expect([pace.rate(T), pace.inFlight(), pace.exact(T)]).toEqual([4, Infinity, true]);
	});

	it('items held back by a changing concurrency (the window) tell the pace, items held by the fixed maximum do not', async () => {
		let held = 0;
		let window = 2;
		let running = 0;
		let most = 0;
		await mapSettled(
			Array.from({ length: 6 }, (_, i) => i),
			{ max: 4, now: () => window, held: () => held++ },
			async () => {
				most = Math.max(most, ++running);
				await Promise.resolve();
				running--;
			},
		);
		expect(most).toBe(2);
		expect(held).toBeGreaterThan(0);
		held = 0;
		window = 10;
		await mapSettled([1, 2, 3, 4, 5, 6], { max: 2, now: () => window, held: () => held++ }, async () => await Promise.resolve());
		expect(held).toBe(0);
	});
});

describe('the limiter: in-flight window and list-search priority', () => {
	it('lets no more than the window be in flight; a release lets the next one go', async () => {
		const limiter = new RateLimiter(new AdaptivePace({ rate: 100, inFlight: 2, maxRate: 100, maxInFlight: 2 }));
		const first = await limiter.acquire();
		const second = await limiter.acquire();
		let third = false;
		const pending = limiter.acquire().then((release) => {
			third = true;
			return release;
		});
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(third).toBe(false);
		first(true);
		(await pending)();
		second();
		expect(third).toBe(true);
	});

	it('one request after another, nothing waiting: the pace grows once a request uses more than half of the rate budget', async () => {
		const pace = new AdaptivePace({ rate: 4, inFlight: 10, maxRate: 100, maxInFlight: 10 });
		const limiter = new RateLimiter(pace);
		for (let k = 0; k < 2; k++) (await limiter.acquire())(true);
		expect(pace.rate()).toBe(4);
		// The third of 4 per second: more than half used.
		(await limiter.acquire())(true);
		expect(pace.rate()).toBe(6);
	});

	it('a request that waited for the window grows the pace with its answer', async () => {
		const pace = new AdaptivePace({ rate: 100, inFlight: 1, maxRate: 100, maxInFlight: 10 });
		const limiter = new RateLimiter(pace);
		const first = await limiter.acquire();
		const second = limiter.acquire();
		first();
		(await second)(true);
		expect(pace.inFlight()).toBe(2);
	});

	it('serves a list search before execution requests already queued', async () => {
		const limiter = new RateLimiter(2);
		(await limiter.acquire())();
		(await limiter.acquire())();
		const order: string[] = [];
		const queued = [1, 2, 3].map(async (k) => {
			(await limiter.acquire())();
			order.push(`execution ${k}`);
		});
		const search = (async () => {
			(await limiter.acquire(true))();
			order.push('list search');
		})();
		await Promise.all([...queued, search]);
		expect(order[0]).toBe('list search');
	}, 10000);
});

describe('shared limiters, share and quota stops (issue 14)', () => {
	const spec = { documented: 4 };

	it('one limiter per credential type, credential + origin and share, whoever asks', () => {
		resetSharedLimits();
		const a = sharedLimiter('constantContactOAuth2Api', 'cred-1\u0000https://api.cc.email', spec, 1);
		expect(sharedLimiter('constantContactOAuth2Api', 'cred-1\u0000https://api.cc.email', spec, 1)).toBe(a);
		expect(sharedLimiter('constantContactOAuth2Api', 'cred-2\u0000https://api.cc.email', spec, 1)).not.toBe(a);
		expect(sharedLimiter('otherApi', 'cred-1\u0000https://api.cc.email', spec, 1)).not.toBe(a);
		expect(sharedLimiter('constantContactOAuth2Api', 'cred-1\u0000https://api.cc.email', spec, 0.5)).not.toBe(a);
	});

	it('the share scales the documented rate and every adaptive number (at least 1 in flight)', () => {
		expect(paceFor(spec, 0.5).rate(T)).toBe(2);
		const adaptive = paceFor({ adaptive: limits }, 0.1);
		expect([adaptive.rate(T), adaptive.inFlight()]).toEqual([1, 1]);
	});

	it('reads the share in percent; empty is 100; anything outside (0, 100] names the field', () => {
		expect(rateLimitShare(undefined)).toBe(1);
		expect(rateLimitShare('')).toBe(1);
		expect(rateLimitShare(50)).toBe(0.5);
		expect(rateLimitShare('25')).toBe(0.25);
		for (const bad of [0, -5, 100.5, 'abc', Number.NaN]) expect(() => rateLimitShare(bad)).toThrow(/"Rate Limit Share \(%\)" must be a number above 0 and at most 100/);
	});

	it('a quota stop holds until its reset time, then ends by itself', () => {
		resetSharedLimits();
		const response = { statusCode: 429, headers: {}, body: { error_key: 'quota_exceeded' } };
		stopForQuota('t', 's', { until: T + 1000, response });
		expect(quotaStopOf('t', 's', T)?.until).toBe(T + 1000);
		expect(quotaStopOf('t', 'other', T)).toBeUndefined();
		expect(quotaStopOf('t', 's', T + 1000)).toBeUndefined();
	});
});
