import { createHmac } from 'node:crypto';
import fc from 'fast-check';

import { ALL_SIGNATURE_FORMS, canonicalJson, deliveryKey, readSignatureHeader, type SignatureForm, verifySignature } from '../../nodes/common/triggers/webhook';
import { readFourvenuesDelivery } from '../../nodes/Fourvenues/helpers/webhookEvents';
import { vivenuEventKey, withoutSecretTokens } from '../../nodes/Vivenu/helpers/webhookEvents';

const SECRET = 'whsec_unit_0123456789';

/** What a sender using `form` puts on the wire: the bytes and the header. */
function sign(body: Record<string, unknown>, form: SignatureForm, prefixed: boolean, secret = SECRET) {
	const rawBody = Buffer.from(form.part === 'parsed-body' ? JSON.stringify(body, null, 1) : JSON.stringify(body));
	const message = form.part === 'payload' ? JSON.stringify(body.payload) : JSON.stringify(body);
	const digest = createHmac('sha256', secret).update(message).digest(form.encoding);
	return { rawBody, header: `${prefixed ? 'sha256=' : ''}${digest}` };
}

const arbBody = fc.record({
	id: fc.oneof(fc.uuid(), fc.integer(), fc.constant(undefined)),
	event: fc.constantFrom('payment.success', 'ticket.request_refund'),
	payload: fc.record({ payment_id: fc.string({ minLength: 1, maxLength: 10 }), ticket_id: fc.string({ minLength: 1, maxLength: 10 }), extra: fc.jsonValue({ maxDepth: 2 }) }),
});
const arbForm = fc.constantFrom(...ALL_SIGNATURE_FORMS);
const strip = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('signature forms (issue 21, item 4)', () => {
	it('every generated body in every form verifies, naming the form and returning exactly what was signed', () => {
		fc.assert(
			fc.property(arbBody, arbForm, fc.boolean(), (generated, form, prefixed) => {
				const body = strip(generated);
				const { rawBody, header } = sign(body, form, prefixed);
				const result = verifySignature({ secret: SECRET, header, rawBody, parsedBody: {}, forms: ALL_SIGNATURE_FORMS });
				expect(result).toBeDefined();
				expect(result!.form).toBe(`${form.part}:${prefixed ? 'sha256=' : ''}${form.encoding}`);
				expect(result!.signed).toEqual(form.part === 'payload' ? { payload: body.payload } : body);
			}),
			{ numRuns: 400 },
		);
	});

	it('another key, a changed digest character, or a form the provider does not use: refused', () => {
		fc.assert(
			fc.property(arbBody, arbForm, fc.nat(), (generated, form, at) => {
				const body = strip(generated);
				const { rawBody, header } = sign(body, form, false);
				const other = sign(body, form, false, 'whsec_other');
				expect(verifySignature({ secret: SECRET, header: other.header, rawBody, parsedBody: {}, forms: ALL_SIGNATURE_FORMS })).toBeUndefined();
				const i = at % header.length;
				const flipped = header.slice(0, i) + (header[i] === 'a' ? 'b' : 'a') + header.slice(i + 1);
				if (readSignatureHeader(flipped)?.digest.equals(readSignatureHeader(header)!.digest) !== true) {
					expect(verifySignature({ secret: SECRET, header: flipped, rawBody, parsedBody: {}, forms: ALL_SIGNATURE_FORMS })).toBeUndefined();
				}
				const others = ALL_SIGNATURE_FORMS.filter((f) => f.part !== form.part && !(form.part !== 'payload' && f.part !== 'payload'));
				expect(verifySignature({ secret: SECRET, header, rawBody, parsedBody: {}, forms: others })).toBeUndefined();
			}),
			{ numRuns: 300 },
		);
	});

	it('any change to the signed content is refused', () => {
		fc.assert(
			fc.property(arbBody, arbForm, fc.string({ minLength: 1, maxLength: 5 }), (generated, form, extra) => {
				const body = strip(generated);
				const { header } = sign(body, form, false);
				const changed = structuredClone(body);
				(changed.payload as Record<string, unknown>).payment_id += extra;
				const rawBody = Buffer.from(form.part === 'parsed-body' ? JSON.stringify(changed, null, 1) : JSON.stringify(changed));
				expect(verifySignature({ secret: SECRET, header, rawBody, parsedBody: {}, forms: ALL_SIGNATURE_FORMS })).toBeUndefined();
			}),
			{ numRuns: 300 },
		);
	});

	it('never an unsigned delivery: no secret held, no header, or an empty one', () => {
		const body = { id: 'x', event: 'payment.success', payload: { payment_id: 'p' } };
		const raw = Buffer.from(JSON.stringify(body));
		const emptyKeyHeader = createHmac('sha256', '').update(raw).digest('hex');
		for (const secret of [undefined, '', null, 42]) {
			expect(verifySignature({ secret, header: emptyKeyHeader, rawBody: raw, parsedBody: body, forms: ALL_SIGNATURE_FORMS })).toBeUndefined();
		}
		for (const header of [undefined, '', 'sha256=', [], ['']]) {
			expect(verifySignature({ secret: SECRET, header, rawBody: raw, parsedBody: body, forms: ALL_SIGNATURE_FORMS })).toBeUndefined();
		}
	});
});

