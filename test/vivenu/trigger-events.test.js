'use strict';
// vivenu Trigger: what identifies an event (signed content only), what reaches the output (no secret
// tokens), and that the signing keys stay out of errors (issue 21, items 4 and 7).
const crypto = require('node:crypto');
const fc = require('fast-check');
const { triggerHarness } = require('../harness/trigger');
const { vivenuFixture, CREDENTIAL_TYPES } = require('./setup');

const ctx = vivenuFixture();
const TRIGGER = 'dist/nodes/Vivenu/VivenuTrigger.node.js';
const STATIC = 'node:vivenu Trigger';
const hmac = (key, raw, encoding = 'hex') => crypto.createHmac('sha256', key).update(raw).digest(encoding);

let t;
let key;
async function start(parameters = {}) {
	t = await triggerHarness({
		node: TRIGGER,
		parameters: { events: ['transaction.complete', 'transaction.canceled', 'ticket.updated'], ...parameters },
		credentials: ctx.credentials(),
		credentialTypes: CREDENTIAL_TYPES,
	});
	await t.activate();
	key = t.savedStaticData[STATIC].hmacKey;
	return t;
}
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

const envelope = (type, data, id = crypto.randomUUID()) => ({ id, type, mode: 'dev', data });
const sendSigned = (body, { encoding = 'hex', prefix = '' } = {}) => {
	const raw = JSON.stringify(body);
	return t.deliver({ rawBody: raw, headers: { 'x-vivenu-signature': `${prefix}${hmac(key, raw, encoding)}` } });
};

describe('vivenu Trigger: the identity of an event is its signed type, record ID and updatedAt', () => {
	test('a retry under a new envelope id is not re-emitted; a later change of the record is', async () => {
		await start();
		const tx = { _id: 'tx1', status: 'COMPLETE', updatedAt: '2026-12-01T10:00:00.000Z' };
		expect((await sendSigned(envelope('transaction.complete', { transaction: tx, tickets: [] }))).status).toBe(200);
		expect((await sendSigned(envelope('transaction.complete', { transaction: tx, tickets: [] }))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
		expect((await sendSigned(envelope('transaction.canceled', { transaction: { ...tx, status: 'CANCELED' }, tickets: [] }))).status).toBe(200);
		const later = { ...tx, updatedAt: '2026-12-01T10:05:00.000Z' };
		expect((await sendSigned(envelope('transaction.complete', { transaction: later, tickets: [] }))).status).toBe(200);
		expect(t.executions).toHaveLength(3);
		expect(t.executions[0][0]).toMatchObject({ type: 'transaction.complete', signatureForm: 'raw-body:hex' });
	});

	test('generated events: each distinct (type, record, updatedAt) once, whatever the envelope id; changed bytes refused', async () => {
		await start();
		const seen = new Set();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('transaction.complete', 'transaction.canceled', 'ticket.updated'),
				fc.constantFrom('r1', 'r2', 'r3'),
				fc.constantFrom('2026-12-01T10:00:00.000Z', '2026-12-01T10:00:01.000Z'),
				fc.constantFrom('hex', 'base64'),
				fc.boolean(),
				async (type, recordId, updatedAt, encoding, prefixed) => {
					const record = { _id: recordId, updatedAt, secret: 'tok_secret_value' };
					const data = type.startsWith('ticket') ? { ticket: record } : { transaction: record, tickets: [{ _id: 'tk', secret: 'tok_ticket' }] };
					const body = envelope(type, data);
					const before = t.executions.length;
					const res = await sendSigned(body, { encoding, prefix: prefixed ? 'sha256=' : '' });
					expect(res.status).toBe(200);
					const identity = `${type}|${recordId}|${updatedAt}`;
					expect(t.executions.length).toBe(seen.has(identity) ? before : before + 1);
					seen.add(identity);
					const raw = JSON.stringify(body);
					const tampered = raw.replace(updatedAt, '2027-01-01T00:00:00.000Z');
					expect((await t.deliver({ rawBody: tampered, headers: { 'x-vivenu-signature': hmac(key, raw, encoding) } })).status).toBe(401);
				},
			),
			{ numRuns: 60 },
		);
		expect(t.executions.length).toBe(seen.size);
		for (const [item] of t.executions) expect(JSON.stringify(item)).not.toContain('tok_');
	});

	test('signed but not understood (no data, not an object): 200, ignored, never a 5xx', async () => {
		await start();
		for (const raw of ['[1]', 'plain text', JSON.stringify({ id: 'x', type: 'transaction.complete', mode: 'dev' })]) {
			expect((await t.deliver({ rawBody: raw, headers: { 'x-vivenu-signature': hmac(key, raw) } })).status).toBe(200);
		}
		expect(t.executions).toHaveLength(0);
	});
});

