import fc from 'fast-check';

import { quoteAnswer } from '../../nodes/common/base/answers';
import { MASK, redact } from '../../nodes/common/base/redact';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('the masked Basic header reveals no character of the password (issue 21)', () => {
	it('masks the whole encoded pair, whatever the username and password', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 20 }).filter((u) => !u.includes(':')), fc.string({ minLength: 4, maxLength: 40 }), (user, password) => {
				const header = `Authorization: Basic ${b64(`${user}:${password}`)}`;
				const masked = redact(header, [password]);
				expect(masked).toBe(`Authorization: Basic ${MASK}`);
			}),
			{ numRuns: 500 },
		);
	});

	it('e.g. a WordPress application password: nothing of it decodes from what is left', () => {
		const masked = redact(`Basic ${b64('editor:abcd EFGH ijkl MNOP')}`, ['abcd EFGH ijkl MNOP']);
		expect(masked).toBe(`Basic ${MASK}`);
	});
});

describe('key-like fields are masked in every quoted answer, known or not (issue 21)', () => {
	const fields = ['hmacKey', 'sign_secret', 'signSecret', 'signing_secret', 'webhookSecret', 'client_secret', 'secret', 'apiKey', 'api_key', 'access_token', 'refresh_token', 'password', 'trust_Seed', 'trust_Value', 'alt_Trust_Value', 'trustSeed', 'trustValue'];

	it.each(fields)('%s: in JSON, in JSON quoted again, form-encoded, and cut off inside the value', (field) => {
		const value = 'Zq9vK2mX7pL4wR8t';
		const json = JSON.stringify({ docs: [{ _id: 'w1', [field]: value, url: 'https://x.example' }] });
		for (const text of [json, JSON.stringify({ description: json }), `${field}=${value}&a=1`, json.slice(0, json.indexOf(value) + 9)]) {
			const masked = redact(text, []);
			expect(masked).not.toContain(value.slice(0, 6));
			expect(masked).toContain(MASK);
		}
	});

	it('generated registration lists, cut anywhere: no key of any registration survives', () => {
		fc.assert(
			fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9_+/=-]{16,64}$/), { minLength: 1, maxLength: 5 }), fc.nat(), (keys, cutAt) => {
				const list = JSON.stringify({ docs: keys.map((hmacKey, i) => ({ _id: `w${i}`, url: `https://h${i}.example/hook`, hmacKey })) });
				const cut = list.slice(0, cutAt % (list.length + 1));
				const quoted = quoteAnswer(cut, []) ?? '';
				for (const key of keys) {
					const start = cut.indexOf(key.slice(0, 8));
					if (start !== -1 && cut.slice(start - 11, start) === '"hmacKey":"') expect(quoted).not.toContain(key.slice(0, 8));
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('leaves null, booleans and ordinary fields alone', () => {
		expect(redact('{"hmacKey":null,"enabled":true,"name":"n8n workflow 1"}', [])).toBe('{"hmacKey":null,"enabled":true,"name":"n8n workflow 1"}');
	});
});
