import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
// n8n's own helpers (n8n-core 2.40), the ones a node's context hands out as this.helpers.
import { constructExecutionMetaData } from 'n8n-core/dist/execution-engine/node-execution-context/utils/construct-execution-metadata';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';

import { emitOutcomes } from '../../nodes/common/run/outcomes';
import type { Settled } from '../../nodes/common/limits/pool';
import type { OutputData } from '../../nodes/common/base/types';

function context(): IExecuteFunctions & { helperCalls: number } {
	const ctx = {
		helperCalls: 0,
		continueOnFail: () => true,
		getNode: () => ({ name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) => (ctx.helperCalls++, returnJsonArray(data)),
			constructExecutionMetaData,
		},
	};
	return ctx as unknown as IExecuteFunctions & { helperCalls: number };
}

describe('emitOutcomes (common/run/outcomes.ts)', () => {
	test("an item's one object becomes the item n8n's helpers make of it; lists and items with `json` still go through them", () => {
		const values: OutputData[] = [{ id: 'a', updated: true }, {}, [{ id: 'b' }, { id: 'c' }], { json: { id: 'd' }, pairedItem: { item: 9 } }, { json: 0, id: 'e' }, [], null];
		const outcomes: Array<Settled<OutputData>> = values.map((value) => ({ value }));
		const ctx = context();
		const [out] = emitOutcomes(ctx, outcomes);
		const expected = values.flatMap((value, item) => (value === null ? [] : constructExecutionMetaData(returnJsonArray(value as IDataObject), { itemData: { item } })));
		expect(out).toEqual(expected);
		// The same objects as the node's outcome (n8n's helpers do not copy `json` either).
		expect(out[0].json).toBe(values[0]);
		// Through the helpers: the two lists and the item with a `json` object.
		expect(ctx.helperCalls).toBe(3);
	});
});
