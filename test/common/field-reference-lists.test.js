'use strict';
// A plain `{{ $json.… }}` reference to a list of IDs in one item (Constant Contact's Registration IDs, bench
// scenario 04d) is read from the item (readItemListParameter, lookUpList) instead of copied out of n8n's engine
// element by element. Whenever that fast path answers, its answer must be n8n's: a list of the same length
// whose every element is n8n's, value and type. A probe node runs inside n8n-core's WorkflowExecute (the
// isolated-vm engine on Node 24, as n8n 2.x runs it) and reads each parameter both ways. The generated lists
// hold text (unicode, lone surrogates), numbers (NaN, -0, Infinity), booleans, null, nested lists and objects.
const fc = require('fast-check');
const { runNode } = require('../harness');
const { countingReads } = require('./counting-reads');
const { readItemListParameter } = require('../../dist/nodes/common/base/fieldReference');

const NAMES = ['ids0', 'ids1', 'ids2'];

function probeNode(record) {
	return {
		description: {
			displayName: 'List Probe', name: 'listProbe', group: ['transform'], version: 1, defaults: { name: 'Probe' },
			inputs: ['main'], outputs: ['main'],
			properties: NAMES.map((name) => ({ displayName: name, name, type: 'string', default: '' })),
		},
		async execute() {
			const items = this.getInputData();
			const { view, reads } = countingReads(this);
			for (let i = 0; i < items.length; i++) {
				for (const name of NAMES) {
					let engine;
					try {
						engine = { value: this.getNodeParameter(name, i, '') };
					} catch (error) {
						engine = { error: error.message };
					}
					const before = reads.evaluating;
					let fast;
					try {
						fast = { value: readItemListParameter(view, name, i, '') };
					} catch (error) {
						fast = { error: error.message };
					}
					record.push({ name, item: i, engine, fast, fastPath: reads.evaluating === before });
				}
			}
			return [items.map((item, i) => ({ json: {}, pairedItem: { item: i } }))];
		},
	};
}

const element = fc.oneof(
	{ weight: 6, arbitrary: fc.uuid() },
	{ weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
	fc.string({ unit: 'grapheme', maxLength: 4 }),
	fc.string({ unit: 'binary', maxLength: 3 }),
	fc.constantFrom('', ' ', 'a, b', '\uD800', 'x\uDC00', '={{ 1 }}', '{{ $json.id }}', 'prénom', '🎟️'),
	fc.integer(), fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 2 ** 53 + 1, 1e21),
	fc.boolean(), fc.constant(null),
	{ weight: 1, arbitrary: fc.constant({ id: 'x' }) },
	{ weight: 1, arbitrary: fc.array(fc.uuid(), { maxLength: 2 }) },
);
const list = fc.oneof({ weight: 5, arbitrary: fc.array(fc.uuid(), { minLength: 1, maxLength: 30 }) }, { weight: 5, arbitrary: fc.array(element, { maxLength: 12 }) });
const itemJson = fc.record({ ids: list, nested: fc.record({ 'odd key': list }), rows: fc.array(fc.record({ ids: list }), { minLength: 1, maxLength: 2 }), id: fc.uuid() });
const REFERENCES = ['={{ $json.ids }}', '={{ $json.nested["odd key"] }}', '={{ $json.rows[0].ids }}', '={{ $json.id }}', '={{ $json.ids[0] }}', '={{ $json.ids.concat([]) }}', '={{ $json.missing }}'];

describe('lists in one field: the fast path answers exactly what n8n 2.40 evaluates', () => {
	test('generated lists, compared in n8n-core', async () => {
		const stats = { compared: 0, lists: 0 };
		await fc.assert(
			fc.asyncProperty(fc.array(itemJson, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...REFERENCES), { minLength: 3, maxLength: 3 }), async (jsons, refs) => {
				const parameters = Object.fromEntries(NAMES.map((name, k) => [name, refs[k]]));
				const record = [];
				const result = await runNode({ node: probeNode(record), parameters, input: jsons.map((json) => ({ json })) });
				if (result.error) throw result.error;
				for (const row of record) {
					stats.compared++;
					if (!row.fastPath) {
						expect(row.fast).toEqual(row.engine);
						continue;
					}
					const { engine, fast } = row;
					const same = 'value' in engine && (Array.isArray(fast.value)
						? Array.isArray(engine.value) && engine.value.length === fast.value.length && fast.value.every((v, k) => Object.is(v, engine.value[k]))
						: Object.is(engine.value, fast.value));
					if (!same) throw new Error(`fast path differs from n8n for ${parameters[row.name]} item ${row.item} ${JSON.stringify(jsons[row.item])}: n8n ${JSON.stringify(engine)}, fast ${JSON.stringify(fast)}`);
					if (Array.isArray(fast.value)) stats.lists++;
				}
			}),
			{ numRuns: 60 },
		);
		// Not vacuous: many lists went through the fast path.
		expect(stats.lists).toBeGreaterThan(stats.compared / 10);
	}, 240000);

	test('chosen cases: a list of IDs is read; an empty list, a nested list, an object or a lone surrogate in it go to the engine', async () => {
		const json = { ids: ['a', 'b', 3], empty: [], nested: ['a', ['b']], objects: [{ id: 'a' }], surrogate: ['a', '\uD800'], neg: [-0] };
		const parameters = { ids0: '={{ $json.ids }}', ids1: '={{ $json.empty }}', ids2: '={{ $json.nested }}' };
		const record = [];
		expect((await runNode({ node: probeNode(record), parameters, input: [{ json }] })).error).toBeUndefined();
		const more = [];
		const others = { ids0: '={{ $json.objects }}', ids1: '={{ $json.surrogate }}', ids2: '={{ $json.neg }}' };
		expect((await runNode({ node: probeNode(more), parameters: others, input: [{ json }] })).error).toBeUndefined();
		expect(record[0]).toMatchObject({ fastPath: true, fast: { value: ['a', 'b', 3] } });
		expect(record[0].engine.value).toEqual(['a', 'b', 3]);
		for (const row of [...record.slice(1), ...more]) {
			expect(row.fastPath).toBe(false);
			expect(row.fast).toEqual(row.engine);
		}
	});
});
