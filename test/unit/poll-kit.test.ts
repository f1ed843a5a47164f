import { compareKeys, fieldText, IdRanges, integerId, pollOnCopy, stringId, timeMs } from '../../nodes/common/triggers/polling';

describe('poll kit: handled ID ranges', () => {
	it('merges overlapping and adjacent ranges instead of replacing them', () => {
		const r = new IdRanges([[50, 80]]);
		r.add(70, 100);
		r.add(101, 120);
		r.add(10, 20);
		expect(r.toJSON()).toEqual([
			[10, 20],
			[50, 120],
		]);
		expect(r.startOf(110)).toBe(50);
		expect(r.has(49)).toBe(false);
		expect(r.coversUpTo(120, 50)).toBe(true);
	});

	it('drops stored ranges that are not integer pairs', () => {
		expect(new IdRanges([[1, 2], ['3', 4], [9, 5], [Number.NaN, 1], null, [6, 7]]).toJSON()).toEqual([
			[1, 2],
			[6, 7],
		]);
		expect(new IdRanges('garbage').toJSON()).toEqual([]);
	});
});

describe('poll kit: hostile fields', () => {
	it('reads only real IDs and times', () => {
		expect([integerId('12'), integerId(12), integerId('007'), integerId('12.5'), integerId('1e3'), integerId(-3), integerId(null), integerId('99999999999999999')]).toEqual([
			12,
			12,
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		expect([stringId('r-1'), stringId(' '), stringId(17), stringId({}), stringId(null)]).toEqual(['r-1', undefined, '17', undefined, undefined]);
		expect([timeMs('2026-12-01T09:00:00.000Z'), timeMs('2026-13-45T99:00:00Z'), timeMs(12345), timeMs('')]).toEqual([Date.parse('2026-12-01T09:00:00.000Z'), undefined, undefined, undefined]);
		expect([fieldText(null), fieldText('PAID'), fieldText(7), fieldText({ a: 1 })]).toEqual(['', 'PAID', '7', '{"a":1}']);
	});

	it('orders unreadable times after every readable one', () => {
		expect(compareKeys([null, 'a'], [Date.parse('2099-01-01'), 'b'])).toBe(1);
		expect(compareKeys([1, 'a'], [1, 'b'])).toBe(-1);
	});
});

describe('poll kit: a poll works on a copy of the static data', () => {
	function pollContext(staticData: Record<string, unknown>) {
		return {
			getMode: () => 'trigger',
			getWorkflowStaticData: () => staticData,
			helpers: { returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })) },
		} as never;
	}

	it('leaves the static data as it was when the poll throws half-way', async () => {
		const staticData: Record<string, unknown> = { handled: [[0, 10]] };
		await expect(
			pollOnCopy(pollContext(staticData), async (state: Record<string, unknown>) => {
				state.handled = [[0, 500]];
				throw new Error('page 3 failed');
			}),
		).rejects.toThrow('page 3 failed');
		expect(staticData).toEqual({ handled: [[0, 10]] });
	});

	it('writes the new state into the same object when the poll returns', async () => {
		const staticData: Record<string, unknown> = { handled: [[0, 10]], old: true };
		const result = await pollOnCopy(pollContext(staticData), async (state: Record<string, unknown>) => {
			state.handled = [[0, 12]];
			delete state.old;
			return { items: [{ id: 11 }, { id: 12 }], first: false };
		});
		expect(result).toEqual([[{ json: { id: 11 } }, { json: { id: 12 } }]]);
		expect(staticData).toEqual({ handled: [[0, 12]] });
	});
});
