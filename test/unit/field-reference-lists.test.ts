import { lookUpList } from '../../nodes/common/base/fieldReference';

describe('lookUpList (common/base/fieldReference.ts)', () => {
	test('a non-empty list of text, finite numbers, booleans and null: a copy of it', () => {
		const json = { a: { ids: ['x', 2, true, null, 'é'] } };
		const found = lookUpList(json, ['a', 'ids']);
		expect(found).toEqual({ value: ['x', 2, true, null, 'é'] });
		expect(found?.value).not.toBe(json.a.ids);
		expect(lookUpList({ rows: [{ ids: ['1'] }] }, ['rows', 0, 'ids'])).toEqual({ value: ['1'] });
	});

	test('anything else is left to the engine', () => {
		const sparse = ['a'];
		sparse[2] = 'c';
		const inherited = Object.create({ ids: ['a'] }) as object;
		const cases: Array<[unknown, Array<string | number>]> = [
			[{ ids: [] }, ['ids']],
			[{ ids: 'a' }, ['ids']],
			[{ ids: ['a', ['b']] }, ['ids']],
			[{ ids: ['a', { id: 'b' }] }, ['ids']],
			[{ ids: ['a', '\uD800'] }, ['ids']],
			[{ ids: [NaN] }, ['ids']],
			[{ ids: [-0] }, ['ids']],
			[{ ids: [Infinity] }, ['ids']],
			[{ ids: ['a', undefined] }, ['ids']],
			[{ ids: sparse }, ['ids']],
			[{ ids: ['a'] }, ['missing']],
			[inherited, ['ids']],
			[{ ids: Object.assign(Object.create(Array.prototype) as unknown[], { length: 1, 0: 'a' }) }, ['ids']],
		];
		for (const [json, path] of cases) expect([json, lookUpList(json, path)]).toEqual([json, undefined]);
	});
});
