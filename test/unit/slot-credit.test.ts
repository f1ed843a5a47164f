import fc from 'fast-check';
import { sleep } from 'n8n-workflow';

import { RateLimiter, SlotCredit } from '../../nodes/common/limits/rateLimiter';

// Issue 24, scenario 03 warm: a slot counts from its answer less the part of the round trip every answer takes
// (SlotCredit), so that a limiter at exactly the limit does not lose a round trip per second. Proven on the real
// RateLimiter on jest's fake clock, against a server that counts each request when its outbound part is over.

/** `count` requests through `limiter`, each with its [outbound, return] delay; → when the server counted each. */
async function serverStamps(limiter: RateLimiter, delays: Array<[number, number]>): Promise<number[]> {
	const stamps: number[] = [];
	const done = Promise.all(
		delays.map(async ([out, back]) => {
			const release = await limiter.acquire();
			await sleep(out);
			stamps.push(Date.now());
			await sleep(back);
			release(true);
		}),
	);
	await jest.advanceTimersByTimeAsync(((delays.length / limiter.budget().count) + 5) * 1000);
	await done;
	return stamps.sort((a, b) => a - b);
}

/** The least time between a request and the one `limit` after it: at least 1,000 ms means never more than `limit` in a sliding second. */
const tightest = (stamps: number[], limit: number) => Math.min(...stamps.slice(limit).map((t, k) => t - stamps[k]));

describe('slot credit: a slot counts from its answer less the round trip every answer takes', () => {
	beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
	afterEach(() => jest.useRealTimers());

	it('no credit before 10 round trips; then twice the fastest less the slowest, never before the slot started', () => {
		const credit = new SlotCredit();
		for (let k = 0; k < 9; k++) expect(credit.countedFrom(0, 40)).toBe(40);
		expect(credit.countedFrom(0, 40)).toBe(0);
		// Fastest 40, slowest 50: 30 off.
		expect(credit.countedFrom(100, 150)).toBe(120);
		// The client's own delay does not count as round trip.
		expect(credit.countedFrom(200, 300, 50)).toBe(270);
		// Slowest 200: no credit.
		expect(credit.countedFrom(300, 500)).toBe(500);
	});

	it('at a steady 40 ms, once 10 answers came: requests `limit` apart are one second apart at the server, not one second and a round trip', async () => {
		const stamps = await serverStamps(new RateLimiter(10), Array.from({ length: 60 }, () => [40, 0] as [number, number]));
		const gaps = stamps.slice(10).map((t, k) => t - stamps[k]);
		// The 10th answer brings the credit, so the first 9 slots still count from their answers: a round trip (+ 2 ms of
		// the limiter's rounding) over one second. Every later one: one second (+ 1 ms).
		expect(gaps.slice(1, 10)).toEqual(Array(9).fill(1042));
		expect(gaps.slice(10)).toEqual(Array(40).fill(1001));
	});

	it('never more than the limit in any sliding second at the server, whatever the split of outbound and return delays (fast-check)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 2, max: 20 }),
				fc.integer({ min: 0, max: 100 }),
				fc.integer({ min: 0, max: 100 }),
				fc.integer({ min: 1, max: 40 }).chain((jitter) => fc.array(fc.tuple(fc.integer({ min: 0, max: jitter }), fc.integer({ min: 0, max: jitter })), { minLength: 80, maxLength: 80 })),
				async (limit, out, back, jitters) => {
					const limiter = new RateLimiter(limit);
					const stamps = await serverStamps(limiter, jitters.map(([a, b]) => [out + a, back + b]));
					expect(tightest(stamps, limit)).toBeGreaterThanOrEqual(1000);
				},
			),
			{ numRuns: 60 },
		);
	}, 120_000);
});
