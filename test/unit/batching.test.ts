import { chunk, groupBy } from '../../nodes/common/run/batching';
import { mapSettled } from '../../nodes/common/limits/pool';

describe('chunk and groupBy', () => {
	it('chunks in order, never in pieces of less than one', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([1, 2], 0)).toEqual([[1], [2]]);
		expect(chunk([], 3)).toEqual([]);
	});

	it('groups keeping first-seen order of groups and members', () => {
		expect(groupBy(['b1', 'a1', 'b2', 'a2', 'c1'], (s) => s[0])).toEqual([
			{ key: 'b', members: ['b1', 'b2'] },
			{ key: 'a', members: ['a1', 'a2'] },
			{ key: 'c', members: ['c1'] },
		]);
	});
});

describe('mapSettled', () => {
	it('keeps input order and never runs more than the concurrency at once', async () => {
		let running = 0;
		let most = 0;
		const out = await mapSettled([5, 1, 3, 2], 2, async (n) => {
			running++;
			most = Math.max(most, running);
			await new Promise((resolve) => setImmediate(resolve));
			running--;
			return n * 10;
		});
		expect(out).toEqual([{ value: 50 }, { value: 10 }, { value: 30 }, { value: 20 }]);
		expect(most).toBe(2);
	});

	it('skips what has not started once a worker fails and stopOnError is set', async () => {
		const out = await mapSettled(
			[1, 2, 3],
			1,
			async (n) => {
				if (n === 2) throw new Error('boom');
				return n;
			},
			true,
		);
		expect(out[0]).toEqual({ value: 1 });
		expect('error' in out[1]).toBe(true);
		expect(out[2]).toEqual({ skipped: true });
	});
});
