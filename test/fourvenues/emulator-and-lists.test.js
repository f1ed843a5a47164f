'use strict';
// The Fourvenues emulator module itself (envelopes, auth, scope, pagination, errors, webhooks) and the
// node's "From list" searches (methods/listSearch) run against it.
const crypto = require('crypto');
const { request } = require('../../emulators/client');
const { startEmulator } = require('../../emulators');
const { fourvenuesFixture, API_KEY, SEED_RESPONSE } = require('./setup');
const { startReceiver } = require('../emulator/helpers');

const ctx = fourvenuesFixture();
const SEED_ID = 'abcdefghi1234567890';
const api = (p, { key = API_KEY, method = 'GET', body } = {}) =>
	request(method, `${ctx.baseUrl()}${p}`, { headers: key ? { 'x-api-key': key } : {}, body });

describe('emulator: the seed and the envelope', () => {
	test('GET /payments/{seed id} answers the seed document’s response, byte-equivalent JSON', async () => {
		const r = await api(`/payments/${SEED_ID}`);
		expect(r.status).toBe(200);
		expect(r.body).toEqual(SEED_RESPONSE);
		expect(Object.keys(r.body.data)).toEqual(Object.keys(SEED_RESPONSE.data));
		expect(r.headers['content-type']).toMatch(/application\/json/);
	});

	test('every payment status and resource type of the seed is present, lists carry no total', async () => {
		const r = await api('/payments?limit=100');
		expect(Object.keys(r.body).sort()).toEqual(['data', 'success']);
		const all = ctx.state.payments;
		expect(new Set(all.map((p) => p.resource_type))).toEqual(new Set(['ticket', 'name-change', 'list', 'pass', 'plan', 'booking']));
		expect(new Set(all.map((p) => p.status))).toEqual(new Set(['pending', 'paid', 'expired', 'cancelled', 'refunded']));
		for (const p of all.filter((x) => x.resource_type === 'ticket')) {
			const tickets = p.resource_ids.map((id) => ctx.state.tickets.find((t) => t._id === id));
			expect(tickets.every(Boolean)).toBe(true);
			const sum = Math.round(tickets.reduce((s, t) => s + t.total_price, 0) * 100) / 100;
			expect(p.total.amount).toBe(sum);
		}
	});

	test('the same seed gives the same data (apart from the recent demo payments’ dates)', async () => {
		const other = await startEmulator({ port: 0 });
		try {
			const a = ctx.state;
			const b = other.state.fourvenues;
			expect(b.payments.map((p) => p._id)).toEqual(a.payments.map((p) => p._id));
			expect(b.fixtures).toEqual(a.fixtures);
		} finally {
			await other.close();
		}
	});
});

describe('emulator: auth, scope and errors', () => {
	test('X-Api-Key missing / unknown / expired → 401; missing permission → 403', async () => {
		expect((await api('/auth', { key: null })).body).toEqual({ success: false, error: 'API key is required' });
		expect((await api('/auth', { key: 'nope' })).status).toBe(401);
		expect((await api('/auth', { key: 'sk_test_emulator_fourvenues_expired' })).body.error).toBe('API key expired');
		const r = await api('/payments', { key: 'sk_test_emulator_fourvenues_events_only' });
		expect(r.status).toBe(403);
		expect((await api('/events', { key: 'sk_test_emulator_fourvenues_events_only' })).status).toBe(200);
	});

	test('GET /auth lists the channel’s hosts; another channel cannot see the demo venues’ data', async () => {
		const r = await api('/auth');
		expect(r.body.success).toBe(true);
		expect(r.body.data.message).toBe('Authed');
		expect(r.body.data.channel.hosts.map((h) => h._id)).toEqual(ctx.state.channels[0].host_ids);
		const other = 'sk_test_emulator_fourvenues_other';
		expect((await api(`/payments/${SEED_ID}`, { key: other })).status).toBe(404);
		expect((await api(`/events/${SEED_ID}`, { key: other })).status).toBe(404);
		expect((await api('/tickets/by-code/ABCDE12345', { key: other })).status).toBe(404);
	});

	test('unknown query parameters and bad values are 400 (Joi style); unknown routes an HTML 404', async () => {
		expect((await api('/payments?page=2')).body).toEqual({ success: false, error: '"page" is not allowed' });
		expect((await api('/payments?limit=abc')).body.error).toBe('"limit" must be a number');
		expect((await api('/payments?start_date=yesterday')).body.error).toBe('"start_date" must be a valid date');
		expect((await api('/tickets')).body.error).toBe('"event_id" is required');
		const r = await api('/ticketrates');
		expect(r.status).toBe(404);
		expect(r.headers['content-type']).toMatch(/text\/html/);
		expect(r.text).toContain('<pre>Cannot GET /ticketrates</pre>');
		expect((await api('/ticket-rates?event_id=' + SEED_ID)).body.data[0]._id).toBe(SEED_ID);
	});

	test('limit/offset: default 50, capped at size.maxLimit, end_date exclusive', async () => {
		expect((await api('/payments')).body.data).toHaveLength(50);
		expect((await api('/payments?limit=500')).body.data).toHaveLength(100);
		const page2 = (await api('/payments?limit=10&offset=10')).body.data;
		const first20 = (await api('/payments?limit=20')).body.data;
		expect(page2).toEqual(first20.slice(10));
		expect((await api('/payments?start_date=2023-12-31&end_date=2023-12-31')).body.data).toEqual([]);
		expect((await api('/payments?start_date=2023-12-31&end_date=2024-01-01')).body.data.map((p) => p._id)).toEqual([SEED_ID]);
	});
});

