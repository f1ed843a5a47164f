'use strict';
// Real signed webhook deliveries (issue 12 item 8): registrations at vivenu and Fourvenues receive
// signed deliveries when the emulator's state changes and through POST /_emulator/webhooks/fire,
// non-2xx answers are retried on a compressed schedule, duplicates and out-of-order deliveries can be
// injected, every attempt is logged with its status, and nothing is sent beyond loopback.
// Signatures are recomputed here with node:crypto, independently of the emulator's code.
const crypto = require('crypto');
const http = require('http');
const { startEmulator } = require('../../emulators');
const { EmulatorClient, request } = require('../../emulators/client');
const { isLoopbackUrl } = require('../../emulators/core/webhooks');
const vivenu = require('../../emulators/providers/vivenu');
const fourvenues = require('../../emulators/providers/fourvenues');

const VIVENU_KEY = 'key_emulator_vivenu_demo';
const FV_KEY = 'sk_test_emulator_fourvenues_demo';
const FV_OTHER_KEY = 'sk_test_emulator_fourvenues_other';

const hmacHex = (key, raw) => crypto.createHmac('sha256', key).update(raw, 'utf8').digest('hex');

/** A loopback receiver answering with the statuses given in turn (the last one repeats). */
function receiver(statuses = [200]) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const status = statuses[Math.min(received.length, statuses.length - 1)];
			received.push({ method: req.method, url: req.url, headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), answered: status });
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok: status < 300 }));
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}/hook`,
				received,
				bodies: () => received.map((r) => JSON.parse(r.rawBody)),
				close: () => new Promise((r) => server.close(() => r())),
			}),
		),
	);
}

let emu;
let client;
let rx;
const ctl = (method, path, body) => request(method, `${emu.url}/_emulator${path}`, { body });
const viv = (method, path, body) => request(method, `${emu.url}/vivenu${path}`, { headers: { authorization: `Bearer ${VIVENU_KEY}` }, body });
const fv = (method, path, body, key = FV_KEY) => request(method, `${emu.url}/fourvenues${path}`, { headers: { 'x-api-key': key }, body });
const wait = async (provider) => {
	const r = await ctl('POST', '/webhooks/wait', { provider, timeoutMs: 15000 });
	expect(r.status).toBe(200);
	return r.body.deliveries;
};

beforeAll(async () => {
	emu = await startEmulator({ port: 0, providers: [vivenu, fourvenues] });
	client = new EmulatorClient(emu.url);
});
afterAll(() => emu.close());
beforeEach(async () => {
	await client.reset();
	rx = await receiver();
});
afterEach(() => rx.close());

describe('vivenu', () => {
	const register = async (url, events, hmacKey = 'vivenu-hmac-key-1') => {
		const r = await viv('POST', '/api/webhooks', { name: 'n8n trigger', url, events, hmacKey });
		expect(r.status).toBe(201);
		return r.body;
	};

	test('complete and cancel through the API deliver signed envelopes to the subscribed registration only', async () => {
		const state = await client.state('vivenu');
		await register(rx.url, { 'transaction.complete': true, 'transaction.canceled': true });
		const other = await receiver();
		try {
			await register(other.url, { 'transaction.partiallyCanceled': true }, 'other-key');
			expect((await viv('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`)).status).toBe(200);
			expect((await viv('POST', `/api/transactions/${state.fixtures.completeTransactionId2}/cancel`, { refundFunds: true })).status).toBe(201);
			const log = await wait('vivenu');
			expect(log.map((d) => [d.type, d.state, d.status, d.attempts.length, d.source])).toEqual([
				['transaction.complete', 'delivered', 200, 1, 'event'],
				['transaction.canceled', 'delivered', 200, 1, 'event'],
			]);
			expect(other.received).toEqual([]);
		} finally {
			await other.close();
		}
		expect(rx.received).toHaveLength(2);
		const [complete, cancel] = rx.received;
		for (const r of rx.received) {
			expect(r.method).toBe('POST');
			expect(r.url).toBe('/hook');
			expect(r.headers['content-type']).toBe('application/json');
			expect(r.headers['x-vivenu-signature']).toBe(hmacHex('vivenu-hmac-key-1', r.rawBody));
		}
		const c = JSON.parse(complete.rawBody);
		expect(Object.keys(c)).toEqual(['id', 'type', 'mode', 'data']);
		expect(c).toEqual(expect.objectContaining({ type: 'transaction.complete', mode: 'dev' }));
		expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(c.data.transaction).toEqual(expect.objectContaining({ _id: state.fixtures.newTransactionId, status: 'COMPLETE', tid: expect.any(String) }));
		expect(c.data.tickets.every((t) => t.transactionId === state.fixtures.newTransactionId && t.status === 'VALID')).toBe(true);
		const x = JSON.parse(cancel.rawBody);
		expect(x.type).toBe('transaction.canceled');
		expect(x.data.transaction).toEqual(expect.objectContaining({ _id: state.fixtures.completeTransactionId2, status: 'CANCELED', paymentStatus: 'REFUND' }));
		expect(x.id).not.toBe(c.id);
	});

	test('a registration without hmacKey gets no signature; a disabled one gets nothing', async () => {
		const state = await client.state('vivenu');
		const hook = await register(rx.url, { 'transaction.complete': true }, null);
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`);
		await wait('vivenu');
		expect(rx.received).toHaveLength(1);
		expect(rx.received[0].headers['x-vivenu-signature']).toBeUndefined();
		expect((await viv('PUT', `/api/webhook/${hook._id}`, { enabled: false })).status).toBe(201);
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId2}/complete`);
		await wait('vivenu');
		expect(rx.received).toHaveLength(1);
	});

	test('fire: one event to every subscribed registration, payload chosen by transactionId, mode selectable', async () => {
		const state = await client.state('vivenu');
		await register(rx.url, { 'transaction.partiallyCanceled': true, 'transaction.complete': true });
		const r = await ctl('POST', '/webhooks/fire', { provider: 'vivenu', type: 'transaction.partiallyCanceled', data: { transactionId: state.fixtures.completeTransactionId }, mode: 'prod' });
		expect(r.status).toBe(200);
		expect(r.body.deliveries).toHaveLength(1);
		expect(r.body.deliveries[0]).toEqual(expect.objectContaining({ provider: 'vivenu', type: 'transaction.partiallyCanceled', url: rx.url, source: 'fire', id: expect.stringMatching(/^whd_/) }));
		await wait('vivenu');
		const body = JSON.parse(rx.received[0].rawBody);
		expect(body).toEqual(expect.objectContaining({ type: 'transaction.partiallyCanceled', mode: 'prod' }));
		expect(Object.keys(body.data)).toEqual(['transaction']);
		expect(body.data.transaction._id).toBe(state.fixtures.completeTransactionId);
		expect(r.body.deliveries[0].eventId).toBe(body.id);
		// not subscribed: nobody gets it
		const none = await ctl('POST', '/webhooks/fire', { provider: 'vivenu', type: 'transaction.reservedBySystem' });
		expect(none.body.deliveries).toEqual([]);
	});

	test('non-2xx answers are retried with the same body and signature, up to 7 attempts, every attempt logged', async () => {
		await rx.close();
		rx = await receiver([500, 503, 404, 200]);
		await register(rx.url, { 'transaction.complete': true });
		await ctl('POST', '/webhooks/fire', { provider: 'vivenu', type: 'transaction.complete' });
		const [d] = await wait('vivenu');
		expect(d.state).toBe('delivered');
		expect(d.attempts.map((a) => a.status)).toEqual([500, 503, 404, 200]);
		expect(d.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
		expect(rx.received.map((r) => r.rawBody)).toEqual(Array(4).fill(d.rawBody));
		expect(new Set(rx.received.map((r) => r.headers['x-vivenu-signature'])).size).toBe(1);
		expect(rx.received[0].headers['x-vivenu-signature']).toBe(hmacHex('vivenu-hmac-key-1', d.rawBody));

		await rx.close();
		rx = await receiver([500]);
		await client.clearWebhookDeliveries();
		const hooks = (await viv('GET', '/api/webhooks')).body.docs;
		await viv('PUT', `/api/webhook/${hooks[0]._id}`, { url: rx.url });
		await ctl('POST', '/webhooks/fire', { provider: 'vivenu', type: 'transaction.complete' });
		const [failed] = await wait('vivenu');
		expect(failed.state).toBe('failed');
		expect(failed.attempts).toHaveLength(7);
		expect(rx.received).toHaveLength(7);
	});

	test('the retry schedule is configurable and a reset restores it', async () => {
		await rx.close();
		rx = await receiver([500]);
		const cfg = await ctl('PUT', '/webhooks/config', { provider: 'vivenu', maxAttempts: 3, delaysMs: [40, 80], timeScale: 1 });
		expect(cfg.body.config).toEqual(expect.objectContaining({ maxAttempts: 3, delaysMs: [40, 80], timeScale: 1 }));
		await register(rx.url, { 'transaction.complete': true });
		await ctl('POST', '/webhooks/fire', { provider: 'vivenu', type: 'transaction.complete' });
		const [d] = await wait('vivenu');
		expect(d.attempts).toHaveLength(3);
		const at = d.attempts.map((a) => Date.parse(a.at));
		expect(at[1] - at[0]).toBeGreaterThanOrEqual(35);
		expect(at[2] - at[1]).toBeGreaterThanOrEqual(75);
		expect((await ctl('PUT', '/webhooks/config', { provider: 'vivenu', maxAttempts: 0 })).status).toBe(400);
		await client.reset();
		expect((await ctl('GET', '/webhooks/config')).body.config.vivenu).toEqual(expect.objectContaining({ maxAttempts: 7, timeScale: 1 / 60000 }));
	});

	test('injected duplicates arrive as the very same delivery twice', async () => {
		const state = await client.state('vivenu');
		await register(rx.url, { 'transaction.complete': true });
		const inj = await ctl('POST', '/webhooks/inject', { provider: 'vivenu', duplicate: 1 });
		expect(inj.status).toBe(201);
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`);
		const log = await wait('vivenu');
		expect(log).toHaveLength(2);
		expect(log[1].duplicateOf).toBe(log[0].id);
		expect(rx.received).toHaveLength(2);
		expect(rx.received[1].rawBody).toBe(rx.received[0].rawBody);
		expect(rx.received[1].headers['x-vivenu-signature']).toBe(rx.received[0].headers['x-vivenu-signature']);
		// used up: the next one arrives once
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId2}/complete`);
		await wait('vivenu');
		expect(rx.received).toHaveLength(3);
		expect((await ctl('POST', '/webhooks/inject', { provider: 'vivenu' })).status).toBe(400);
	});

	test('held deliveries are released out of order (newest first)', async () => {
		const state = await client.state('vivenu');
		await register(rx.url, { 'transaction.complete': true, 'transaction.canceled': true });
		await ctl('POST', '/webhooks/hold', { provider: 'vivenu' });
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`);
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId}/cancel`, {});
		expect((await ctl('GET', '/webhooks?provider=vivenu&state=held')).body.deliveries).toHaveLength(2);
		expect(rx.received).toEqual([]);
		const rel = await ctl('POST', '/webhooks/release', { provider: 'vivenu', order: 'reverse' });
		expect(rel.body.released).toHaveLength(2);
		expect(rx.bodies().map((b) => b.type)).toEqual(['transaction.canceled', 'transaction.complete']);
		// fire with order 'reverse' does the same for a batch of events
		await ctl('POST', '/webhooks/fire', {
			provider: 'vivenu',
			order: 'reverse',
			events: [{ type: 'transaction.complete', data: { transactionId: state.fixtures.completeTransactionId } }, { type: 'transaction.canceled', data: { transactionId: state.fixtures.canceledTransactionId } }],
		});
		expect(rx.bodies().slice(2).map((b) => b.data.transaction._id)).toEqual([state.fixtures.canceledTransactionId, state.fixtures.completeTransactionId]);
	});

	test('an injected delay lets a later delivery overtake an earlier one', async () => {
		const state = await client.state('vivenu');
		await register(rx.url, { 'transaction.complete': true });
		await ctl('POST', '/webhooks/inject', { provider: 'vivenu', delayMs: 1500 });
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`);
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId2}/complete`);
		await wait('vivenu');
		expect(rx.bodies().map((b) => b.data.transaction._id)).toEqual([state.fixtures.newTransactionId2, state.fixtures.newTransactionId]);
	});

	test('only loopback receivers: other registered URLs are refused and logged, never contacted', async () => {
		await register('https://example.com/webhook/abc', { 'transaction.complete': true });
		await register('http://10.0.0.1:5678/webhook/abc', { 'transaction.complete': true });
		await register(`http://localhost:${new URL(rx.url).port}/hook`, { 'transaction.complete': true });
		await ctl('POST', '/webhooks/fire', { provider: 'vivenu', type: 'transaction.complete' });
		const log = await wait('vivenu');
		expect(log.map((d) => d.state)).toEqual(['refused', 'refused', 'delivered']);
		expect(log[0].attempts).toEqual([]);
		expect(log[0].error).toMatch(/not a loopback URL/);
		expect(rx.received).toHaveLength(1);
		const trig = await ctl('POST', '/webhooks/trigger', { provider: 'vivenu', type: 'transaction.complete', targetUrl: 'https://example.com/x' });
		expect(trig.status).toBe(400);
		for (const u of ['http://127.0.0.1/x', 'http://127.1.2.3:80/', 'http://localhost:1/', 'http://[::1]:5678/x']) expect(isLoopbackUrl(u)).toBe(true);
		for (const u of ['http://128.0.0.1/', 'http://localhost.example.com/', 'ftp://127.0.0.1/', 'http://0.0.0.0/', 'not a url', 'http://[::2]/']) expect(isLoopbackUrl(u)).toBe(false);
	});

	test('webhook settings: registration can refuse local URLs (as vivenu reportedly does) and deliveries can say prod', async () => {
		const state = await client.state('vivenu');
		const set = await ctl('POST', '/vivenu/webhook-settings', { refuseLocalUrls: true, mode: 'prod' });
		expect(set.body).toEqual({ webhookSettings: { refuseLocalUrls: true, mode: 'prod' } });
		for (const url of [rx.url, 'http://localhost:5678/webhook-test/x', 'https://abc.ngrok-free.app/webhook/x', 'http://192.168.1.2/x']) {
			const r = await viv('POST', '/api/webhooks', { name: 'n8n trigger', url, events: { 'transaction.complete': true } });
			expect([url, r.status, r.body.message]).toEqual([url, 400, '"url" must be a publicly reachable URL']);
		}
		expect((await viv('POST', '/api/webhooks', { name: 'n8n trigger', url: 'https://n8n.example.com/webhook/x', events: { 'transaction.complete': true } })).status).toBe(201);
		await ctl('POST', '/vivenu/webhook-settings', { refuseLocalUrls: false });
		await register(rx.url, { 'transaction.complete': true });
		await viv('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`);
		await wait('vivenu');
		expect(rx.bodies().map((b) => b.mode)).toEqual(['prod']);
		expect((await ctl('POST', '/vivenu/webhook-settings', { mode: 'live' })).status).toBe(400);
		await client.reset();
		expect((await client.state('vivenu')).webhookSettings).toEqual({ refuseLocalUrls: false, mode: 'dev' });
	});

	test('transactions made through the control API: listed in order, found by updatedAt, delivered when complete', async () => {
		await register(rx.url, { 'transaction.complete': true, 'transaction.reservedBySystem': true });
		const at = '2026-12-01T10:00:00.000Z';
		const made = [];
		for (const status of ['NEW', 'COMPLETE', 'RESERVED-BY-SYSTEM']) {
			const r = await ctl('POST', '/vivenu/transactions', { status, createdAt: at, tickets: 2 });
			expect(r.status).toBe(201);
			expect(r.body.transaction).toEqual(expect.objectContaining({ status, createdAt: at, updatedAt: at }));
			expect(r.body.tickets).toHaveLength(2);
			made.push(r.body);
		}
		expect(made.map((m) => m.deliveries.length)).toEqual([0, 1, 1]);
		const page = (await viv('GET', `/api/transactions?top=3&updatedAt[$gte]=${at}`)).body;
		expect(page.total).toBe(3);
		expect(page.docs.map((t) => t._id)).toEqual(made.map((m) => m.transaction._id).sort().reverse());
		await wait('vivenu');
		const bodies = rx.bodies();
		expect(bodies.map((b) => [b.type, b.data.transaction._id])).toEqual([
			['transaction.complete', made[1].transaction._id],
			['transaction.reservedBySystem', made[2].transaction._id],
		]);
		expect(bodies[0].data.tickets.map((t) => t._id)).toEqual(made[1].tickets.map((t) => t._id));
		// the NEW one completes through the API and is delivered then
		expect((await viv('POST', `/api/transactions/${made[0].transaction._id}/complete`)).status).toBe(200);
		await wait('vivenu');
		expect(rx.bodies()[2].data.transaction._id).toBe(made[0].transaction._id);
		expect((await ctl('POST', '/vivenu/transactions', { status: 'DONE' })).status).toBe(400);
	});

	test('a reset cancels pending retries', async () => {
		await rx.close();
		rx = await receiver([500]);
		await ctl('PUT', '/webhooks/config', { provider: 'vivenu', delaysMs: [1500], timeScale: 1 });
		await register(rx.url, { 'transaction.complete': true });
		await ctl('POST', '/webhooks/fire', { provider: 'vivenu', type: 'transaction.complete' });
		const start = Date.now();
		while (rx.received.length === 0 && Date.now() - start < 1000) await new Promise((r) => setTimeout(r, 5));
		expect(rx.received).toHaveLength(1);
		await client.reset();
		await new Promise((r) => setTimeout(r, 2000));
		expect(rx.received).toHaveLength(1);
		expect((await ctl('GET', '/webhooks')).body).toEqual({ deliveries: [], pending: 0 });
	});
});

