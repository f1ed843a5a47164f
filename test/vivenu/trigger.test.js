'use strict';
const crypto = require('node:crypto');
const { triggerHarness } = require('../harness/trigger');
const { vivenuFixture, API_KEY, CREDENTIAL_TYPES } = require('./setup');

const ctx = vivenuFixture();
const TRIGGER = 'dist/nodes/Vivenu/VivenuTrigger.node.js';
const hmac = (key, raw) => crypto.createHmac('sha256', key).update(raw).digest('hex');

let t;
async function start(parameters = {}, staticData) {
	t = await triggerHarness({
		node: TRIGGER,
		parameters: { events: ['transaction.complete', 'transaction.canceled'], ...parameters },
		credentials: ctx.credentials(),
		credentialTypes: CREDENTIAL_TYPES,
		staticData,
	});
	return t;
}
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

const webhookRequests = async () => (await ctx.requests()).filter((r) => r.providerPath.startsWith('/api/webhook'));
const hooksAt = async (url) => (await ctx.client.state('vivenu')).webhooks.filter((w) => w.url === url);

describe('vivenu Trigger: registration', () => {
	test('activation registers this URL once with the chosen events and a fresh 64-hex key; restarts adopt it', async () => {
		await start();
		expect(await t.activate()).toBe(false);
		const reqs = await webhookRequests();
		expect(reqs.map((r) => `${r.method} ${r.providerPath}`)).toEqual(['GET /api/webhooks', 'POST /api/webhooks']);
		const body = reqs[1].body;
		expect(body).toMatchObject({ url: t.url, enabled: true, events: { 'transaction.complete': true, 'transaction.canceled': true } });
		expect(Object.keys(body.events)).toHaveLength(2);
		expect(body.hmacKey).toMatch(/^[0-9a-f]{64}$/);
		expect(body.name.length).toBeGreaterThanOrEqual(5);
		expect(body.name.length).toBeLessThanOrEqual(30);
		expect(reqs[1].headers.authorization).toBe(`Bearer ${API_KEY}`);
		const saved = t.savedStaticData['node:vivenu Trigger'];
		expect(saved).toMatchObject({ hmacKey: body.hmacKey, webhookUrl: t.url });
		expect(saved.webhookId).toBe((await hooksAt(t.url))[0]._id);

		// n8n calls checkExists + create again on every start: two restarts, still one registration, no writes.
		await ctx.client.clearRequests();
		expect(await t.restart()).toBe(true);
		expect(await t.restart()).toBe(true);
		expect((await webhookRequests()).map((r) => r.method)).toEqual(['GET', 'GET']);
		expect(await hooksAt(t.url)).toHaveLength(1);
	});

	test('a changed event set is repaired in place with a PUT, keeping the ID and the key', async () => {
		await start();
		await t.activate();
		const before = (await hooksAt(t.url))[0];
		await ctx.client.clearRequests();
		t.setParameters({ events: ['transaction.partiallyCanceled'] });
		expect(await t.restart()).toBe(true);
		const reqs = await webhookRequests();
		expect(reqs.map((r) => `${r.method} ${r.providerPath}`)).toEqual(['GET /api/webhooks', `PUT /api/webhook/${before._id}`]);
		expect(reqs[1].body.events).toEqual({ 'transaction.partiallyCanceled': true });
		expect(reqs[1].body.hmacKey).toBe(before.hmacKey);
		const after = await hooksAt(t.url);
		expect(after).toHaveLength(1);
		expect(after[0]._id).toBe(before._id);
	});

	test('a registration found whose key we do not hold (static data lost) is re-keyed, not duplicated', async () => {
		await start();
		await t.activate();
		const before = (await hooksAt(t.url))[0];
		t.savedStaticData = {};
		await ctx.client.clearRequests();
		expect(await t.restart()).toBe(true);
		const reqs = await webhookRequests();
		expect(reqs.map((r) => r.method)).toEqual(['GET', 'PUT']);
		expect(reqs[1].body.hmacKey).toMatch(/^[0-9a-f]{64}$/);
		expect(reqs[1].body.hmacKey).not.toBe(before.hmacKey);
		const after = await hooksAt(t.url);
		expect(after).toHaveLength(1);
		expect(after[0].hmacKey).toBe(reqs[1].body.hmacKey);
		expect(t.savedStaticData['node:vivenu Trigger'].hmacKey).toBe(reqs[1].body.hmacKey);
	});

	test('duplicates of this URL left by others are removed; registrations of other URLs are left alone', async () => {
		await start();
		const other = await fetch(`${ctx.baseUrl()}/webhooks`, {
			method: 'POST',
			headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'someone else', url: 'https://example.com/hook', events: { 'transaction.complete': true } }),
		});
		expect(other.status).toBe(201);
		for (let n = 0; n < 2; n++) {
			await fetch(`${ctx.baseUrl()}/webhooks`, {
				method: 'POST',
				headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'old copy of n8n', url: t.url, events: { 'transaction.complete': true } }),
			});
		}
		await ctx.client.clearRequests();
		expect(await t.activate()).toBe(true);
		expect((await webhookRequests()).map((r) => r.method)).toEqual(['GET', 'DELETE', 'PUT']);
		const state = await ctx.client.state('vivenu');
		expect(state.webhooks.filter((w) => w.url === t.url)).toHaveLength(1);
		expect(state.webhooks.filter((w) => w.url === 'https://example.com/hook')).toHaveLength(1);
	});

	test('deactivation deletes the registration and tolerates one already gone (404)', async () => {
		await start();
		await t.activate();
		const id = t.savedStaticData['node:vivenu Trigger'].webhookId;
		expect(await t.deactivate()).toBe(true);
		expect(await hooksAt(t.url)).toHaveLength(0);
		expect(t.savedStaticData['node:vivenu Trigger'].webhookId).toBeUndefined();

		await t.activate();
		const id2 = t.savedStaticData['node:vivenu Trigger'].webhookId;
		expect(id2).not.toBe(id);
		await fetch(`${ctx.baseUrl()}/webhook/${id2}`, { method: 'DELETE', headers: { authorization: `Bearer ${API_KEY}` } });
		await ctx.client.clearRequests();
		expect(await t.deactivate()).toBe(true);
		const reqs = await webhookRequests();
		expect(reqs.map((r) => `${r.method} ${r.status}`)).toEqual(['DELETE 404']);
	});

	test('a URL vivenu refuses (localhost, tunnels) gets an error that says why and what to do', async () => {
		await ctx.client.control('POST', 'vivenu', '/webhook-settings', { refuseLocalUrls: true });
		await start();
		const error = await t.activate().catch((e) => e);
		expect(error.message).toBe(`vivenu refused the webhook URL ${t.url}`);
		expect(error.description).toMatch(/publicly reachable/);
		expect(error.description).toMatch(/WEBHOOK_URL/);
		expect(await hooksAt(t.url)).toHaveLength(0);
	});
});

