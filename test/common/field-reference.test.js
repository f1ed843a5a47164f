'use strict';
// Issue 24 item 1: a plain `{{ $json.… }}` reference read without the expression engine gives exactly what
// n8n's engine gives. A probe node runs inside n8n-core's WorkflowExecute (isolated-vm engine on Node 24, as
// n8n 2.x runs it); for every parameter and item it reads the value both ways: `getNodeParameter` (n8n) and
// `readItemParameter` (the package). Whenever the fast path answers, its answer must be n8n's, value and type
// (n8n throwing where the fast path answers is a failure too). The generated items hold nested objects,
// arrays, numbers (NaN, -0, Infinity), null, booleans, missing fields, unicode and odd keys, lone surrogates.
const fc = require('fast-check');
const { runNode } = require('../harness');
const { countingReads } = require('./counting-reads');
const { readItemParameter, parseFieldReference } = require('../../dist/nodes/common/base/fieldReference');

const REFS = ['ref0', 'ref1', 'ref2', 'ref3', 'ref4', 'ref5'];
const LOCS = ['loc0', 'loc1', 'loc2'];

function probeNode(record) {
	return {
		description: {
			displayName: 'Reference Probe',
			name: 'referenceProbe',
			group: ['transform'],
			version: 1,
			defaults: { name: 'Probe' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				...REFS.map((name) => ({ displayName: name, name, type: 'string', default: '' })),
				...LOCS.map((name) => ({
					displayName: name,
					name,
					type: 'resourceLocator',
					default: { mode: 'id', value: '' },
					modes: [
						{ displayName: 'List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'x' } },
						{ displayName: 'ID', name: 'id', type: 'string' },
						{ displayName: 'URL', name: 'url', type: 'string', extractValue: { type: 'regex', regex: 'https://x/([^/]+)' } },
					],
				})),
			],
		},
		async execute() {
			const items = this.getInputData();
			// The package's reader runs on a view of the context that counts evaluating reads (counting-reads.js).
			const { view, reads } = countingReads(this);
			for (let i = 0; i < items.length; i++) {
				for (const name of [...REFS, ...LOCS]) {
					const options = LOCS.includes(name) ? { extractValue: true } : undefined;
					let engine;
					try {
						engine = { value: this.getNodeParameter(name, i, '', options) };
					} catch (error) {
						engine = { error: error.message };
					}
					const before = reads.evaluating;
					let fast;
					try {
						fast = { value: readItemParameter(view, name, i, '', options) };
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

// ---- generators -----------------------------------------------------------------------------------

const ODD_KEYS = ['odd key', 'a.b', "it's", 'say "hi"', 'x]y', 'tab\tkey', 'line\nkey', 'back\\slash', '}}', '{{ x }}', '$x', '$', '0', '1', '',
	'prénom', '日本語', '🎟️ ticket', 'ключ', 'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length',
	'isProxy', '__x', 'class', 'new', 'isEmpty', 'first', 'keys', 'id', 'ID', 'transactionId', '\u2028', 'a\u0000b'];
const key = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom('id', 'a', 'b', 'data', 'items', 'user_id', '_x', 'A1') },
	{ weight: 3, arbitrary: fc.constantFrom(...ODD_KEYS) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const primitive = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 6 }),
	fc.constantFrom('5f9a1b2c3d4e5f6a7b8c9d0e', '', ' ', '=x', '={{ 1 }}', '{{ $json.id }}', 'null', 'undefined', '\uD800', 'a\uDC00'),
	fc.integer(), fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 2 ** 53 + 1, 1e21, 0.1),
	fc.boolean(), fc.constant(null),
);
const { value: jsonValue } = fc.letrec((tie) => ({
	value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, primitive, tie('object'), tie('array')),
	object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
	array: fc.array(tie('value'), { maxLength: 4 }),
}));
const itemJson = fc.dictionary(key, jsonValue, { minKeys: 1, maxKeys: 5 });

const space = fc.constantFrom('', '', ' ', '  ', '\t', '\n', ' \n ');
/** A step of a path in one of the forms a user or n8n's editor writes. */
function renderStep(step, form, ws) {
	if (typeof step === 'number') return `[${ws}${step}${ws}]`;
	if (form === 0 && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(step)) return `.${ws}${step}`;
	if (form === 1 && !/['\\\n\r\u2028\u2029]/.test(step)) return `[${ws}'${step}'${ws}]`;
	return `[${ws}${JSON.stringify(step)}${ws}]`;
}

/** Paths walked through an item (so most exist), or made up. */
function pathsOf(json, picks) {
	const path = [];
	let current = json;
	for (const pick of picks) {
		if (Array.isArray(current) && current.length) {
			const index = pick % (current.length + 1);
			path.push(index);
			current = current[index];
		} else if (current && typeof current === 'object' && Object.keys(current).length) {
			const keys = Object.keys(current);
			const name = keys[pick % keys.length];
			path.push(name);
			current = current[name];
		} else break;
	}
	return path;
}

const reference = fc.record({
	picks: fc.array(fc.nat(50), { minLength: 3, maxLength: 6 }),
	// Mostly none: a step past the walk is usually a missing field.
	extra: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.oneof(key, fc.nat(3)), { minLength: 1, maxLength: 2 }) }),
	forms: fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }),
	outer: space,
	inner: space,
	// Variations n8n evaluates differently from a plain reference: they must go to the engine.
	wrap: fc.oneof({ weight: 12, arbitrary: fc.constant('plain') }, fc.constantFrom('trailing', 'leading', 'optional', 'concat', 'noEquals', 'whole')),
});