describe('de-duplication keys come from signed content only (issue 21, item 4)', () => {
	it('Fourvenues: body forms key on the body id (any JSON value); the payload form ignores the unsigned id and event', () => {
		fc.assert(
			fc.property(arbBody, arbForm, fc.jsonValue({ maxDepth: 1 }), (generated, form, otherId) => {
				const body = strip({ ...generated, event: 'payment.success' });
				const { rawBody, header } = sign(body, form, false);
				const delivery = verifySignature({ secret: SECRET, header, rawBody, parsedBody: {}, forms: ALL_SIGNATURE_FORMS })!;
				const reading = readFourvenuesDelivery(delivery, ['payment.success', 'ticket.request_refund']);
				if (!('key' in reading)) throw new Error(`ignored: ${reading.ignore}`);
				const hasId = body.id !== undefined;
				if (form.part !== 'payload' && hasId) expect(reading.key).toBe(deliveryKey('fourvenues', 'id', body.id));
				else expect(reading.key).toBe(deliveryKey('fourvenues', 'payment.success', (body.payload as Record<string, unknown>).payment_id));
				if (form.part === 'payload') {
					// A replay with another (unsigned) id keeps the key; the item holds nothing unsigned.
					const replayed = verifySignature({ secret: SECRET, header, rawBody: Buffer.from(JSON.stringify({ ...body, id: otherId })), parsedBody: {}, forms: ALL_SIGNATURE_FORMS })!;
					const again = readFourvenuesDelivery(replayed, ['payment.success']);
					expect('key' in again && again.key).toBe(reading.key);
					expect(reading.item).toEqual({ event: 'payment.success', payload: body.payload });
				}
			}),
			{ numRuns: 400 },
		);
	});

	it('Fourvenues: ids 1 and "1" are different deliveries; equal ids the same', () => {
		expect(deliveryKey('fourvenues', 'id', 1)).not.toBe(deliveryKey('fourvenues', 'id', '1'));
		expect(deliveryKey('fourvenues', 'id', { b: 1, a: 2 })).toBe(deliveryKey('fourvenues', 'id', { a: 2, b: 1 }));
	});

	it('vivenu: type + record ID + updatedAt, whatever else the envelope holds; without them the whole data', () => {
		fc.assert(
			fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.jsonValue(), (type, id, updatedAt, noise) => {
				const key = vivenuEventKey(type, { transaction: { _id: id, updatedAt, status: 'A' }, tickets: [] });
				expect(vivenuEventKey(type, { transaction: { _id: id, updatedAt, status: 'B', noise }, tickets: [{ noise }] })).toBe(key);
				expect(vivenuEventKey(`${type}x`, { transaction: { _id: id, updatedAt } })).not.toBe(key);
				expect(vivenuEventKey(type, { transaction: { _id: id, updatedAt: `${updatedAt}x` } })).not.toBe(key);
				expect(vivenuEventKey(type, { ticket: { _id: id } })).toBe(vivenuEventKey(type, { ticket: { _id: id } }));
				expect(vivenuEventKey(type, { ticket: { _id: id, n: 1 } })).not.toBe(vivenuEventKey(type, { ticket: { _id: id, n: 2 } }));
			}),
			{ numRuns: 300 },
		);
	});

	it('canonical JSON ignores key order only', () => {
		expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
	});
});

