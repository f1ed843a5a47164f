import { htmlToText, quoteAnswer, redactJson } from '../../nodes/common/base/answers';
import { base64Forms, maskParameters, redact, redactDeep, secretsFrom } from '../../nodes/common/base/redact';

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

describe('redaction at the right depth (issue 11)', () => {
	const b64 = (text: string) => Buffer.from(text).toString('base64');

	it.each(['k"ey\\with"quotes1', 'ctl\u0001\u001fkey\nline', 'tab\tand "both" \\'])('masks %j raw, JSON-escaped, twice JSON-escaped and form-encoded', (secret) => {
		const once = JSON.stringify({ key: secret });
		const twice = JSON.stringify({ description: once });
		const form = new URLSearchParams({ key: secret }).toString();
		for (const text of [secret, once, twice, form, encodeURIComponent(secret)]) {
			const masked = redact(text, [secret]);
			expect(masked).toContain('[redacted]');
			expect(masked).not.toContain(JSON.stringify(secret).slice(1, -1));
			expect(masked).not.toContain(secret);
		}
		expect(redact(once, [secret])).toBe('{"key":"[redacted]"}');
		expect(redact(form, [secret])).toBe('key=[redacted]');
	});

	it.each(['a', 'ab', 'abc', 'wp_admin', 'editor@example.org'])('masks the password in Basic auth whatever the username %j', (user) => {
		const password = 'abcd EFGH ijkl MNOP';
		const header = `Authorization: Basic ${b64(`${user}:${password}`)}`;
		const masked = redact(header, [password]);
		expect(masked).toContain('[redacted]');
		// What is left of the encoded pair decodes to at most the username and two bytes either side of the password.
		const left = masked.replace('Authorization: Basic ', '').split('[redacted]');
		expect(left.join('').length).toBeLessThanOrEqual(Math.ceil(((user.length + 1) * 4) / 3) + 8);
		expect(redact(b64(`${user}:${password}`), [`${user}:${password}`])).toBe('[redacted]');
	});

	it('masks the Base64 of a secret at any of the 3 alignments inside a longer encoded text', () => {
		const secret = 'sk_live_0123456789';
		for (const prefix of ['', 'x', 'xy', 'xyz']) {
			const encoded = b64(`${prefix}${secret}-tail`);
			expect(redact(encoded, [secret])).toContain('[redacted]');
			// No run of 6+ characters of the secret's own Base64 groups survives.
			for (const form of base64Forms(secret)) expect(redact(encoded, [secret])).not.toContain(form);
		}
	});

	it('masks secrets in object keys too, before anything is serialized', () => {
		expect(redactDeep({ [`x-${'secret_value'}`]: 'secret_value' }, ['secret_value'])).toEqual({ 'x-[redacted]': '[redacted]' });
	});
});