describe('emulator: webhooks', () => {
	test('endpoints can be registered (sign_secret once), listed and deleted', async () => {
		const created = await api('/webhooks/endpoints', { method: 'POST', body: { name: 'n8n', url: 'https://example.com/hook' } });
		expect(created.body.data).toMatchObject({ name: 'n8n', url: 'https://example.com/hook', sign_secret: expect.stringMatching(/^whsec_/) });
		const listed = await api('/webhooks/endpoints');
		expect(listed.body.data).toEqual([{ _id: created.body.data._id, name: 'n8n', url: 'https://example.com/hook' }]);
		expect((await api(`/webhooks/endpoints/${created.body.data._id}`, { method: 'DELETE' })).status).toBe(200);
		expect((await api('/webhooks/endpoints')).body.data).toEqual([]);
	});

	test('payment.success delivery: {id, event, payload}, x-webhook-id and a hex HMAC-SHA256 of the raw body', async () => {
		const receiver = await startReceiver();
		try {
			const r = await ctx.client.triggerWebhook({ provider: 'fourvenues', type: 'payment.success', targetUrl: receiver.url, hmacKey: 'whsec_test' });
			expect(r.status).toBe(200);
			const [got] = receiver.received;
			const body = JSON.parse(got.rawBody);
			expect(body.event).toBe('payment.success');
			expect(Object.keys(body.payload).sort()).toEqual(['metadata', 'payment_id', 'resource_ids', 'resource_type', 'send_resources']);
			expect(got.headers['x-webhook-id']).toBe(body.id);
			expect(got.headers['x-webhook-signature']).toBe(crypto.createHmac('sha256', 'whsec_test').update(got.rawBody).digest('hex'));
		} finally {
			await receiver.close();
		}
	});
});

describe('node: "From list" searches', () => {
	test('organizations come from GET /auth hosts and filter by name', async () => {
		const all = await ctx.listSearch('searchOrganizations');
		expect(all.results.map((r) => r.value)).toEqual(ctx.state.channels[0].host_ids);
		const some = await ctx.listSearch('searchOrganizations', { filter: 'aurora' });
		expect(some.results).toEqual([{ name: 'Sala Aurora', value: ctx.fixtures.demoOrganizationId }]);
		const requests = await ctx.requests();
		expect(requests.map((r) => r.providerPath)).toEqual(['/auth', '/auth']);
		// The credential's own authentication signs the requests.
		expect(requests.map((r) => r.headers['x-api-key'])).toEqual([API_KEY, API_KEY]);
	});

	test('events are paged 100 at a time and named with their date', async () => {
		const result = await ctx.listSearch('searchEvents', { filter: 'warm' });
		expect(result.results).toEqual([{ name: 'New Year Warm-Up (2024-01-05)', value: SEED_ID }]);
		expect(result.paginationToken).toBeUndefined();
		const [req] = await ctx.requests();
		expect(req.rawQuery).toBe('limit=100&offset=0');
	});

	test('payments show amount, status and date, newest first, with a next-page token', async () => {
		const result = await ctx.listSearch('searchPayments');
		expect(result.results).toHaveLength(100);
		expect(result.paginationToken).toBe('100');
		const first = ctx.state.payments[0];
		expect(result.results[0]).toEqual({
			name: `${first.total.amount} EUR · ${first.status} · ${first.paid_at.slice(0, 16).replace('T', ' ')}`,
			value: first._id,
		});
		const next = await ctx.listSearch('searchPayments', { paginationToken: result.paginationToken });
		expect(next.results[0].value).not.toBe(first._id);
	});
});
