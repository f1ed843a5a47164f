'use strict';
const crypto = require('node:crypto');
const { fourvenuesFixture, fourvenuesTrigger, API_KEY } = require('./setup');

const ctx = fourvenuesFixture();
const STATIC = 'node:Fourvenues Trigger';
const hmac = (key, raw) => crypto.createHmac('sha256', key).update(raw).digest('hex');

let t;
async function start(parameters = {}) {
	t = await fourvenuesTrigger(ctx, parameters);
	return t;
}
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

const endpointRequests = async () => (await ctx.requests()).filter((r) => r.providerPath.startsWith('/webhooks/endpoints'));
const endpointsAt = async (url) => (await ctx.client.state('fourvenues')).webhookEndpoints.filter((w) => w.url === url);
const api = (method, path, body) =>
	fetch(`${ctx.baseUrl()}${path}`, { method, headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });

describe('Fourvenues Trigger: registration', () => {
	test('activation creates one endpoint and keeps its sign_secret; restarts adopt it without writes', async () => {
		await start();
		expect(await t.activate()).toBe(false);
		const reqs = await endpointRequests();
		expect(reqs.map((r) => `${r.method} ${r.providerPath}`)).toEqual(['GET /webhooks/endpoints', 'POST /webhooks/endpoints']);
		expect(reqs[1].body).toEqual({ name: expect.stringMatching(/^n8n workflow /), url: t.url });
		const [endpoint] = await endpointsAt(t.url);
		expect(t.savedStaticData[STATIC]).toMatchObject({ endpointId: endpoint._id, signSecret: endpoint.sign_secret });

		await ctx.client.clearRequests();
		expect(await t.restart()).toBe(true);
		expect(await t.restart()).toBe(true);
		expect((await endpointRequests()).map((r) => r.method)).toEqual(['GET', 'GET']);
		expect(await endpointsAt(t.url)).toHaveLength(1);
	});

	test('an endpoint of this URL whose secret is not held is deleted and created again', async () => {
		await start();
		await t.activate();
		const [old] = await endpointsAt(t.url);
		t.savedStaticData = {};
		await ctx.client.clearRequests();
		expect(await t.restart()).toBe(false);
		const reqs = await endpointRequests();
		expect(reqs.map((r) => `${r.method} ${r.providerPath}`)).toEqual([
			'GET /webhooks/endpoints',
			`DELETE /webhooks/endpoints/${old._id}`,
			'POST /webhooks/endpoints',
		]);
		const now = await endpointsAt(t.url);
		expect(now).toHaveLength(1);
		expect(now[0]._id).not.toBe(old._id);
		expect(t.savedStaticData[STATIC].signSecret).toBe(now[0].sign_secret);
	});

	test('deactivation deletes the endpoint, tolerating one already gone', async () => {
		await start();
		await t.activate();
		const id = t.savedStaticData[STATIC].endpointId;
		await api('DELETE', `/webhooks/endpoints/${id}`);
		await ctx.client.clearRequests();
		expect(await t.deactivate()).toBe(true);
		expect((await endpointRequests()).map((r) => `${r.method} ${r.status}`)).toEqual(['DELETE 404']);
		expect(t.savedStaticData[STATIC]).toEqual({});
	});
});

describe('Fourvenues Trigger: deliveries', () => {
	test('a new paid payment starts one execution; duplicates of the same x-webhook-id start none', async () => {
		await start();
		await t.activate();
		await ctx.client.injectWebhook({ provider: 'fourvenues', duplicate: 2 });
		const { payment } = await ctx.client.control('POST', 'fourvenues', '/payments', {});
		await ctx.client.waitForWebhooks({ provider: 'fourvenues' });
		const deliveries = await ctx.client.webhookDeliveries('fourvenues');
		expect(deliveries).toHaveLength(3);
		expect(new Set(deliveries.map((d) => d.headers['x-webhook-id'])).size).toBe(1);
		expect(deliveries.every((d) => d.status === 200)).toBe(true);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0]).toMatchObject({ event: 'payment.success', payload: { payment_id: payment._id }, deliveryId: deliveries[0].headers['x-webhook-id'] });
		// Remembered across a restart (static data saved after the production call).
		await t.restart();
		const again = await t.deliver({ rawBody: deliveries[0].rawBody, headers: { 'x-webhook-id': deliveries[0].headers['x-webhook-id'], 'x-webhook-signature': deliveries[0].headers['x-webhook-signature'] } });
		expect(again.status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('forged, unsigned and other-secret deliveries get 401 and start nothing', async () => {
		await start();
		await t.activate();
		const secret = t.savedStaticData[STATIC].signSecret;
		const raw = JSON.stringify({ id: 'evt_1', event: 'payment.success', payload: { payment_id: 'p1' } });
		expect((await t.deliver({ rawBody: raw, headers: { 'x-webhook-id': 'evt_1' } })).status).toBe(401);
		expect((await t.deliver({ rawBody: raw, headers: { 'x-webhook-id': 'evt_1', 'x-webhook-signature': hmac('whsec_other', raw) } })).status).toBe(401);
		const forged = await ctx.client.triggerWebhook({ provider: 'fourvenues', type: 'payment.success', targetUrl: t.url, hmacKey: secret, badSignature: true });
		expect(forged.status).toBe(401);
		expect(t.executions).toHaveLength(0);
		// A refused delivery is not remembered: the genuine one with that id still runs.
		expect((await t.deliver({ rawBody: raw, headers: { 'x-webhook-id': 'evt_1', 'x-webhook-signature': hmac(secret, raw) } })).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('only the chosen events run; Fetch Payment adds the full payment for payment.success', async () => {
		await start({ events: ['payment.success'], fetchPayment: true });
		await t.activate();
		const ticketId = ctx.state.tickets.find((x) => x.status === 'active' || x.status === undefined)?._id ?? ctx.state.tickets[0]._id;
		await ctx.client.control('POST', 'fourvenues', `/tickets/${ticketId}/request-refund`, {});
		const { payment } = await ctx.client.control('POST', 'fourvenues', '/payments', {});
		await ctx.client.waitForWebhooks({ provider: 'fourvenues' });
		const deliveries = await ctx.client.webhookDeliveries('fourvenues');
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(t.executions).toHaveLength(1);
		const item = t.executions[0][0];
		expect(item.event).toBe('payment.success');
		expect(item.payment).toMatchObject({ _id: payment._id });
		const gets = (await ctx.requests()).filter((r) => r.providerPath === `/payments/${payment._id}`);
		expect(gets).toHaveLength(1);
	});
});
