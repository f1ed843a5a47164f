import { nextOffsetToken, offsetOfToken, paginateCursor, paginateOffset, paginateSkipTotal } from '../../nodes/common/http/pagination';

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

describe('paginateSkipTotal', () => {
	it('stops at total and asks for no more than the limit', async () => {
		const asked: Array<[number, number]> = [];
		const all = await paginateSkipTotal({ returnAll: true, limit: 0 }, 10, async (skip, top) => {
			asked.push([skip, top]);
			return { items: range(skip, Math.min(skip + top, 25)), total: 25 };
		});
		expect(all).toEqual(range(0, 25));
		expect(asked).toEqual([
			[0, 10],
			[10, 10],
			[20, 10],
		]);
	});

	it('honours the limit', async () => {
		const asked: number[] = [];
		const some = await paginateSkipTotal({ returnAll: false, limit: 15 }, 10, async (skip, top) => {
			asked.push(top);
			return { items: range(skip, skip + top), total: 100 };
		});
		expect(some).toHaveLength(15);
		expect(asked).toEqual([10, 5]);
	});

	it('stops on a short page when no total is sent', async () => {
		let calls = 0;
		const all = await paginateSkipTotal({ returnAll: true, limit: 0 }, 10, async (skip) => {
			calls++;
			return { items: range(skip, Math.min(skip + 10, 13)) };
		});
		expect(all).toHaveLength(13);
		expect(calls).toBe(2);
	});
});

describe('paginateSkipTotal: pages read in parallel are taken in as they arrive', () => {
	/** Pages 2..5 of 4 items each, answered when the test says, in any order; page 1 at once. */
	function heldPages() {
		const answer = new Map<number, () => void>();
		const taken: number[] = [];
		const run = paginateSkipTotal(
			{ returnAll: true, limit: 0 },
			4,
			async (skip, top) => {
				if (skip > 0) await new Promise<void>((resolve) => answer.set(skip, resolve));
				return { items: range(skip, Math.min(skip + top, 20)), total: 20 };
			},
			{ concurrency: 10, keyOf: (n) => (taken.push(n), String(n)) },
		);
		const settle = () => new Promise((resolve) => setImmediate(resolve));
		return { answer, taken, run, settle };
	}

	it('each page is added once the pages before it are in, not after the last answer', async () => {
		const { answer, taken, run, settle } = heldPages();
		await settle();
		expect([...answer.keys()]).toEqual([4, 8, 12, 16]);
		answer.get(4)?.();
		await settle();
		expect(taken).toEqual(range(0, 8));
		// Page 4 before page 3: held back until page 3 is in, then both, in list order.
		answer.get(12)?.();
		await settle();
		expect(taken).toEqual(range(0, 8));
		answer.get(8)?.();
		await settle();
		expect(taken).toEqual(range(0, 16));
		answer.get(16)?.();
		expect(await run).toEqual(range(0, 20));
		expect(taken).toEqual(range(0, 20));
	});
});

describe('paginateOffset', () => {
	it('counts kept items against the limit and every served item in the offset', async () => {
		const offsets: number[] = [];
		const even = await paginateOffset(
			{ returnAll: false, limit: 6 },
			5,
			async (offset, size) => {
				offsets.push(offset);
				return range(offset, offset + size);
			},
			(n) => n % 2 === 0,
		);
		expect(even).toEqual([0, 2, 4, 6, 8, 10]);
		expect(offsets).toEqual([0, 5, 10]);
	});

	it('always asks for a full page and stops on a short one', async () => {
		const sizes: number[] = [];
		const all = await paginateOffset({ returnAll: true, limit: 0 }, 4, async (offset, size) => {
			sizes.push(size);
			return range(offset, Math.min(offset + size, 6));
		});
		expect(all).toEqual(range(0, 6));
		expect(sizes).toEqual([4, 4]);
	});
});

describe('paginateCursor', () => {
	it('follows cursors and stops on a repeated one', async () => {
		const cursors: Array<string | undefined> = [];
		const all = await paginateCursor<number>({ returnAll: true, limit: 0 }, async (cursor) => {
			cursors.push(cursor);
			if (!cursor) return { items: [1, 2], next: 'a' };
			return { items: [3], next: 'a' };
		});
		expect(all).toEqual([1, 2, 3]);
		expect(cursors).toEqual([undefined, 'a']);
	});

	it('stops at the limit without asking for another page', async () => {
		let calls = 0;
		const some = await paginateCursor<number>({ returnAll: false, limit: 3 }, async () => {
			calls++;
			return { items: [1, 2, 3, 4], next: `c${calls}` };
		});
		expect(some).toEqual([1, 2, 3]);
		expect(calls).toBe(1);
	});
});

describe('list search page tokens', () => {
	it('reads an offset from a token and gives the next one while pages are full', () => {
		expect(offsetOfToken(undefined)).toBe(0);
		expect(offsetOfToken('200')).toBe(200);
		expect(offsetOfToken('junk')).toBe(0);
		expect(nextOffsetToken(0, 100, 100)).toBe('100');
		expect(nextOffsetToken(100, 40, 100)).toBeUndefined();
		expect(nextOffsetToken(100, 100, 100, 200)).toBeUndefined();
		expect(nextOffsetToken(100, 100, 100, 201)).toBe('200');
	});
});

describe('paginateSkipTotal: a claimed total is never trusted beyond what pages deliver (issue 21)', () => {
	it('a total of 10 million with 23 real records: stops at the short page, plans few pages ahead', async () => {
		let calls = 0;
		let widest = 0;
		let inFlight = 0;
		const all = await paginateSkipTotal(
			{ returnAll: true, limit: 0 },
			10,
			async (skip, top) => {
				calls++;
				inFlight++;
				widest = Math.max(widest, inFlight);
				await Promise.resolve();
				inFlight--;
				return { items: range(skip, Math.min(skip + top, 23)), total: 10_000_000 };
			},
			{ concurrency: 4 },
		);
		expect(all).toEqual(range(0, 23));
		// The first page, then one round of planned pages at most: the short page ends the list.
		expect(calls).toBeLessThanOrEqual(1 + 16);
	});

	it('a total of 1e15 with an empty second page ends at once (no pages planned from the total)', async () => {
		let calls = 0;
		const all = await paginateSkipTotal({ returnAll: true, limit: 0 }, 100, async (skip) => {
			calls++;
			return { items: skip === 0 ? range(0, 100) : [], total: 1e15 };
		});
		expect(all).toEqual(range(0, 100));
		expect(calls).toBeLessThanOrEqual(17);
	});

	it('a total that is not a finite count (NaN, negative, text) is ignored: pages are read until a short one', async () => {
		for (const total of [Number.NaN, -5, Number.POSITIVE_INFINITY, '1e9' as unknown as number]) {
			let calls = 0;
			const all = await paginateSkipTotal({ returnAll: true, limit: 0 }, 10, async (skip, top) => {
				calls++;
				return { items: range(skip, Math.min(skip + top, 25)), total };
			});
			expect(all).toEqual(range(0, 25));
			expect(calls).toBe(3);
		}
	});
});