describe('Fourvenues', () => {
	const createEndpoint = async (url, key = FV_KEY) => {
		const r = await fv('POST', '/webhooks/endpoints', { name: 'n8n trigger', url }, key);
		expect(r.status).toBe(200);
		return r.body.data;
	};

	test('endpoints: sign_secret only at creation; list, get and delete without it', async () => {
		const ep = await createEndpoint(rx.url);
		expect(Object.keys(ep).sort()).toEqual(['_id', 'name', 'sign_secret', 'url']);
		expect((await fv('GET', '/webhooks/endpoints')).body).toEqual({ data: [{ _id: ep._id, name: 'n8n trigger', url: rx.url }], success: true });
		expect((await fv('GET', `/webhooks/endpoints/${ep._id}`)).body.data).toEqual({ _id: ep._id, name: 'n8n trigger', url: rx.url });
		expect((await fv('GET', `/webhooks/endpoints/${ep._id}`, undefined, FV_OTHER_KEY)).status).toBe(404);
		expect((await fv('DELETE', `/webhooks/endpoints/${ep._id}`)).status).toBe(200);
		expect((await fv('GET', `/webhooks/endpoints/${ep._id}`)).status).toBe(404);
	});

	test('a payment created through the control API sends payment.success, signed with the endpoint secret', async () => {
		const ep = await createEndpoint(rx.url);
		const other = await receiver();
		try {
			await createEndpoint(other.url, FV_OTHER_KEY); // another channel: does not see the demo venue
			const state = await client.state('fourvenues');
			const r = await ctl('POST', '/fourvenues/payments', { event_id: state.fixtures.demoEventId, tickets: 2, metadata: { order: 'A-1' } });
			expect(r.status).toBe(201);
			const { payment } = r.body;
			expect(payment).toEqual(expect.objectContaining({ status: 'paid', event_id: state.fixtures.demoEventId, resource_type: 'ticket', currency: 'EUR' }));
			expect(payment.resource_ids).toHaveLength(2);
			await wait('fourvenues');
			expect(other.received).toEqual([]);
		} finally {
			await other.close();
		}
		const payment = (await client.state('fourvenues')).payments[0];
		expect(rx.received).toHaveLength(1);
		const [got] = rx.received;
		const body = JSON.parse(got.rawBody);
		expect(Object.keys(body)).toEqual(['id', 'event', 'payload']);
		expect(body.event).toBe('payment.success');
		expect(body.payload).toEqual({ payment_id: payment._id, resource_type: 'ticket', resource_ids: payment.resource_ids, metadata: { order: 'A-1' }, send_resources: true });
		expect(got.headers['x-webhook-id']).toBe(body.id);
		expect(got.headers['x-webhook-signature']).toBe(hmacHex(ep.sign_secret, got.rawBody));
		// the new payment is served by the API, newest first
		const page = await fv('GET', `/payments?event_id=${payment.event_id}&limit=1`);
		expect(page.body.data[0]._id).toBe(payment._id);
		expect((await fv('GET', `/payments/${payment._id}`)).body.data.total.amount).toBe(payment.total.amount);
		// a pending payment sends nothing
		await ctl('POST', '/fourvenues/payments', { status: 'pending' });
		await wait('fourvenues');
		expect(rx.received).toHaveLength(1);
	});

	test('ticket.request_refund through the control API and through fire', async () => {
		const ep = await createEndpoint(rx.url);
		const state = await client.state('fourvenues');
		const ticket = state.tickets.find((t) => t._id === state.fixtures.seedTicketId);
		const r = await ctl('POST', `/fourvenues/tickets/${ticket._id}/request-refund`);
		expect(r.status).toBe(200);
		await ctl('POST', '/webhooks/fire', { provider: 'fourvenues', type: 'payment.success', data: { payment_id: state.fixtures.seedPaymentId } });
		await wait('fourvenues');
		const [refund, success] = rx.bodies();
		expect(refund.event).toBe('ticket.request_refund');
		expect(refund.payload).toEqual({
			qr_code: 'ABCDE12345', client_name: 'John Doe', client_email: 'john.doe@example.com', event_id: ticket.event_id, ticket_id: ticket._id,
			amount_to_refund: ticket.total_price, currency: 'EUR', resource_type: 'ticket',
		});
		expect(success.payload.payment_id).toBe(state.fixtures.seedPaymentId);
		for (const got of rx.received) expect(got.headers['x-webhook-signature']).toBe(hmacHex(ep.sign_secret, got.rawBody));
		expect((await ctl('POST', '/fourvenues/tickets/nope/request-refund')).status).toBe(404);
	});

	test('retries keep x-webhook-id; duplicates repeat it; 40 attempts at most by default', async () => {
		await rx.close();
		rx = await receiver([502, 200]);
		await createEndpoint(rx.url);
		await ctl('POST', '/webhooks/inject', { provider: 'fourvenues', duplicate: 1 });
		await ctl('POST', '/webhooks/fire', { provider: 'fourvenues', type: 'payment.success' });
		const log = await wait('fourvenues');
		expect(log).toHaveLength(2);
		expect(log[0].attempts.map((a) => a.status)).toEqual([502, 200]);
		expect(log[1]).toEqual(expect.objectContaining({ duplicateOf: log[0].id, state: 'delivered' }));
		expect(rx.received).toHaveLength(3);
		expect(new Set(rx.received.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
		expect(new Set(rx.received.map((r) => r.rawBody)).size).toBe(1);
		expect((await ctl('GET', '/webhooks/config')).body.config.fourvenues).toEqual(expect.objectContaining({ maxAttempts: 40, timeoutMs: 5000 }));
	});

	test('the JS client wraps the calls: control, inject, hold/release, fire, wait, config', async () => {
		const ep = await createEndpoint(rx.url);
		expect((await client.webhookConfig({ provider: 'fourvenues', maxAttempts: 2 })).maxAttempts).toBe(2);
		expect((await client.injectWebhook({ provider: 'fourvenues', duplicate: 2 })).duplicate).toBe(2);
		await client.holdWebhooks('fourvenues');
		const made = await client.control('POST', 'fourvenues', '/payments', { metadata: { n: 1 } });
		expect(made.deliveries[0].state).toBe('held');
		await client.fireWebhook({ provider: 'fourvenues', type: 'ticket.request_refund' });
		const rel = await client.releaseWebhooks('fourvenues', 'reverse');
		expect(rel.released).toHaveLength(2);
		const log = await client.waitForWebhooks({ provider: 'fourvenues' });
		expect(log.map((d) => d.type)).toEqual(['payment.success', 'payment.success', 'payment.success', 'ticket.request_refund']);
		expect(rx.bodies().map((b) => b.event)).toEqual(['ticket.request_refund', 'payment.success', 'payment.success', 'payment.success']);
		for (const got of rx.received) expect(got.headers['x-webhook-signature']).toBe(hmacHex(ep.sign_secret, got.rawBody));
		await expect(client.fireWebhook({ provider: 'fourvenues' })).rejects.toThrow(/type is required/);
	});
});