describe('vivenu Trigger: no secret token in the output', () => {
	test('the delivered transaction and its tickets carry no `secret` (Resolve Transaction off)', async () => {
		await start();
		await ctx.client.fireWebhook({ provider: 'vivenu', type: 'transaction.complete', data: { transactionId: ctx.fixtures.completeTransactionId } });
		await ctx.client.waitForWebhooks({ provider: 'vivenu' });
		const [delivery] = await ctx.client.webhookDeliveries('vivenu');
		const sent = JSON.parse(delivery.rawBody);
		expect(sent.data.transaction.secret).toEqual(expect.any(String));
		expect(sent.data.tickets.length).toBeGreaterThan(0);
		expect(t.executions).toHaveLength(1);
		const item = t.executions[0][0];
		expect(item.data.transaction._id).toBe(ctx.fixtures.completeTransactionId);
		expect(item.data.transaction.secret).toBeUndefined();
		expect(item.data.tickets).toHaveLength(sent.data.tickets.length);
		for (const ticket of item.data.tickets) expect(ticket.secret).toBeUndefined();
		const text = JSON.stringify(item);
		for (const token of [sent.data.transaction.secret, ...sent.data.tickets.map((x) => x.secret)].filter(Boolean)) expect(text).not.toContain(token);
	});

	test('Resolve Transaction failing: the workflow starts with fetchError, the delivery gets 200', async () => {
		await start({ resolveTransaction: true });
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', path: '/transactions/', status: 404, body: { message: 'Transaction not found' } });
		const body = envelope('transaction.complete', { transaction: { _id: 'gone1', updatedAt: '2026-12-01T10:00:00.000Z', secret: 'tok_x' }, tickets: [] });
		expect((await sendSigned(body)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0].fetchError).toMatchObject({ httpCode: '404' });
		expect(JSON.stringify(t.executions[0][0])).not.toContain('tok_x');
	});
});

describe('vivenu Trigger: signing keys stay out of errors', () => {
	test('a list of registrations cut off mid-answer: neither this trigger key nor other integrations keys reach the error', async () => {
		await start();
		const own = key;
		const others = ['a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9', 'OtherIntegrationKey_7f3a9c'];
		const cut = `{"docs":[{"_id":"w1","url":"https://other.example/hook","hmacKey":"${others[0]}"},{"_id":"w2","url":"${t.url}","hmacKey":"${own}"},{"_id":"w3","hmacKey":"${others[1]}`;
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', path: '/api/webhooks', status: 200, body: cut });
		const error = await t.restart().catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		const text = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause });
		for (const secret of [own, ...others]) expect(text).not.toContain(secret.slice(0, 12));
	});

	test('an error answer that echoes the signing key (here on the repair PUT) does not show it', async () => {
		await start();
		t.setParameters({ events: ['transaction.canceled'] });
		await ctx.client.fault({ provider: 'vivenu', method: 'PUT', path: '/api/webhook/', status: 409, body: { message: 'conflict', webhook: { hmacKey: key } } });
		const error = await t.restart().catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		const text = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause });
		expect(text).not.toContain(key.slice(0, 12));
	});
});
