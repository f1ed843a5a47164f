'use strict';
// Fourvenues Trigger deliveries against the signature forms Fourvenues may mean and against replays:
// generated cases through the real webhook() behind the harness's HTTP server (issue 21, item 4).
const crypto = require('node:crypto');
const fc = require('fast-check');
const { fourvenuesFixture, fourvenuesTrigger } = require('./setup');

const ctx = fourvenuesFixture();
const STATIC = 'node:Fourvenues Trigger';
const PARTS = ['raw-body', 'parsed-body', 'payload'];
const ENCODINGS = ['hex', 'base64'];

/** Signs an event object the way `form` reads it: { rawBody, signature }. */
function signed(body, secret, { part, encoding, prefixed = false }) {
	const rawBody = part === 'parsed-body' ? JSON.stringify(body, null, 2) : JSON.stringify(body);
	const message = part === 'payload' ? JSON.stringify(body.payload) : JSON.stringify(body);
	const digest = crypto.createHmac('sha256', secret).update(message).digest(encoding);
	return { rawBody, signature: `${prefixed ? 'sha256=' : ''}${digest}` };
}

let t;
let secret;
async function start(parameters = {}) {
	t = await fourvenuesTrigger(ctx, parameters);
	await t.activate();
	secret = t.savedStaticData[STATIC].signSecret;
	return t;
}
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

const send = (rawBody, signature, extra = {}) => t.deliver({ rawBody, headers: { 'x-webhook-signature': signature, ...extra } });
let seq = 0;
const paymentEvent = (id = `evt_${++seq}`) => ({ id, event: 'payment.success', payload: { payment_id: `pay_${crypto.randomUUID()}`, resource_type: 'ticket', resource_ids: ['t1'], send_resources: true } });

