import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runBatch, type BatchSpec } from '../../nodes/common/run/batchRunner';

/** Just enough of IExecuteFunctions for the runner: items, Continue On Fail and the output helpers. */
function executeContext(count: number, continueOnFail: boolean): IExecuteFunctions {
	return {
		getNode: () => ({ name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
		getInputData: () => Array.from({ length: count }, (): INodeExecutionData => ({ json: {} })),
		continueOnFail: () => continueOnFail,
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items: INodeExecutionData[], { itemData }: { itemData: { item: number } }) =>
				items.map((item) => ({ ...item, pairedItem: itemData })),
		},
	} as unknown as IExecuteFunctions;
}

interface Plan {
	group: string;
	ids: string[];
}

function spec(plans: Plan[], sent: string[][], overrides: Partial<BatchSpec<Plan, string, string>> = {}): BatchSpec<Plan, string, string> {
	return {
		read: (i) => plans[i],
		groupKey: (plan) => plan.group,
		units: (plan) => plan.ids,
		unitKey: (id) => id.toLowerCase(),
		chunkSize: () => 2,
		async send({ plan, units }) {
			sent.push([plan.group, ...units]);
			return units.map((id) => `${plan.group}:${id}`);
		},
		outcome: (_item, results) => {
			const bad = results.find((r) => 'error' in r.result);
			if (bad && 'error' in bad.result) return { error: bad.result.error };
			return { value: { done: results.map((r) => ('value' in r.result ? r.result.value : 'skipped')) } };
		},
		...overrides,
	};
}

describe('runBatch', () => {
	it('merges items by group, sends each distinct unit once, in chunks, and pairs every item with its outcome', async () => {
		const plans = [
			{ group: 'a', ids: ['1', '2'] },
			{ group: 'b', ids: ['9'] },
			{ group: 'a', ids: ['2', '3'] },
			{ group: 'a', ids: ['X'] },
			{ group: 'a', ids: ['x'] },
		];
		const sent: string[][] = [];
		const [out] = await runBatch(executeContext(plans.length, false), 1, spec(plans, sent));
		expect(sent).toEqual([
			['a', '1', '2'],
			['a', '3', 'X'],
			['b', '9'],
		]);
		expect(out.map((o) => [o.pairedItem, o.json.done])).toEqual([
			[{ item: 0 }, ['a:1', 'a:2']],
			[{ item: 1 }, ['b:9']],
			[{ item: 2 }, ['a:2', 'a:3']],
			[{ item: 3 }, ['a:X']],
			[{ item: 4 }, ['a:X']],
		]);
	});

	it("lists each unit's items once, in item order, for its chunk and for the halves of a refused one", async () => {
		const plans = [
			{ group: 'a', ids: ['1', '2'] },
			{ group: 'a', ids: ['2', 'X', 'x'] },
			{ group: 'a', ids: ['3'] },
			{ group: 'a', ids: ['1', '3'] },
		];
		const chunks: Array<[string[], number[]]> = [];
		const recording = spec(plans, [], {
			chunkSize: () => 4,
			async send({ units, itemIndexes }) {
				chunks.push([units, itemIndexes]);
				if (units.length > 2) throw Object.assign(new Error('Too big'), { tooBig: true });
				return units.map((id) => `a:${id}`);
			},
			refusedForSize: (error) => (error as { tooBig?: boolean }).tooBig === true,
		});
		const [out] = await runBatch(executeContext(plans.length, false), 1, recording);
		expect(chunks).toEqual([
			[['1', '2', 'X', '3'], [0, 1, 2, 3]],
			[['1', '2'], [0, 1, 3]],
			[['X', '3'], [1, 2, 3]],
		]);
		expect(out.map((o) => o.json.done)).toEqual([['a:1', 'a:2'], ['a:2', 'a:X', 'a:X'], ['a:3'], ['a:1', 'a:3']]);
	});

	it('reads every item before sending anything, and stops on bad input without Continue On Fail', async () => {
		const sent: string[][] = [];
		const read = (i: number) => {
			if (i === 1) throw new Error('Bad input');
			return { group: 'a', ids: [String(i)] };
		};
		await expect(runBatch(executeContext(3, false), 1, spec([], sent, { read }))).rejects.toThrow('Bad input [item 1]');
		expect(sent).toEqual([]);
	});

	it('with Continue On Fail, gives the failed chunk error to each of its items and carries on', async () => {
		const plans = [
			{ group: 'a', ids: ['1'] },
			{ group: 'a', ids: ['2'] },
			{ group: 'a', ids: ['3'] },
		];
		const sent: string[][] = [];
		const send = async ({ units }: { units: string[] }) => {
			sent.push(units);
			if (units.includes('1')) throw new Error('Chunk refused');
			return units.map((id) => `ok:${id}`);
		};
		const [out] = await runBatch(executeContext(3, true), 1, spec(plans, sent, { send }));
		expect(sent).toEqual([['1', '2'], ['3']]);
		expect(out.map((o) => o.json.error ?? o.json.done)).toEqual(['Chunk refused [item 0]', 'Chunk refused [item 0]', ['ok:3']]);
	});

	it('runs a shared lookup once per key on behalf of the first item that needs it', async () => {
		const plans = [
			{ group: '', ids: ['1'] },
			{ group: '', ids: ['2'] },
			{ group: 'fixed', ids: ['3'] },
		];
		const lookups: Array<[string, number]> = [];
		const sent: string[][] = [];
		const withLookup: BatchSpec<Plan, string, string, string> = {
			...spec(plans, sent),
			lookup: {
				key: (plan) => (plan.group ? undefined : 'event'),
				run: async (_plan, itemIndex) => {
					lookups.push(['event', itemIndex]);
					return 'found';
				},
				apply: (plan, group) => ({ ...plan, group }),
			},
		};
		await runBatch(executeContext(3, false), 2, withLookup);
		expect(lookups).toEqual([['event', 0]]);
		expect(sent).toEqual([
			['found', '1', '2'],
			['fixed', '3'],
		]);
	});

	it('learns the size a provider takes: a refused chunk goes again in halves, unproven sizes one at a time', async () => {
		const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
		const plans = ids.map((id) => ({ group: 'g', ids: [id] }));
		const sent: number[] = [];
		const send = async ({ units }: { units: string[] }) => {
			sent.push(units.length);
			if (units.length > 2) throw Object.assign(new Error('Too many IDs'), { tooBig: true });
			return units.map((id) => `ok:${id}`);
		};
		const sized = spec(plans, [], { send, chunkSize: () => 100, refusedForSize: (error) => (error as { tooBig?: boolean }).tooBig === true });
		const [out] = await runBatch(executeContext(6, false), 4, sized);
		expect(sent).toEqual([6, 3, 2, 2, 2]);
		expect(out.map((o) => o.json.done)).toEqual(ids.map((id) => [`ok:${id}`]));
	});

	it('stops the rest when even one unit is refused for its size', async () => {
		const plans = [{ group: 'g', ids: ['a', 'b'] }];
		const sent: number[] = [];
		const send = async ({ units }: { units: string[] }): Promise<string[]> => {
			sent.push(units.length);
			throw Object.assign(new Error('Too big'), { tooBig: true });
		};
		const sized = spec(plans, [], { send, refusedForSize: () => true });
		const [out] = await runBatch(executeContext(1, true), 1, sized);
		expect(sent).toEqual([2, 1]);
		expect(out.map((o) => o.json.error)).toEqual(['Too big [item 0]']);
	});
});
