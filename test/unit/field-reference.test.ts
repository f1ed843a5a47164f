import type { IExecuteFunctions, INode, INodeProperties, INodeType } from 'n8n-workflow';

import { readItemParameter } from '../../nodes/common/base/fieldReference';
import { readId } from '../../nodes/common/base/ids';
import { ConstantContact } from '../../nodes/ConstantContact/ConstantContact.node';
import { Flexiown } from '../../nodes/Flexiown/Flexiown.node';
import { Fourvenues } from '../../nodes/Fourvenues/Fourvenues.node';
import { RestrictContentPro } from '../../nodes/RestrictContentPro/RestrictContentPro.node';
import { Vivenu } from '../../nodes/Vivenu/Vivenu.node';

const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/**
 * A context that counts evaluating reads: `getNodeParameter` without `rawExpressions` stands for n8n's
 * expression engine (here it answers a marker, so a value that came from it is recognisable).
 */
function context(parameters: Record<string, unknown>, items: Array<{ json: object }>, jsonSource = items) {
	const calls = { evaluating: 0, raw: 0 };
	const ctx = {
		getNode: () => node,
		getInputData: () => items,
		getWorkflowDataProxy: () => ({ $thisItem: jsonSource[0] }),
		getNodeParameter: (name: string, _i: number, fallback?: unknown, options?: { rawExpressions?: boolean }) => {
			if (options?.rawExpressions) {
				calls.raw++;
				return name in parameters ? parameters[name] : fallback;
			}
			calls.evaluating++;
			return 'from-the-engine';
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('plain field references skip the expression engine', () => {
	const items = Array.from({ length: 1000 }, (_, i) => ({ json: { id: `tx${i}`, 'odd key': { n: i } } }));

	it('1,000 items of Get by ID with {{ $json.id }}: no evaluating read, one raw read for the run, each item its own ID', () => {
		const { ctx, calls } = context({ transactionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, items);
		const ids = items.map((_, i) => readId(ctx, 'transactionId', i, 'Transaction'));
		expect(ids).toEqual(items.map((item) => item.json.id));
		// The raw value is read once: it is the same for every item (kept per context and parameter).
		expect(calls).toEqual({ evaluating: 0, raw: 1 });
	});

	it('odd keys and numbers: `$json["odd key"].n` is the number n8n would give', () => {
		const { ctx, calls } = context({ amount: '={{ $json["odd key"].n }}' }, items);
		expect(readItemParameter(ctx, 'amount', 7, 0)).toBe(7);
		expect(calls.evaluating).toBe(0);
	});

	it('everything else goes to the engine, once per read', () => {
		const cases: Array<[unknown, { extractValue?: boolean } | undefined]> = [
			['={{ $json.missing }}', undefined], // undefined: what n8n does with it is n8n's to say
			['={{ $json["odd key"] }}', undefined], // an object
			['={{ $json.id.toUpperCase() }}', undefined],
			['={{ $json.id }} ', undefined],
			['tx5', undefined], // not an expression
			[{ __rl: true, mode: 'url', value: '={{ $json.id }}' }, { extractValue: true }], // URL mode extracts
			[{ __rl: true, mode: 'id', value: '={{ $json.id }}' }, undefined], // the whole locator asked for
			[{ __rl: true, mode: 'id', value: '={{ $json.id }}', cachedResultName: '={{ 1 }}' }, { extractValue: true }],
		];
		for (const [raw, options] of cases) {
			const { ctx, calls } = context({ p: raw }, items);
			expect([raw, readItemParameter(ctx, 'p', 3, '', options)]).toEqual([raw, 'from-the-engine']);
			expect(calls.evaluating).toBe(1);
		}
	});

	it('as an AI tool ($json is not the node input), the engine reads it', () => {
		const { ctx, calls } = context({ p: '={{ $json.id }}' }, [{ json: { id: 'tool-argument' } }], [{ json: { id: 'agent-input' } }]);
		expect(readItemParameter(ctx, 'p', 0, '')).toBe('from-the-engine');
		expect(calls.evaluating).toBe(1);
	});
});

/**
 * What the fast path skips of getNodeParameter must be a no-op for the package's parameters: n8n validates
 * values with `validateType`, and extracts with a property's or a locator mode's `extractValue`.
 */
describe("the package's parameters have nothing the fast path would skip", () => {
	const nodes: INodeType[] = [new Vivenu(), new ConstantContact(), new Fourvenues(), new Flexiown(), new RestrictContentPro()];
	const all = (properties: INodeProperties[]): INodeProperties[] =>
		properties.flatMap((p) => [p, ...all(((p.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>).flatMap((o) => ('values' in o && o.values ? o.values : 'type' in o ? [o as INodeProperties] : [])))]);

	it('no validateType, no extractValue on a field, none in a list or ID mode of a locator', () => {
		for (const type of nodes) {
			for (const property of all(type.description.properties)) {
				expect([type.description.name, property.name, property.validateType, property.extractValue]).toEqual([type.description.name, property.name, undefined, undefined]);
				for (const mode of property.modes ?? []) {
					if (mode.name === 'id' || mode.name === 'list') expect([property.name, mode.name, mode.extractValue]).toEqual([property.name, mode.name, undefined]);
				}
			}
		}
	});
});