describe('Fourvenues Trigger: replays and forged delivery IDs (defects of x-webhook-id de-duplication)', () => {
	test('a captured delivery replayed with a new x-webhook-id starts no second run', async () => {
		await start();
		const body = paymentEvent();
		const { rawBody, signature } = signed(body, secret, { part: 'raw-body', encoding: 'hex' });
		expect((await send(rawBody, signature, { 'x-webhook-id': body.id })).status).toBe(200);
		expect((await send(rawBody, signature, { 'x-webhook-id': 'replayed-with-a-new-id' })).status).toBe(200);
		expect((await send(rawBody, signature)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('an old delivery replayed under the next genuine x-webhook-id does not make the genuine one be dropped', async () => {
		await start();
		const old = paymentEvent();
		const genuine = paymentEvent();
		const a = signed(old, secret, { part: 'raw-body', encoding: 'hex' });
		const b = signed(genuine, secret, { part: 'raw-body', encoding: 'hex' });
		await send(a.rawBody, a.signature, { 'x-webhook-id': old.id });
		await send(a.rawBody, a.signature, { 'x-webhook-id': genuine.id }); // the forger guesses or captures the next ID
		expect((await send(b.rawBody, b.signature, { 'x-webhook-id': genuine.id })).status).toBe(200);
		expect(t.executions.map((items) => items[0].payload.payment_id)).toEqual([old.payload.payment_id, genuine.payload.payment_id]);
	});

	test.each([[42], [0], [{ nested: 'id' }], [['a', 1]]])('a delivery whose id is %j is de-duplicated too', async (id) => {
		await start();
		const { rawBody, signature } = signed(paymentEvent(id), secret, { part: 'raw-body', encoding: 'hex' });
		expect((await send(rawBody, signature)).status).toBe(200);
		expect((await send(rawBody, signature)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('ID-less deliveries: each payment once, a repeat of one dropped', async () => {
		await start();
		const first = paymentEvent();
		const second = paymentEvent();
		delete first.id;
		delete second.id;
		for (const body of [first, second, first]) {
			const { rawBody, signature } = signed(body, secret, { part: 'raw-body', encoding: 'hex' });
			expect((await send(rawBody, signature)).status).toBe(200);
		}
		expect(t.executions.map((items) => items[0].payload.payment_id)).toEqual([first.payload.payment_id, second.payload.payment_id]);
	});
});

describe('Fourvenues Trigger: every documented reading of the signature', () => {
	test.each(PARTS.flatMap((part) => ENCODINGS.flatMap((encoding) => [false, true].map((prefixed) => [part, encoding, prefixed]))))(
		'%s, %s, prefix %s: accepted once, reported as signatureForm, never the digest',
		async (part, encoding, prefixed) => {
			await start();
			const body = paymentEvent();
			const { rawBody, signature } = signed(body, secret, { part, encoding, prefixed });
			expect((await send(rawBody, signature)).status).toBe(200);
			const form = `${part}:${prefixed ? 'sha256=' : ''}${encoding}`;
			expect(t.executions).toHaveLength(1);
			const item = t.executions[0][0];
			expect(item).toMatchObject({ event: 'payment.success', payload: body.payload, signatureForm: form });
			// What the signature does not cover is not in the item: with `payload`, the body's id is unsigned.
			if (part === 'payload') expect(item.id).toBeUndefined();
			else expect(item).toMatchObject({ id: body.id, deliveryId: body.id });
			expect(JSON.stringify(item)).not.toContain(signature.replace('sha256=', ''));
		},
	);

	test('generated events and forms: valid accepted once; unsigned-header replays dropped; any change to signed content refused', async () => {
		await start();
		const jsonish = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
		let runs = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					part: fc.constantFrom(...PARTS),
					encoding: fc.constantFrom(...ENCODINGS),
					prefixed: fc.boolean(),
					id: fc.oneof(fc.uuid(), fc.integer({ min: 0 }), fc.constant(undefined)),
					metadata: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), jsonish, { maxKeys: 4 }),
					mutation: fc.constantFrom('payload value', 'payload key', 'id', 'event'),
				}),
				async ({ part, encoding, prefixed, id, metadata, mutation }) => {
					runs += 1;
					const before = t.executions.length;
					const body = { ...(id === undefined ? {} : { id: typeof id === 'number' ? id + runs * 1e6 : id }), event: 'payment.success', payload: { payment_id: `pay_${crypto.randomUUID()}`, metadata } };
					const { rawBody, signature } = signed(body, secret, { part, encoding, prefixed });
					expect((await send(rawBody, signature, { 'x-webhook-id': `h${runs}` })).status).toBe(200);
					expect(t.executions.length).toBe(before + 1);
					// The provider's retry, or a replay with other unsigned headers (and, for `payload`, another body id): no new run.
					const replay = part === 'payload' ? JSON.stringify({ ...body, id: `other-${runs}` }) : rawBody;
					expect((await send(replay, signature, { 'x-webhook-id': `replay-${runs}` })).status).toBe(200);
					expect(t.executions.length).toBe(before + 1);
					// Change what the form signs: refused with 401 (for `payload`, id and event are not signed: see the item test).
					const changed = structuredClone(body);
					if (mutation === 'payload value') changed.payload.payment_id += 'x';
					if (mutation === 'payload key') changed.payload.extra = 1;
					if (mutation === 'id') changed.id = `${body.id ?? ''}-changed`;
					if (mutation === 'event') changed.event = 'ticket.request_refund';
					const coversMutation = part !== 'payload' || mutation.startsWith('payload');
					const status = (await send(part === 'parsed-body' ? JSON.stringify(changed, null, 2) : JSON.stringify(changed), signature)).status;
					if (coversMutation) expect(status).toBe(401);
					else expect(status).toBe(200); // unsigned id: dropped as a repeat; unsigned event: ignored, it does not fit the payload
					expect(t.executions.length).toBe(before + 1);
				},
			),
			{ numRuns: 60 },
		);
		expect(runs).toBeGreaterThanOrEqual(60);
	});

	test('unsigned, other-key, truncated and garbage signatures get 401 in every encoding', async () => {
		await start();
		const body = paymentEvent();
		const raw = JSON.stringify(body);
		const good = crypto.createHmac('sha256', secret).update(raw).digest();
		const other = crypto.createHmac('sha256', 'whsec_other').update(raw).digest();
		for (const signature of [undefined, '', 'sha256=', other.toString('hex'), other.toString('base64'), good.toString('hex').slice(0, 63), good.toString('base64').slice(0, 40), `${good.toString('hex')}00`, 'x'.repeat(64), `md5=${good.toString('hex')}`]) {
			const headers = signature === undefined ? {} : { 'x-webhook-signature': signature };
			expect((await t.deliver({ rawBody: raw, headers })).status).toBe(401);
		}
		expect(t.executions).toHaveLength(0);
		expect(t.responses.every((r) => r.status === 401)).toBe(true);
	});

	test('signed but not understood: 200, ignored, no execution; never a 5xx', async () => {
		await start();
		const cases = [
			'not json at all',
			JSON.stringify([1, 2]),
			JSON.stringify({ id: 'e1', event: 'payment.success' }),
			JSON.stringify({ id: 'e2', event: 'payment.refunded', payload: { payment_id: 'p' } }),
			JSON.stringify({ id: 'e3', event: 42, payload: {} }),
		];
		for (const raw of cases) {
			const signature = crypto.createHmac('sha256', secret).update(raw).digest('hex');
			const res = await t.deliver({ rawBody: raw, headers: { 'x-webhook-signature': signature } });
			expect(res.status).toBe(200);
		}
		// Payload-only signature whose unsigned event name does not fit the payload.
		const body = { id: 'e4', event: 'ticket.request_refund', payload: { payment_id: 'p9' } };
		const { rawBody, signature } = signed(body, secret, { part: 'payload', encoding: 'hex' });
		expect((await send(rawBody, signature)).status).toBe(200);
		expect(t.executions).toHaveLength(0);
	});

	test('Fetch Payment failing: the workflow starts with fetchError and the delivery gets 200, not a 5xx', async () => {
		await start({ fetchPayment: true });
		const { payment } = await ctx.client.control('POST', 'fourvenues', '/payments', { webhook: false });
		await ctx.client.fault({ provider: 'fourvenues', method: 'GET', path: `/payments/${payment._id}`, status: 404, body: { success: false, message: 'Payment not found' } });
		const body = { id: 'e-fetch', event: 'payment.success', payload: { payment_id: payment._id } };
		const { rawBody, signature } = signed(body, secret, { part: 'raw-body', encoding: 'hex' });
		expect((await send(rawBody, signature)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0].fetchError).toMatchObject({ message: expect.stringContaining('404'), httpCode: '404' });
		expect(t.executions[0][0].payment).toBeUndefined();
		expect((await send(rawBody, signature)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('the emulator signs its deliveries in each form; each is accepted once', async () => {
		await start({ events: ['payment.success'] });
		const forms = PARTS.flatMap((part) => ['hex', 'sha256=base64'].map((encoding) => `${part}:${encoding}`));
		for (const signatureForm of forms) {
			await ctx.client.control('POST', 'fourvenues', '/webhook-settings', { signatureForm });
			await ctx.client.injectWebhook({ provider: 'fourvenues', duplicate: 1 });
			await ctx.client.control('POST', 'fourvenues', '/payments', {});
			await ctx.client.waitForWebhooks({ provider: 'fourvenues' });
		}
		const deliveries = await ctx.client.webhookDeliveries('fourvenues');
		expect(deliveries).toHaveLength(forms.length * 2);
		expect(deliveries.every((d) => d.status === 200)).toBe(true);
		expect(t.executions.map((items) => items[0].signatureForm)).toEqual(forms);
	});
});

describe('Fourvenues Trigger: the signing secret stays out of errors', () => {
	test('an endpoint creation answered with an error that echoes sign_secret: the error shows none of it', async () => {
		t = await fourvenuesTrigger(ctx, { events: ['payment.success'] });
		const leaked = 'whsec_0123456789abcdef0123456789abcdef';
		await ctx.client.fault({ provider: 'fourvenues', method: 'POST', path: '/webhooks/endpoints', status: 422, body: { success: false, message: 'url unreachable', data: { _id: 'e1', sign_secret: leaked } } });
		const error = await t.activate().catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		const text = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause });
		expect(text).toContain('[redacted]');
		expect(text).not.toContain('0123456789abcdef');
	});

	test('a failed creation whose answer is cut off inside sign_secret: the error shows none of it', async () => {
		t = await fourvenuesTrigger(ctx, { events: ['payment.success'] });
		await ctx.client.fault({ provider: 'fourvenues', method: 'POST', path: '/webhooks/endpoints', status: 500, body: '{"success":false,"data":{"_id":"e1","url":"x","sign_secret":"whsec_fedcba9876543210fedc' });
		const error = await t.activate().catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		const text = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause });
		expect(text).not.toContain('fedcba9876543210');
	});
});
