import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { groupKeyOf, requestFieldsText, type RequestFields } from '../../nodes/ConstantContact/helpers/requestFields';

const value = fc.oneof(
	fc.constantFrom('Paid', 'PAID', 'CANCELED', '', '0', 'true', 'null'),
	fc.string({ maxLength: 4 }),
	fc.integer({ min: -2, max: 2 }),
	fc.constantFrom(0, -0, NaN, 1.5, true, false, null, undefined),
	fc.constant({ nested: 'x' }),
	fc.constant(['a']),
);
const fields: fc.Arbitrary<IDataObject> = fc.dictionary(fc.constantFrom('payment_status', 'registration_status', 'note', 'x'), value, { maxKeys: 3 }) as fc.Arbitrary<IDataObject>;
const qs = fc.option(fields, { nil: undefined });
/** Runs of items, many of them repeating the previous item's fields as equal new objects (the usual case). */
const run = fc.array(fc.record({ body: fields, qs, repeat: fc.boolean() }), { minLength: 1, maxLength: 12 });

describe("Constant Contact's bulk request fields (helpers/requestFields.ts)", () => {
	test('the text of every item is JSON.stringify([body, qs ?? {}]), also when the previous one is reused', () => {
		fc.assert(
			fc.property(run, (items) => {
				const textOf = requestFieldsText();
				let previous: { body: IDataObject; qs?: IDataObject } | undefined;
				for (const item of items) {
					// A repeat is an equal copy, never the same object: the reader compares values.
					const current = item.repeat && previous ? { body: { ...previous.body }, qs: previous.qs && { ...previous.qs } } : item;
					expect(textOf(current)).toBe(JSON.stringify([current.body, current.qs ?? {}]));
					previous = current;
				}
			}),
			{ numRuns: 500 },
		);
	});

	test('equal fields in another key order are not taken for the previous ones', () => {
		const textOf = requestFieldsText();
		expect(textOf({ body: { a: 1, b: 2 } })).toBe('[{"a":1,"b":2},{}]');
		expect(textOf({ body: { b: 2, a: 1 } })).toBe('[{"b":2,"a":1},{}]');
		expect(textOf({ body: { b: 2, a: 1 }, qs: {} })).toBe('[{"b":2,"a":1},{}]');
		expect(textOf({ body: { b: 2, a: 1 }, qs: { x: 'y' } })).toBe('[{"b":2,"a":1},{"x":"y"}]');
	});

	test('two plans share a group key exactly when event, track, fields and size are the same', () => {
		const id = fc.oneof(fc.constantFrom('ev1', 'ev2', 'a', 'a\u0001b', 'undefined', 'null'), fc.string({ maxLength: 3 }).filter((s) => !/[\p{Cc}]/u.test(s)));
		const track = fc.option(fc.oneof(fc.constantFrom('t1', 'null', '', 'a"b', 'x\u0000y'), fc.string({ maxLength: 3 })), { nil: undefined });
		let equal = 0;
		const plan: fc.Arbitrary<RequestFields> = fc.record({ eventId: id, trackId: track, body: fields, qs, chunkSize: fc.constantFrom(1, 2, 100, 2000) });
		fc.assert(
			// b takes each field from a or from another plan: many pairs are equal, or differ in one field only.
			fc.property(plan, plan, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (a, other, fromA) => {
				const names = ['eventId', 'trackId', 'body', 'qs', 'chunkSize'] as const;
				const b = Object.fromEntries(names.map((name, k) => [name, (fromA[k] ? a : other)[name]])) as unknown as RequestFields;
				const keyOf = (p: RequestFields) => groupKeyOf(p, JSON.stringify([p.body, p.qs ?? {}]));
				const same = JSON.stringify([a.eventId, a.trackId ?? null, a.body, a.qs ?? {}, a.chunkSize]) === JSON.stringify([b.eventId, b.trackId ?? null, b.body, b.qs ?? {}, b.chunkSize]);
				expect(keyOf(a) === keyOf(b)).toBe(same);
				if (same) equal++;
			}),
			{ numRuns: 2000 },
		);
		// b equals a at least when all five fields come from a (1 in 32: about 62 of 2,000 runs, σ ≈ 8); the check
		// must have compared many equal pairs, not only different ones. (It asked > 100 and met 97 once.)
		expect(equal).toBeGreaterThan(30);
	});
});