function render(json, ref) {
	const path = [...pathsOf(json, ref.picks), ...ref.extra];
	const body = `$json${path.map((step, k) => renderStep(step, ref.forms[k % ref.forms.length], ref.inner)).join('')}`;
	switch (ref.wrap) {
		case 'trailing': return `={{ ${body} }} `;
		case 'leading': return `= {{ ${body} }}`;
		case 'optional': return `={{ ${body.replace('$json', '$json?')} }}`;
		case 'concat': return `={{ ${body} + '' }}`;
		case 'noEquals': return `{{ ${body} }}`;
		case 'whole': return `={{${ref.outer}$json${ref.outer}}}`;
		default: return `={{${ref.outer}${body}${ref.outer}}}`;
	}
}

const LOCATOR_MODES = ['id', 'id', 'list', 'url'];

describe('plain field references: the fast path answers exactly what n8n 2.40 evaluates', () => {
	test('generated items and references, compared in n8n-core', async () => {
		const stats = { compared: 0, fastPath: 0, fastValues: new Set() };
		await fc.assert(
			fc.asyncProperty(
				fc.array(itemJson, { minLength: 1, maxLength: 4 }),
				fc.array(reference, { minLength: REFS.length + LOCS.length, maxLength: REFS.length + LOCS.length }),
				fc.array(fc.nat(3), { minLength: LOCS.length, maxLength: LOCS.length }),
				async (jsons, refs, modes) => {
					const parameters = {};
					REFS.forEach((name, k) => { parameters[name] = render(jsons[0], refs[k]); });
					LOCS.forEach((name, k) => {
						parameters[name] = { __rl: true, mode: LOCATOR_MODES[modes[k]], value: render(jsons[jsons.length - 1], refs[REFS.length + k]) };
					});
					const record = [];
					const result = await runNode({ node: probeNode(record), parameters, input: jsons.map((json) => ({ json })) });
					if (result.error) throw result.error;
					expect(record).toHaveLength(jsons.length * (REFS.length + LOCS.length));
					for (const row of record) {
						stats.compared++;
						if (!row.fastPath) continue;
						stats.fastPath++;
						stats.fastValues.add(row.fast.value === null ? 'null' : typeof row.fast.value);
						// Same value and type as n8n; n8n must not have thrown.
						if (!('value' in row.engine) || !Object.is(row.engine.value, row.fast.value)) {
							throw new Error(`fast path differs from n8n for ${row.name}=${JSON.stringify(parameters[row.name])} item ${row.item} ${JSON.stringify(jsons[row.item])}: n8n ${JSON.stringify(row.engine)}, fast ${JSON.stringify(row.fast)}`);
						}
					}
				},
			),
			{ numRuns: 80 },
		);
		// Not vacuous: many comparisons went through the fast path, for every kind of value it takes.
		process.stdout.write(`compared ${stats.compared}, fast ${stats.fastPath}\n`);
		expect(stats.fastPath).toBeGreaterThan(stats.compared / 10);
		expect([...stats.fastValues].sort()).toEqual(['boolean', 'null', 'number', 'string']);
	}, 240000);

	test('chosen cases: odd keys, unicode, arrays, numbers, null; a missing field, an object, a URL locator go to the engine', async () => {
		const json = { 'odd key': 'A1', a: { 'b c': { d: 'deep' } }, list: [{ id: 7 }, 'x'], 'prénom': 'Zoë', 'it\'s': null, 'say "hi"': true, n: 0 };
		const cases = {
			ref0: '={{ $json["odd key"] }}',
			ref1: '={{$json.a["b c"].d}}',
			ref2: "={{ $json.list[0].id }}",
			ref3: "={{ $json['prénom'] }}",
			ref4: '={{ $json["it\'s"] }}',
			ref5: '={{ $json.missing }}',
			loc0: { __rl: true, mode: 'id', value: '={{ $json["say \\"hi\\""] }}' },
			loc1: { __rl: true, mode: 'url', value: '={{ $json.a["b c"].d }}' },
			loc2: { __rl: true, mode: 'list', value: '={{ $json.a }}' },
		};
		const record = [];
		const result = await runNode({ node: probeNode(record), parameters: cases, input: [{ json }] });
		expect(result.error).toBeUndefined();
		const row = (name) => record.find((r) => r.name === name);
		expect(row('ref0')).toMatchObject({ fastPath: true, fast: { value: 'A1' }, engine: { value: 'A1' } });
		expect(row('ref1')).toMatchObject({ fastPath: true, fast: { value: 'deep' }, engine: { value: 'deep' } });
		expect(row('ref2')).toMatchObject({ fastPath: true, fast: { value: 7 }, engine: { value: 7 } });
		expect(row('ref3')).toMatchObject({ fastPath: true, fast: { value: 'Zoë' }, engine: { value: 'Zoë' } });
		expect(row('ref4')).toMatchObject({ fastPath: true, fast: { value: null }, engine: { value: null } });
		expect(row('loc0')).toMatchObject({ fastPath: true, fast: { value: true }, engine: { value: true } });
		// Left to n8n: its answers are whatever n8n says (undefined, the URL refusal, the object).
		for (const name of ['ref5', 'loc1', 'loc2']) {
			expect(row(name).fastPath).toBe(false);
			expect(row(name).fast).toEqual(row(name).engine);
		}
		expect(row('ref5').engine).toEqual({ value: undefined });
		expect(row('loc1').engine.error).toMatch(/invalid/);
		expect(row('loc2').engine.value).toEqual({ 'b c': { d: 'deep' } });
	});

	test('the parser takes exactly the plain forms', () => {
		expect(parseFieldReference('={{ $json.id }}')).toEqual(['id']);
		expect(parseFieldReference('={{$json["odd key"][2].x}}')).toEqual(['odd key', 2, 'x']);
		expect(parseFieldReference("={{ \n$json . a [ 'b' ] }}")).toEqual(['a', 'b']);
		expect(parseFieldReference('={{ $json["\\u00e9\\"q"] }}')).toEqual(['é"q']);
		for (const notPlain of ['={{ $json }}', '={{ $json.id }} ', '= {{ $json.id }}', '{{ $json.id }}', '={{ $json?.id }}', '={{ $json.id.toString() }}',
			'={{ $json.constructor }}', '={{ $json["__proto__"] }}', '={{ $json["a}}b"] }}', '={{ $json[01] }}', '={{ $json["a"] + $json.b }}',
			'={{ $json.prénom }}', '={{ $json.$x }}', "={{ $json['a\\'b'] }}", '={{ $item(0).$json.id }}', '={{ $json.a }}{{ $json.b }}', 'plain text', 42]) {
			expect([notPlain, parseFieldReference(notPlain)]).toEqual([notPlain, undefined]);
		}
	});
});