describe('vivenu secret tokens (issue 21, item 7)', () => {
	it('are removed at every depth, nothing else is', () => {
		const envelope = { id: 'e', data: { transaction: { _id: 't', secret: 's1', tickets: [{ secret: 's2', n: 1 }] }, tickets: [{ _id: 'k', secret: 's3' }] } };
		expect(withoutSecretTokens(envelope)).toEqual({ id: 'e', data: { transaction: { _id: 't', tickets: [{ n: 1 }] }, tickets: [{ _id: 'k' }] } });
	});
});

describe('receiveDelivery reports the matched form through the logger, never the digest (issue 21, item 4)', () => {
	function fakeContext(rawBody: Buffer, header: string | undefined) {
		const logs: string[] = [];
		const answers: Array<{ status: number; body: unknown }> = [];
		let status = 0;
		const ctx = {
			getNode: () => ({ id: 'n1', name: 'Fourvenues Trigger' }),
			getWorkflow: () => ({ id: `wf-${Math.random()}` }),
			getHeaderData: () => (header === undefined ? {} : { 'x-webhook-signature': header }),
			getRequestObject: () => ({ rawBody }),
			getBodyData: () => JSON.parse(rawBody.toString()),
			getResponseObject: () => ({
				status(code: number) {
					status = code;
					return this;
				},
				json(body: unknown) {
					answers.push({ status, body });
				},
			}),
			helpers: { returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })) },
			logger: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), debug: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
		};
		return { ctx, logs, answers };
	}

	it('accepted: one log line with the form; refused: 401 and a line without any digest', async () => {
		const { receiveDelivery } = await import('../../nodes/common/triggers/webhook');
		const body = { id: 'e1', event: 'payment.success', payload: { payment_id: 'p1' } };
		const { rawBody, header } = sign(body, { part: 'payload', encoding: 'base64' }, true);
		const rules = (wanted: string[]) => ({ header: 'x-webhook-signature', secret: SECRET, forms: ALL_SIGNATURE_FORMS, read: (d: Parameters<typeof readFourvenuesDelivery>[0]) => readFourvenuesDelivery(d, wanted) });

		const ok = fakeContext(rawBody, header);
		const result = await receiveDelivery(ok.ctx as never, {}, rules(['payment.success']));
		expect(result.workflowData?.[0][0].json).toEqual({ event: 'payment.success', payload: { payment_id: 'p1' }, signatureForm: 'payload:sha256=base64' });
		expect(ok.logs).toEqual(['Fourvenues Trigger: signed delivery (payload:sha256=base64) accepted']);

		const bad = fakeContext(rawBody, header.replace(/.{4}=$/, 'AAAA='));
		expect(await receiveDelivery(bad.ctx as never, {}, rules(['payment.success']))).toEqual({ noWebhookResponse: true });
		expect(bad.answers).toEqual([{ status: 401, body: { message: 'Invalid or missing x-webhook-signature' } }]);
		for (const line of [...ok.logs, ...bad.logs]) expect(line).not.toContain(header.slice(7, 20));
	});
});
