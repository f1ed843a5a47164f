import { setFlagsFromString } from 'node:v8';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { shapeTransaction, withoutSecret } from '../../nodes/Vivenu/helpers/output';

// Get Many drops `secret` from every transaction (5,000 per run on the bench). The copy must hold the
// same fields in the same order as the record, never the secret, and stay an object with fast
// properties: a copy from which `secret` is deleted becomes a dictionary, slower to build and to read
// and serialize for every later node and for the saved execution.
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

/** What n8n's JSON.parse gives for a vivenu transaction: `secret` among some 60 fields, not last. */
function parsedTransaction(n: number): IDataObject {
	const fields: IDataObject = { _id: `t${n}`, sellerId: 's1', name: 'Leon Wolf', status: 'COMPLETE', realPrice: 40.5 };
	for (let f = 0; f < 40; f++) fields[`field${f}`] = f;
	fields.secret = `secret-${n}`;
	fields.vouchers = [];
	fields.preferredLanguage = 'de';
	return JSON.parse(JSON.stringify(fields)) as IDataObject;
}

/** The reference semantics: a shallow copy without the own `secret` property, everything else in order. */
function reference(record: IDataObject): IDataObject {
	const copy = { ...record };
	delete copy.secret;
	return copy;
}

describe('vivenu withoutSecret', () => {
	it('returns a copy with fast properties, without the secret, the record untouched', () => {
		const record = parsedTransaction(1);
		expect(hasFastProperties(record)).toBe(true);
		const out = withoutSecret(record, false);
		expect(out).not.toBe(record);
		expect('secret' in out).toBe(false);
		expect(JSON.stringify(out)).not.toContain('secret-1');
		expect(hasFastProperties(out)).toBe(true);
		expect(Object.keys(out)).toEqual(Object.keys(record).filter((k) => k !== 'secret'));
		expect(record.secret).toBe('secret-1');
	});

	it('keeps the record itself when it has no secret or the secret is asked for', () => {
		const record = parsedTransaction(2);
		expect(withoutSecret(record, true)).toBe(record);
		const noSecret = reference(record);
		expect(withoutSecret(noSecret, false)).toBe(noSecret);
	});

	it('gives exactly the copy-and-delete result for any record (keys, order, values)', () => {
		const key = fc.oneof(fc.constantFrom('secret', '_id', 'json', '__proto__', '0', '1', 'ü€', ''), fc.string());
		fc.assert(
			fc.property(fc.dictionary(key, fc.jsonValue()), (dict) => {
				// Through JSON, as the records arrive (`__proto__` as an own key, integer-like keys first).
				const record = JSON.parse(JSON.stringify(dict)) as IDataObject;
				const out = shapeTransaction(record, false, false);
				expect(Object.prototype.hasOwnProperty.call(out, 'secret')).toBe(false);
				expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
				expect(Object.keys(out)).toEqual(Object.keys(reference(record)));
				expect(JSON.stringify(out)).toBe(JSON.stringify(reference(record)));
			}),
			{ numRuns: 500 },
		);
	});
});