describe('true/false set without an expression: returned as set, what n8n returns', () => {
	/** A probe with boolean parameters (one shown only while another is off, as vivenu's Include Secret). */
	function flagProbe(record) {
		return {
			description: {
				displayName: 'Flag Probe', name: 'flagProbe', group: ['transform'], version: 1, defaults: { name: 'Probe' },
				inputs: ['main'], outputs: ['main'],
				properties: [
					{ displayName: 'On', name: 'on', type: 'boolean', default: false },
					{ displayName: 'Off', name: 'off', type: 'boolean', default: true },
					{ displayName: 'Unset', name: 'unset', type: 'boolean', default: true },
					{ displayName: 'Hidden', name: 'hidden', type: 'boolean', default: true, displayOptions: { show: { on: [false] } } },
					{ displayName: 'Mapped', name: 'mapped', type: 'boolean', default: false },
				],
			},
			async execute() {
				const items = this.getInputData();
				const { view, reads } = countingReads(this);
				for (let i = 0; i < items.length; i++) {
					for (const name of ['on', 'off', 'unset', 'hidden', 'mapped']) {
						const before = reads.evaluating;
						const fast = readItemParameter(view, name, i, false);
						record.push({ name, item: i, fast, engine: this.getNodeParameter(name, i, false), fastPath: reads.evaluating === before });
					}
				}
				return [items.map((item, i) => ({ json: {}, pairedItem: { item: i } }))];
			},
		};
	}

	test('set, default, hidden and mapped flags over 3 items: the same value and type as getNodeParameter, no evaluating read for a set flag', async () => {
		const record = [];
		const input = [{ json: { flag: true } }, { json: { flag: false } }, { json: { flag: 'yes' } }];
		const result = await runNode({ node: flagProbe(record), parameters: { on: true, off: false, mapped: '={{ $json.flag }}' }, input });
		expect(result.error).toBeUndefined();
		expect(record).toHaveLength(15);
		for (const row of record) expect([row.name, row.item, row.fast]).toEqual([row.name, row.item, row.engine]);
		const at = (name, item) => record.find((r) => r.name === name && r.item === item);
		for (let i = 0; i < 3; i++) {
			expect(at('on', i)).toMatchObject({ fast: true, fastPath: true });
			expect(at('off', i)).toMatchObject({ fast: false, fastPath: true });
			// n8n stores a parameter left at its default; one hidden by another's value is not stored and gets the fallback.
			expect(at('unset', i)).toMatchObject({ fast: true, fastPath: true });
			expect(at('hidden', i)).toMatchObject({ fast: false, fastPath: true });
		}
		expect(record.filter((r) => r.name === 'mapped').map((r) => [r.fast, r.fastPath])).toEqual([[true, true], [false, true], ['yes', true]]);
	});
});
