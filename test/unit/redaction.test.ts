import { htmlToText, quoteAnswer, redactJson } from '../../nodes/common/errors';
import { maskParameters, redact, redactDeep, secretsFrom } from '../../nodes/common/redact';

describe('redaction', () => {
	const secret = 'sk_live/abc+123';

	it('masks a secret in plain, URL-encoded and Base64 form', () => {
		const text = `key=${secret} q=${encodeURIComponent(secret)} b=${Buffer.from(secret).toString('base64')}`;
		expect(redact(text, [secret])).toBe('key=[redacted] q=[redacted] b=[redacted]');
	});

	it('leaves values too short to be secrets alone', () => {
		expect(redact('abc abc', ['abc', ''])).toBe('abc abc');
	});

	it('masks deeply and drops the named keys', () => {
		const value = { a: [`x ${secret}`], b: { secret: 'drop me', c: 1 } };
		expect(redactDeep(value, [secret], ['secret'])).toEqual({ a: ['x [redacted]'], b: { c: 1 } });
	});

	it('collects only non-empty string credential fields', () => {
		expect(secretsFrom({ apiKey: 'k1234', empty: '', n: 5 }, ['apiKey', 'empty', 'n', 'missing'])).toEqual(['k1234']);
		expect(secretsFrom(undefined, ['apiKey'])).toEqual([]);
	});

	it('masks the body given to an API error, object or not', () => {
		expect(redactJson({ token: secret }, [secret])).toEqual({ token: '[redacted]' });
		expect(redactJson(`bad ${secret}`, [secret])).toEqual({ body: 'bad [redacted]' });
		expect(redactJson(undefined, [secret])).toEqual({ body: null });
	});
});

describe('one masking helper and one HTML-to-text', () => {
	it('masks literal values of the named parameters, keeps expressions and the rest', () => {
		const params = { trustValue: 'abc', nested: [{ trustSeed: '={{ $json.seed }}', other: 'x' }], empty: '' };
		expect(maskParameters(params, new Set(['trustValue', 'trustSeed', 'empty']))).toEqual({
			trustValue: '[redacted]',
			nested: [{ trustSeed: '={{ $json.seed }}', other: 'x' }],
			empty: '',
		});
	});

	it('reads HTML as text, or only its <pre> block when asked', () => {
		expect(htmlToText('<p>Not&nbsp;<strong>logged</strong> in &amp; out</p>')).toBe('Not logged in & out');
		const express = '<!DOCTYPE html><html><head><title>Error</title></head><body><pre>Cannot GET /nope</pre></body></html>';
		expect(htmlToText(express, { preferPre: true })).toBe('Cannot GET /nope');
		expect(htmlToText(express)).toBe('Error Cannot GET /nope');
	});
});

describe('quoteAnswer', () => {
	it('quotes an answer for a description with secrets masked before it is cut', () => {
		expect(quoteAnswer([{ sku: 'A', key: 'sk_live_1234' }], ['sk_live_1234'])).toBe('Response: [{"sku":"A","key":"[redacted]"}]');
		expect(quoteAnswer(`x${'y'.repeat(700)}`, [])).toHaveLength('Response: '.length + 600);
		expect(quoteAnswer('', [])).toBeUndefined();
	});
});
