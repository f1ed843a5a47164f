import { AdaptivePace, FixedPace, GROW_EVERY_MS } from '../../nodes/common/pace';
import { RateLimiter } from '../../nodes/common/rateLimiter';
import { paceFor, quotaStopOf, resetSharedLimits, sharedLimiter, stopForQuota } from '../../nodes/common/sharedLimits';
import { rateLimitShare } from '../../nodes/common/rateLimitShare';

const limits = { rate: 10, inFlight: 4, maxRate: 100, maxInFlight: 20 };
const T = 1_000_000;

/** Feeds `count` answers as fast as the ones before (10 ms unless told) sent at `at`, the pace having been the bottleneck. */
function fastAnswers(pace: AdaptivePace, at: number, count = 5, latencyMs = 10): void {
	for (let k = 0; k < count; k++) {
		pace.saturated();
		pace.answered(latencyMs, at, at + latencyMs);
	}
}

describe('adaptive pace (issue 15): slow start, growth by a tenth, back-off to 70 %', () => {
	it('doubles rate and window at most every GROW_EVERY_MS while it is the bottleneck and answers stay fast', () => {
		const pace = new AdaptivePace(limits);
		expect([pace.rate(), pace.inFlight()]).toEqual([10, 4]);
		fastAnswers(pace, T);
		expect([pace.rate(), pace.inFlight()]).toEqual([20, 8]);
		fastAnswers(pace, T + 100);
		expect(pace.rate()).toBe(20);
		fastAnswers(pace, T + GROW_EVERY_MS + 20);
		expect([pace.rate(), pace.inFlight()]).toEqual([40, 16]);
		for (let k = 2; k < 10; k++) fastAnswers(pace, T + k * GROW_EVERY_MS + 20);
		expect([pace.rate(), pace.inFlight()]).toEqual([100, 20]);
	});

	it('does not grow while the workflow, not the pace, is the bottleneck', () => {
		const pace = new AdaptivePace(limits);
		for (let k = 0; k < 10; k++) pace.answered(10, T + k * GROW_EVERY_MS, T + k * GROW_EVERY_MS + 10);
		expect([pace.rate(), pace.inFlight()]).toEqual([10, 4]);
	});

	it('a 429 slows it to 70 % at once; 429s to requests sent before that count once; then it grows by a tenth', () => {
		const pace = new AdaptivePace(limits);
		// Answers of 1 s: the in-flight cap after a 429 (rate × latency + 1, see below) stays above the window.
		const fast = (at: number) => fastAnswers(pace, at, 5, 1000);
		fast(T);
		pace.throttled(T + 50, T + 60);
		expect([pace.rate(), pace.inFlight()]).toEqual([14, 5]);
		pace.throttled(T + 55, T + 70);
		expect(pace.rate()).toBe(14);
		expect(pace.probing()).toBe(false);
		fast(T + 60 + GROW_EVERY_MS);
		expect(pace.rate()).toBeCloseTo(15.4);
		expect(pace.inFlight()).toBe(6);
		// By a tenth up to 95 % of the 20/s that met the 429 (15.4 → 16.94 → 18.63 → 20.5), then by 2 %.
		for (let k = 2; k <= 4; k++) fast(T + 60 + k * GROW_EVERY_MS);
		expect(pace.rate()).toBeCloseTo(20.5, 1);
		fast(T + 60 + 5 * GROW_EVERY_MS);
		expect(pace.rate()).toBeCloseTo(20.5 * 1.02, 1);
	});

	it('once a 429 has come, no more in flight than ceil(rate × recent latency) + 1, below the window', () => {
		const pace = new AdaptivePace(limits);
		fastAnswers(pace, T);
		// No 429 yet: the window alone, however fast the answers.
		expect([pace.rate(), pace.inFlight()]).toEqual([20, 8]);
		pace.throttled(T + 50, T + 60);
		// 14/s at 10 ms needs 0.14 in flight: 1, plus 1.
		expect([pace.rate(), pace.inFlight()]).toEqual([14, 2]);
		// Slower answers (even to requests sent before the slow-down) widen it, up to the window (5).
		for (let k = 0; k < 20; k++) pace.answered(200, T + 50, T + 250);
		expect([pace.rate(), pace.inFlight()]).toEqual([14, 4]);
		for (let k = 0; k < 20; k++) pace.answered(2000, T + 50, T + 2050);
		expect(pace.inFlight()).toBe(5);
	});

	it('rising latency shrinks the window (not below its start) and keeps the rate; 429s go down to 1 per second and 1 in flight', () => {
		const pace = new AdaptivePace(limits);
		fastAnswers(pace, T);
		expect(pace.inFlight()).toBe(8);
		for (let k = 0; k < 10; k++) pace.answered(200, T + 100, T + 300);
		expect([pace.rate(), pace.inFlight()]).toEqual([20, 5]);
		expect(pace.probing()).toBe(false);
		for (let k = 0; k < 10; k++) pace.answered(400, T + 400, T + 800);
		expect(pace.inFlight()).toBe(4);
		for (let k = 0; k < 50; k++) pace.throttled(T + 1000 + k, T + 1000 + k);
		expect([pace.rate(), pace.inFlight()]).toEqual([1, 1]);
	});

	it('a documented limit is used exactly: no growth, no window of its own', () => {
		const pace = new FixedPace(4);
		pace.saturated();
		pace.answered();
		expect([pace.rate(T), pace.inFlight(), pace.exact(T)]).toEqual([4, Infinity, true]);
	});
});

describe('the limiter: in-flight window and list-search priority', () => {
	it('lets no more than the window be in flight; a release lets the next one go', async () => {
		const limiter = new RateLimiter(new AdaptivePace({ rate: 100, inFlight: 2, maxRate: 100, maxInFlight: 2 }));
		const first = await limiter.acquire();
		await limiter.acquire();
		let third = false;
		const pending = limiter.acquire().then((release) => {
			third = true;
			return release;
		});
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(third).toBe(false);
		first(true);
		(await pending)();
		expect(third).toBe(true);
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