describe('vivenu Trigger: deliveries', () => {
	test('a signed delivery from the emulator starts exactly one execution with the envelope', async () => {
		await start();
		await t.activate();
		const id = ctx.fixtures.newTransactionId;
		const completed = await fetch(`${ctx.baseUrl()}/transactions/${id}/complete`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: '{}' });
		expect(completed.status).toBe(200);
		await ctx.client.waitForWebhooks({ provider: 'vivenu' });
		const deliveries = await ctx.client.webhookDeliveries('vivenu');
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0]).toMatchObject({ state: 'delivered', status: 200, type: 'transaction.complete' });
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0]).toHaveLength(1);
		expect(t.executions[0][0]).toMatchObject({ type: 'transaction.complete', data: { transaction: { _id: id, status: 'COMPLETE' } } });
	});

	test('missing, wrong, or other-key signatures get 401 and start nothing; a valid one with sha256= prefix passes', async () => {
		await start();
		await t.activate();
		const key = t.savedStaticData['node:vivenu Trigger'].hmacKey;
		const raw = JSON.stringify({ id: crypto.randomUUID(), type: 'transaction.complete', mode: 'dev', data: { transaction: { _id: 'x1' } } });
		expect((await t.deliver({ rawBody: raw })).status).toBe(401);
		expect((await t.deliver({ rawBody: raw, headers: { 'x-vivenu-signature': hmac('other-key', raw) } })).status).toBe(401);
		expect((await t.deliver({ rawBody: raw, headers: { 'x-vivenu-signature': hmac(key, raw).slice(0, 63) } })).status).toBe(401);
		// Signed, then the body changed (e.g. re-serialised): refused.
		expect((await t.deliver({ rawBody: raw.replace('x1', 'x2'), headers: { 'x-vivenu-signature': hmac(key, raw) } })).status).toBe(401);
		// The emulator's forged delivery (badSignature) is refused too.
		const forged = await ctx.client.triggerWebhook({ provider: 'vivenu', type: 'transaction.complete', targetUrl: t.url, hmacKey: key, badSignature: true });
		expect(forged.status).toBe(401);
		expect(t.executions).toHaveLength(0);
		expect(t.responses.every((r) => r.status === 401 && !r.executed)).toBe(true);

		const ok = await t.deliver({ rawBody: raw, headers: { 'x-vivenu-signature': `sha256=${hmac(key, raw)}` } });
		expect(ok.status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('duplicates, events not chosen and the other mode are acknowledged without an execution', async () => {
		await start({ mode: 'prod' });
		await t.activate();
		await ctx.client.control('POST', 'vivenu', '/webhook-settings', { mode: 'prod' });
		await ctx.client.injectWebhook({ provider: 'vivenu', duplicate: 2 });
		await ctx.client.fireWebhook({ provider: 'vivenu', type: 'transaction.complete', mode: 'prod' });
		await ctx.client.fireWebhook({ provider: 'vivenu', type: 'transaction.complete', mode: 'dev' });
		await ctx.client.waitForWebhooks({ provider: 'vivenu' });
		const deliveries = await ctx.client.webhookDeliveries('vivenu');
		expect(deliveries).toHaveLength(4); // 1 + 2 copies + the dev one
		expect(deliveries.every((d) => d.status === 200)).toBe(true);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0].mode).toBe('prod');
		// An event the user did not choose (sent through the trigger call, signed with our key).
		const key = t.savedStaticData['node:vivenu Trigger'].hmacKey;
		const other = await ctx.client.triggerWebhook({ provider: 'vivenu', type: 'ticket.created', targetUrl: t.url, hmacKey: key, data: { ticket: { _id: 't1' } } });
		expect(other.status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('Resolve Transaction fetches the current transaction by ID and leaves its secret out', async () => {
		await start({ resolveTransaction: true });
		await t.activate();
		const id = ctx.fixtures.completeTransactionId;
		await ctx.client.clearRequests();
		await ctx.client.fireWebhook({ provider: 'vivenu', type: 'transaction.complete', data: { transactionId: id } });
		await ctx.client.waitForWebhooks({ provider: 'vivenu' });
		expect(t.executions).toHaveLength(1);
		const reqs = (await ctx.requests()).map((r) => `${r.method} ${r.providerPath}`);
		expect(reqs).toEqual([`GET /api/transactions/${id}`]);
		const transaction = t.executions[0][0].data.transaction;
		expect(transaction._id).toBe(id);
		expect(transaction.secret).toBeUndefined();
		expect(transaction.tid).toBeUndefined(); // the API's object, not the webhook's
	});

	test('"Listen for test event" registers the test URL, receives a delivery and removes the registration', async () => {
		await start();
		const listening = await t.testListen();
		const hooks = await hooksAt(t.testUrl);
		expect(hooks).toHaveLength(1);
		await ctx.client.fireWebhook({ provider: 'vivenu', type: 'transaction.canceled' });
		await ctx.client.waitForWebhooks({ provider: 'vivenu' });
		expect(t.executions).toHaveLength(1);
		await listening.stop();
		expect(await hooksAt(t.testUrl)).toHaveLength(0);
	});
});
