import type { INode } from 'n8n-workflow';

import { checkDate, checkEmail, checkList, checkMoney, checkNumber, checkNumericId, checkText, checkUrl, MAX_MONEY, optionalNumber } from '../../nodes/common/base/inputChecks';
import { validateId } from '../../nodes/common/base/ids';

const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const at = { node, field: 'Options → Amount', itemIndex: 3 };
const refusal = (run: () => unknown): string => {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('not refused');
};

describe('inputChecks: every refusal names the field and the item', () => {
	it('numbers: finite, plain decimal, sign and range per rule', () => {
		expect(checkNumber(at, 12.5)).toBe(12.5);
		expect(checkNumber(at, ' 12.50 ')).toBe(12.5);
		expect(checkNumber(at, -3, { negative: true })).toBe(-3);
		for (const bad of [NaN, Infinity, -Infinity, '', ' ', '0x10', '1e3', '12,50', 'R 12', '--1', true, null, undefined, {}, [1], '١٢']) {
			expect(refusal(() => checkNumber(at, bad))).toMatch(/^Options → Amount: .* \[item 3\]$/);
		}
		expect(refusal(() => checkNumber(at, -1))).toBe('Options → Amount: -1 is negative [item 3]');
		expect(refusal(() => checkNumber(at, 0, { zero: false }))).toBe('Options → Amount: 0 is not above 0 [item 3]');
		expect(refusal(() => checkNumber(at, 2.5, { integer: true }))).toMatch(/is not a whole number/);
		expect(refusal(() => checkNumber(at, 2 ** 53 + 2, { integer: true }))).toMatch(/above 2\^53/);
		expect(refusal(() => checkNumber(at, 101, { max: 100 }))).toMatch(/is above 100/);
		expect(optionalNumber(at, '')).toBeUndefined();
	});

	it('numeric IDs keep their digits; unsafe numbers, zero, signs and objects are refused', () => {
		expect(checkNumericId(at, '12345678901234567890')).toBe('12345678901234567890');
		expect(checkNumericId(at, 42)).toBe('42');
		expect(checkNumericId(at, '007')).toBe('7');
		for (const bad of [2 ** 53 + 1, 0, -4, 1.5, '0', '-4', '4.0', '1e3', {}, [], true]) expect(refusal(() => checkNumericId(at, bad))).toMatch(/\[item 3\]$/);
	});

	it('text: objects, lists, booleans and lone surrogates are refused for what they are', () => {
		expect(checkText(at, ' a ')).toBe('a');
		expect(checkText(at, 7)).toBe('7');
		expect(refusal(() => checkText(at, { a: 1 }))).toBe('Options → Amount: is an object, not text [item 3]');
		expect(refusal(() => checkText(at, [1]))).toBe('Options → Amount: is a list, not text [item 3]');
		expect(refusal(() => checkText(at, 'ab\ud800'))).toMatch(/lone UTF-16 surrogate/);
		expect(checkText(at, 'ok \ud83d\ude00')).toBe('ok \ud83d\ude00');
	});

	it('e-mail: one address, the right type', () => {
		expect(checkEmail(at, ' a.b@example.co.za ')).toBe('a.b@example.co.za');
		expect(checkEmail(at, '')).toBe('');
		for (const bad of ['a@b', 'a b@c.de', 'Name <a@b.de>', 'a@b.de, c@d.de', 42, { email: 'a@b.de' }]) expect(refusal(() => checkEmail(at, bad))).toMatch(/\[item 3\]$/);
	});

	it('lists: arrays or comma text; an object entry names its position', () => {
		expect(checkList(at, 'a, b,,c')).toEqual(['a', 'b', 'c']);
		expect(checkList(at, ['a', 2])).toEqual(['a', '2']);
		expect(refusal(() => checkList(at, ['a', { id: 'b' }]))).toBe('Options → Amount (entry 2): is an object, not text [item 3]');
	});

	it('dates: real calendar days and clock times, never rolled over', () => {
		expect(checkDate(at, '2028-02-29')).toEqual({ date: '2028-02-29' });
		expect(checkDate(at, '2026-10-31T23:59:59.123+02:00')).toEqual({ date: '2026-10-31', time: '23:59:59', offset: '+02:00' });
		expect(checkDate(at, new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toEqual({ date: '2026-01-02', time: '03:04:05', offset: 'Z' });
		for (const bad of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-10-31 25:00', '2026-10-31T23:61', '2026-10-31T10:00:99', '2026-10-31T10:00+15:00', 'tomorrow', '31/10/2026', '', {}, 20261031, new Date(NaN)]) {
			expect(refusal(() => checkDate(at, bad))).toMatch(/^Options → Amount: .*\[item 3\]$/);
		}
	});

	it('validateId: an object is not "empty", a lost-digit number and control characters are refused', () => {
		const ctx = { getNode: () => node } as never;
		expect(refusal(() => validateId(ctx, { id: 'x' }, 'Payment', 1))).toBe('Payment: is an object, not text [item 1]');
		expect(refusal(() => validateId(ctx, 2 ** 53 + 1, 'Payment', 1))).toMatch(/can be kept exactly/);
		expect(refusal(() => validateId(ctx, 'ab\u0000c', 'Payment', 1))).toMatch(/not a valid ID/);
		expect(refusal(() => validateId(ctx, 'ab\udc00', 'Payment', 1))).toMatch(/surrogate/);
	});
});

describe('inputChecks: control characters and money (issue 21)', () => {
	const CONTROLS = ['\u0000', '\u0007', '\u202e', '\u200b', '\u001b', '\u007f', '\u2028'];

	it('an e-mail address with a control or invisible format character is refused', () => {
		for (const c of CONTROLS) {
			expect(refusal(() => checkEmail(at, `ann${c}@example.com`))).toMatch(/^Options → Amount: contains a control or invisible character \(U\+[0-9A-F]{4}\) \[item 3\]$/);
			expect(refusal(() => checkEmail(at, `ann@exa${c}mple.com`))).toMatch(/control or invisible character/);
		}
	});

	it('a URL: http(s), parsed, and no control or invisible character anywhere', () => {
		expect(checkUrl(at, ' https://shop.example/ok?order=1 ')).toBe('https://shop.example/ok?order=1');
		for (const c of CONTROLS) expect(refusal(() => checkUrl(at, `https://shop.example/ok${c}x`))).toMatch(/control or invisible character/);
		for (const bad of ['ftp://x.example/', 'javascript:alert(1)', 'https://', 'shop.example/ok', 'https://a b.example/']) {
			expect(refusal(() => checkUrl(at, bad))).toMatch(/is not an http\(s\) URL \[item 3\]$/);
		}
		expect(refusal(() => checkUrl(at, ''))).toMatch(/is empty/);
	});

	it('money: at most MAX_MONEY (the package’s own bound), never 1e21', () => {
		expect(checkMoney(at, 999_999_999.99)).toBe(999_999_999.99);
		expect(refusal(() => checkMoney(at, 1e21))).toMatch(/^Options → Amount: 1e\+21 is above 1000000000 \(this package's upper bound for an amount\) \[item 3\]$/);
		expect(refusal(() => checkMoney(at, MAX_MONEY + 0.01))).toMatch(/is above 1000000000/);
		expect(refusal(() => checkMoney(at, -1))).toMatch(/is negative/);
	});
});
