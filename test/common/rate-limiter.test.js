'use strict';
// The shared rate limiter's slow-down after a 429: on its own (the compiled module), and in a real
// run against an emulated API whose limit is below the node's rate.
const path = require('path');
const { vivenuFixture, byId } = require('../vivenu/setup');

const { RateLimiter } = require(path.resolve(__dirname, '../../dist/nodes/common/limits/rateLimiter.js'));

/** Start times (ms after the first) of `count` requests whose answers arrive at once. */
async function startTimes(limiter, count) {
	const t0 = Date.now();
	const times = [];
	for (let k = 0; k < count; k++) {
		const release = await limiter.acquire();
		times.push(Date.now() - t0);
		release();
	}
	return times;
}

describe('RateLimiter: slow-down after a 429', () => {
	const T = 1_000_000;

	test('drops to 70 % of the rate, then recovers by 10 % of the configured rate per second once the pause is over', () => {
		const limiter = new RateLimiter(10);
		expect(limiter.currentRate(T)).toBe(10);
		limiter.backOff(2000, T - 50, T);
		expect(limiter.currentRate(T)).toBeCloseTo(7);
		expect(limiter.currentRate(T + 2000)).toBeCloseTo(7);
		expect(limiter.currentRate(T + 3000)).toBeCloseTo(8);
		expect(limiter.currentRate(T + 4500)).toBeCloseTo(9.5);
		expect(limiter.currentRate(T + 60000)).toBe(10);
	});

	test('429s to requests sent before the slow-down lower the rate only once; later ones lower it again, never below 1/s', () => {
		const limiter = new RateLimiter(10);
		limiter.backOff(0, T - 50, T);
		limiter.backOff(0, T - 40, T + 10);
		limiter.backOff(0, T - 1, T + 20);
		expect(limiter.currentRate(T + 20)).toBeCloseTo(7, 1);
		limiter.backOff(0, T + 30, T + 40);
		expect(limiter.currentRate(T + 40)).toBeCloseTo(4.9, 1);
		for (let k = 1; k <= 20; k++) limiter.backOff(0, T + 40 + k, T + 40 + k);
		expect(limiter.currentRate(T + 60)).toBeCloseTo(1, 1);
		const slow = new RateLimiter(0.5);
		slow.backOff(0, T, T);
		expect(slow.currentRate(T)).toBe(0.5);
	});

	test('while slowed down a one-second window takes only the lowered number of requests', async () => {
		const limiter = new RateLimiter(10);
		limiter.backOff(0, Date.now());
		const times = await startTimes(limiter, 8);
		expect(times.slice(0, 7).every((ms) => ms < 300)).toBe(true);
		expect(times[7]).toBeGreaterThanOrEqual(900);
	});

	test('without a 429 the configured rate is used in full', async () => {
		const times = await startTimes(new RateLimiter(10), 11);
		expect(times.slice(0, 10).every((ms) => ms < 300)).toBe(true);
		expect(times[10]).toBeGreaterThanOrEqual(900);
	});
});

describe('an API limited below the node\'s rate', () => {
	const ctx = vivenuFixture();

	test('after the first 429s the node slows down instead of bursting into the limit after every pause', async () => {
		// 5 requests per second allowed, the node set to 10 per second: 30 Get items.
		await ctx.client.rateLimit({ provider: 'vivenu', limit: 5, windowMs: 1000, retryAfter: 1 });
		const ids = ctx.state.transactions.slice(0, 30).map((t) => t._id);
		const result = await ctx.run(
			{ operation: 'get', transactionId: byId('={{ $json.id }}'), simplify: true, requestOptions: { requestsPerSecond: 10, concurrency: 5 } },
			{ input: ids.map((id) => ({ json: { id } })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json._id)).toEqual(ids);
		const statuses = (await ctx.requests()).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(30);
		// The limiter that only paused for Retry-After met 25 429s in this run; slowing down leaves about 8.
		const tooMany = statuses.filter((s) => s === 429).length;
		expect(tooMany).toBeGreaterThan(0);
		expect(tooMany).toBeLessThanOrEqual(12);
	}, 30000);
});
