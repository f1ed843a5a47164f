'use strict';
const crypto = require('crypto');
const { setup, startReceiver, waitFor, DEMO_KEY, request, vivenu } = require('./helpers');
const { startEmulator } = require('../../emulators');

let emu;
let client;
let api;
let state;

beforeAll(async () => {
	({ emu, client, api } = await setup());
});
afterAll(() => emu.close());
beforeEach(async () => {
	await client.reset();
	state = await client.state('vivenu');
});

const UNAUTHORIZED = { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' };

describe('server', () => {
	test('discovers provider modules in emulators/providers and mounts vivenu', async () => {
		const all = await startEmulator({ port: 0 });
		try {
			const info = (await request('GET', `${all.url}/_emulator`)).body;
			expect(info.providers).toEqual(expect.arrayContaining([{ name: 'vivenu', prefix: '/vivenu', baseUrl: `${all.url}/vivenu/api` }]));
			const r = await request('GET', `${all.url}/vivenu/api/transactions?top=1`, { headers: { authorization: `Bearer ${DEMO_KEY}` } });
			expect(r.body.total).toBe(60);
			const states = (await request('GET', `${all.url}/_emulator/state`)).body.states;
			expect(states.vivenu.fixtures.apiKey).toBe(DEMO_KEY);
		} finally {
			await all.close();
		}
	});

	test('unknown prefix and unknown control route', async () => {
		expect((await request('GET', `${emu.url}/nowhere/api`)).status).toBe(404);
		expect((await request('GET', `${emu.url}/_emulator/nope`)).status).toBe(404);
		expect((await request('POST', `${emu.url}/_emulator/reset`, { body: '{bad', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
	});
});

describe('auth and account', () => {
	test('missing, wrong and revoked keys get 401 in the HttpError shape', async () => {
		for (const key of [null, 'key_wrong', state.fixtures.inactiveApiKey]) {
			const r = await api('GET', '/api/transactions', { key });
			expect(r.status).toBe(401);
			expect(r.body).toEqual(UNAUTHORIZED);
		}
		const raw = await api('GET', '/api/keys/info', { key: null, headers: { authorization: DEMO_KEY } });
		expect(raw.status).toBe(401);
	});

	test('keys/info echoes the key; sellers/me returns the seller', async () => {
		const info = await api('GET', '/api/keys/info');
		expect(info.status).toBe(200);
		expect(Object.keys(info.body).sort()).toEqual(['_id', 'active', 'createdAt', 'createdBy', 'key', 'name', 'orgId', 'sellerId', 'updatedAt']);
		expect(info.body.key).toBe(DEMO_KEY);
		const second = await api('GET', '/api/keys/info', { key: state.fixtures.secondApiKey });
		expect(second.body.key).toBe(state.fixtures.secondApiKey);
		const me = await api('GET', '/api/sellers/me');
		expect(me.status).toBe(200);
		expect(me.body._id).toBe(state.fixtures.sellerId);
	});

	test('events list and get', async () => {
		const list = await api('GET', '/api/events?top=2');
		expect(list.body.total).toBe(3);
		expect(list.body.docs).toBeUndefined(); // the document's envelope for events is {rows, total}
		expect(list.body.rows).toHaveLength(2);
		for (const e of list.body.rows) expect(e).toEqual(expect.objectContaining({ _id: expect.any(String), name: expect.any(String), start: expect.any(String), end: expect.any(String), sellerId: state.fixtures.sellerId }));
		const one = await api('GET', `/api/events/${state.fixtures.eventIds[0]}`);
		expect(one.body._id).toBe(state.fixtures.eventIds[0]);
		expect((await api('GET', '/api/events/000000000000000000000000')).status).toBe(404);
		const byName = await api('GET', `/api/events?name=${encodeURIComponent(one.body.name.slice(0, 6))}`);
		expect(byName.body.rows.map((e) => e._id)).toContain(one.body._id);
	});

	test('unknown route is a 404 in vivenu shape', async () => {
		const r = await api('GET', '/api/nope');
		expect(r.status).toBe(404);
		expect(r.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/nope' });
	});
});

describe('GET /api/transactions', () => {
	test('default page, total and non-overlapping stable pages', async () => {
		const first = await api('GET', '/api/transactions');
		expect(first.status).toBe(200);
		expect(first.body.total).toBe(60);
		expect(first.body.docs).toHaveLength(25);
		const ids = [];
		for (let skip = 0; skip < 60; skip += 25) {
			const page = await api('GET', `/api/transactions?top=25&skip=${skip}`);
			ids.push(...page.body.docs.map((t) => t._id));
		}
		expect(ids).toHaveLength(60);
		expect(new Set(ids).size).toBe(60);
		const all = (await api('GET', '/api/transactions?top=1000')).body.docs;
		expect(all.map((t) => t._id)).toEqual(ids);
		const created = all.map((t) => t.createdAt);
		expect(created).toEqual(created.slice().sort().reverse());
		const empty = await api('GET', '/api/transactions?skip=60');
		expect(empty.body).toEqual({ docs: [], total: 60 });
		for (const t of all) {
			expect(t._id).toMatch(/^[0-9a-f]{24}$/);
			for (const f of ['sellerId', 'eventId', 'realPrice', 'status', 'secret']) expect(t[f]).toBeDefined();
		}
	});

	test('top bounds and integer validation', async () => {
		for (const q of ['top=0', 'top=1001', 'top=abc', 'top=2.5', 'skip=-1', 'top=1&top=2']) {
			const r = await api('GET', `/api/transactions?${q}`);
			expect([q, r.status]).toEqual([q, 400]);
			expect(r.body).toEqual(expect.objectContaining({ statusCode: 400, error: 'Bad Request', message: expect.any(String) }));
		}
		expect((await api('GET', '/api/transactions?top=1000')).body.docs).toHaveLength(60);
		expect((await api('GET', '/api/transactions?top=1')).body.docs).toHaveLength(1);
	});

	test('deepObject updatedAt filter (literal and percent-encoded brackets)', async () => {
		const sorted = state.transactions.map((t) => t.updatedAt).sort();
		const pivot = sorted[20];
		const upper = sorted[50];
		const expected = state.transactions.filter((t) => t.updatedAt >= pivot && t.updatedAt < upper).length;
		const r = await api('GET', `/api/transactions?top=1000&updatedAt[$gte]=${pivot}&updatedAt[$lt]=${upper}`);
		expect(r.status).toBe(200);
		expect(r.body.total).toBe(expected);
		expect(r.body.total).toBe(30);
		for (const t of r.body.docs) expect(t.updatedAt >= pivot && t.updatedAt < upper).toBe(true);

		const enc = await api('GET', `/api/transactions?top=1000&updatedAt%5B%24gte%5D=${encodeURIComponent(pivot)}&updatedAt%5B%24lt%5D=${encodeURIComponent(upper)}`);
		expect(enc.body.total).toBe(expected);

		const [entry] = await client.requests('vivenu', { path: '/api/transactions' });
		expect(entry.rawQuery).toBe(`top=1000&updatedAt[$gte]=${pivot}&updatedAt[$lt]=${upper}`);
		expect(entry.query).toEqual({ top: '1000', updatedAt: { $gte: pivot, $lt: upper } });

		for (const bad of [`updatedAt=${pivot}`, `updatedAt[$foo]=${pivot}`, 'updatedAt[$gt]=yesterday']) {
			expect((await api('GET', `/api/transactions?${bad}`)).status).toBe(400);
		}
	});

	test('event, status, paymentStatus, email, customer, id, start/end filters; eventId rejected', async () => {
		const [e1, e2] = state.fixtures.eventIds;
		const one = await api('GET', `/api/transactions?top=1000&event=${e1}`);
		expect(one.body.total).toBe(state.transactions.filter((t) => t.eventId === e1).length);
		expect(one.body.total).toBeGreaterThan(0);
		expect(one.body.docs.every((t) => t.eventId === e1)).toBe(true);
		const two = await api('GET', `/api/transactions?top=1000&event=${e1},${e2}`);
		expect(two.body.total).toBe(state.transactions.filter((t) => t.eventId === e1 || t.eventId === e2).length);

		const eventId = await api('GET', `/api/transactions?eventId=${e1}`);
		expect(eventId.status).toBe(400);

		const news = await api('GET', '/api/transactions?status=NEW&top=1000');
		expect(news.body.total).toBe(state.transactions.filter((t) => t.status === 'NEW').length);
		const rec = await api('GET', '/api/transactions?paymentStatus=RECEIVED&top=1000');
		expect(rec.body.docs.every((t) => t.paymentStatus === 'RECEIVED')).toBe(true);

		const tx = state.transactions.find((t) => t._id === state.fixtures.completeTransactionId);
		expect((await api('GET', `/api/transactions?email=${encodeURIComponent(tx.email.toUpperCase())}`)).body.docs.map((t) => t._id)).toContain(tx._id);
		expect((await api('GET', `/api/transactions?customer=${tx.customerId}`)).body.docs.every((t) => t.customerId === tx.customerId)).toBe(true);
		expect((await api('GET', `/api/transactions?id=${tx._id}`)).body).toEqual({ docs: [tx], total: 1 });
		expect((await api('GET', `/api/transactions?psp=${tx.psp}`)).body.docs.map((t) => t._id)).toEqual([tx._id]);

		const start = '2026-10-20T00:00:00.000Z';
		const ranged = await api('GET', `/api/transactions?top=1000&start=${start}`);
		expect(ranged.body.total).toBe(state.transactions.filter((t) => t.createdAt >= start).length);
		expect((await api('GET', '/api/transactions?start=notadate')).status).toBe(400);
	});

	test('rich list embeds the event, takes seller, rejects id', async () => {
		const r = await api('GET', '/api/transactions/rich?top=5');
		expect(r.status).toBe(200);
		expect(r.body.total).toBe(60);
		for (const t of r.body.docs) expect(t.event).toEqual(expect.objectContaining({ _id: t.eventId, name: expect.any(String) }));
		expect((await api('GET', `/api/transactions/rich?seller=${state.fixtures.sellerId}`)).body.total).toBe(60);
		expect((await api('GET', '/api/transactions/rich?seller=nobody')).body.total).toBe(0);
		expect((await api('GET', `/api/transactions/rich?id=${state.fixtures.newTransactionId}`)).status).toBe(400);
	});
});

describe('single-transaction operations', () => {
	test('get one and 404', async () => {
		const r = await api('GET', `/api/transactions/${state.fixtures.newTransactionId}`);
		expect(r.status).toBe(200);
		expect(r.body.status).toBe('NEW');
		const nf = await api('GET', '/api/transactions/ffffffffffffffffffffffff');
		expect(nf.status).toBe(404);
		expect(nf.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Transaction not found' });
	});

	test('complete only from NEW', async () => {
		const id = state.fixtures.newTransactionId;
		const done = await api('POST', `/api/transactions/${id}/complete`);
		expect(done.status).toBe(200);
		expect(done.body).toEqual(expect.objectContaining({ _id: id, status: 'COMPLETE' }));
		expect(done.body.updatedAt > state.referenceDate).toBe(true);
		const again = await api('POST', `/api/transactions/${id}/complete`);
		expect(again.status).toBe(400);
		expect(again.body.message).toMatch(/only be completed when its status is NEW/);
		expect((await api('POST', `/api/transactions/${state.fixtures.canceledTransactionId}/complete`)).status).toBe(400);
		expect((await api('POST', '/api/transactions/ffffffffffffffffffffffff/complete')).status).toBe(404);
		const tickets = await api('GET', `/api/transactions/${id}/tickets`);
		expect(tickets.body.every((t) => t.status === 'VALID')).toBe(true);
	});

	test('paymentstatus: 201 with empty body; only LOCAL-RECEIVED', async () => {
		const id = state.fixtures.newTransactionId2;
		const r = await api('POST', `/api/transactions/${id}/paymentstatus`, { body: { paymentStatus: 'LOCAL-RECEIVED' } });
		expect(r.status).toBe(201);
		expect(r.text).toBe('');
		expect(r.headers['content-length']).toBe('0');
		expect((await api('GET', `/api/transactions/${id}`)).body.paymentStatus).toBe('LOCAL-RECEIVED');
		for (const body of [{ paymentStatus: 'RECEIVED' }, {}, { paymentStatus: 'LOCAL-RECEIVED', extra: 1 }, undefined, '{not json']) {
			expect((await api('POST', `/api/transactions/${id}/paymentstatus`, { body })).status).toBe(400);
		}
	});

	test('invitationmail: 201, no body', async () => {
		const r = await api('POST', `/api/transactions/${state.fixtures.completeTransactionId}/invitationmail`);
		expect(r.status).toBe(201);
		expect(r.text).toBe('');
	});

	test('ticket-mail: body required, email format, sets ticketMailSend', async () => {
		const id = state.fixtures.newTransactionId;
		const r = await api('POST', `/api/transactions/${id}/ticket-mail`, { body: {} });
		expect(r.status).toBe(200);
		expect(r.body.ticketMailSend).toBe(true);
		expect((await api('POST', `/api/transactions/${id}/ticket-mail`, { body: { email: null } })).status).toBe(200);
		expect((await api('POST', `/api/transactions/${id}/ticket-mail`, { body: { email: 'other@example.com' } })).status).toBe(200);
		expect((await api('POST', `/api/transactions/${id}/ticket-mail`, { body: { email: 'not-an-email' } })).status).toBe(400);
		expect((await api('POST', `/api/transactions/${id}/ticket-mail`)).status).toBe(400);
		const mails = (await client.state('vivenu')).mails.filter((m) => m.transactionId === id);
		expect(mails.map((m) => m.to)).toEqual([state.transactions.find((t) => t._id === id).email, state.transactions.find((t) => t._id === id).email, 'other@example.com']);
	});

	test('tickets: bare array with the required fields', async () => {
		const r = await api('GET', `/api/transactions/${state.fixtures.completeTransactionId}/tickets`);
		expect(r.status).toBe(200);
		expect(Array.isArray(r.body)).toBe(true);
		expect(r.body).toHaveLength(3);
		for (const t of r.body) {
			for (const f of ['_id', 'sellerId', 'eventId', 'ticketTypeId', 'ticketName', 'createdAt', 'updatedAt', 'status', 'secret', 'barcode',
				'transactionId', 'categoryName', 'realPrice', 'currency', 'name', 'firstname', 'lastname', 'email', 'type', 'deliveryType']) {
				expect([f, t[f] !== undefined]).toEqual([f, true]);
			}
			expect(t.transactionId).toBe(state.fixtures.completeTransactionId);
		}
		expect((await api('GET', '/api/transactions/ffffffffffffffffffffffff/tickets')).status).toBe(404);
	});

	test('cancel: 201, refund when RECEIVED, enum validation, not twice', async () => {
		const id = state.fixtures.completeTransactionId2;
		expect((await api('POST', `/api/transactions/${id}/cancel`, { body: { cancellationReason: 'BORED' } })).status).toBe(400);
		expect((await api('POST', `/api/transactions/${id}/cancel`, { body: { refundFunds: 'yes' } })).status).toBe(400);
		expect((await api('POST', `/api/transactions/${id}/cancel`)).status).toBe(400);
		expect((await api('POST', `/api/transactions/${id}/cancel`, { body: '{"refundFunds": tru' })).status).toBe(400);
		const r = await api('POST', `/api/transactions/${id}/cancel`, { body: { refundFunds: true, cancellationReason: 'TRAINING/TEST' } });
		expect(r.status).toBe(201);
		expect(r.body).toEqual(expect.objectContaining({ _id: id, status: 'CANCELED', paymentStatus: 'REFUND', cancellationReason: 'TRAINING/TEST' }));
		const again = await api('POST', `/api/transactions/${id}/cancel`, { body: {} });
		expect(again.status).toBe(400);
		const noRefund = await api('POST', `/api/transactions/${state.fixtures.posTransactionId}/cancel`, { body: {} });
		expect(noRefund.status).toBe(201);
		expect(noRefund.body.paymentStatus).toBe('POS-RECEIVED');
	});

	test('partial cancellations flow', async () => {
		const id = state.fixtures.completeTransactionId;
		const info = await api('GET', `/api/transactions/${id}/cancellations`);
		expect(info.status).toBe(200);
		const items = info.body.cancellableItems;
		expect(items).toHaveLength(4);
		expect(items.map((i) => i.type).sort()).toEqual(['product', 'ticket', 'ticket', 'ticket']);
		for (const i of items) expect(i).toEqual(expect.objectContaining({ cartItemId: expect.any(String), type: expect.any(String), price: expect.any(Number) }));

		const base = { refundFunds: true, refundTarget: 'origin' };
		const bad = [
			{ items: [items[0].cartItemId], refundFunds: true },
			{ items: [items[0].cartItemId], refundTarget: 'origin' },
			{ refundFunds: true, refundTarget: 'origin' },
			{ ...base, items: [items[0].cartItemId], extra: 1 },
			{ ...base, items: ['ffffffffffffffffffffffff'] },
			{ ...base, items: [] },
			{ ...base, items: [items[0].cartItemId], refundTarget: 'wallet' },
			{ ...base, items: [items[0].cartItemId, { _id: items[1].cartItemId }] },
		];
		for (const body of bad) expect([body, (await api('POST', `/api/transactions/${id}/cancellations`, { body })).status]).toEqual([body, 400]);

		const r = await api('POST', `/api/transactions/${id}/cancellations`, { body: { ...base, items: [items[0].cartItemId] } });
		expect(r.status).toBe(200);
		expect(r.body).toEqual(expect.objectContaining({ transactionId: id, sellerId: state.fixtures.sellerId, refundTarget: 'origin', refundId: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String) }));
		expect(r.body.cancelledItems.map((i) => i.cartItemId)).toEqual([items[0].cartItemId]);
		expect(Object.keys(r.body).sort()).toEqual(['cancelledItems', 'createdAt', 'refundId', 'refundSource', 'refundTarget', 'sellerId', 'transactionId', 'updatedAt']);

		const after = (await api('GET', `/api/transactions/${id}/cancellations`)).body.cancellableItems;
		expect(after.map((i) => i.cartItemId)).toEqual(items.slice(1).map((i) => i.cartItemId));
		expect((await api('POST', `/api/transactions/${id}/cancellations`, { body: { ...base, items: [items[0].cartItemId] } })).status).toBe(400);

		const objForm = await api('POST', `/api/transactions/${id}/cancellations`, { body: { items: [{ _id: items[1].cartItemId, amount: 5 }], refundFunds: false, refundTarget: 'voucher' } });
		expect(objForm.status).toBe(200);
		expect(objForm.body).not.toHaveProperty('refundId'); // the document types it as a string: no refund, no field
		const rest = await api('POST', `/api/transactions/${id}/cancellations`, { body: { ...base, items: items.slice(2).map((i) => i.cartItemId) } });
		expect(rest.status).toBe(200);
		const tx = (await api('GET', `/api/transactions/${id}`)).body;
		expect(tx.status).toBe('CANCELED');
		expect((await api('GET', `/api/transactions/${id}/cancellations`)).body.cancellableItems).toEqual([]);
	});
});

describe('faults', () => {
	test('status + Retry-After, consumed once (FIFO), provider error shape by default', async () => {
		await client.fault({ provider: 'vivenu', path: '/api/transactions', status: 503, retryAfter: 7 });
		await client.fault({ provider: 'vivenu', path: '/api/transactions', status: 500, body: 'upstream exploded' });
		const r1 = await api('GET', '/api/transactions');
		expect(r1.status).toBe(503);
		expect(r1.headers['retry-after']).toBe('7');
		expect(r1.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'Service Unavailable' });
		const r2 = await api('GET', '/api/transactions');
		expect(r2.status).toBe(500);
		expect(r2.text).toBe('upstream exploded');
		expect(r2.headers['content-type']).toMatch(/text\/plain/);
		expect((await api('GET', '/api/transactions')).status).toBe(200);
		const log = await client.requests('vivenu');
		expect(log.map((e) => e.status)).toEqual([503, 500, 200]);
		expect(log[0].fault).toEqual(expect.any(Number));
	});

	test('times, method, regex path and HTTP-date Retry-After', async () => {
		const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
		await client.fault({ provider: 'vivenu', method: 'GET', path: '/\\/tickets$/', retryAfter: date, times: 2 });
		const id = state.fixtures.completeTransactionId;
		expect((await api('GET', `/api/transactions/${id}`)).status).toBe(200);
		const a = await api('GET', `/api/transactions/${id}/tickets`);
		expect(a.status).toBe(429);
		expect(a.headers['retry-after']).toBe(date);
		expect((await api('GET', `/api/transactions/${id}/tickets`)).status).toBe(429);
		expect((await api('GET', `/api/transactions/${id}/tickets`)).status).toBe(200);
		await client.fault({ provider: 'vivenu', method: 'POST', status: 502 });
		expect((await api('GET', '/api/transactions')).status).toBe(200);
		expect((await api('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`)).status).toBe(502);
		expect((await client.faults())).toEqual([]);
	});

	test('delay passes through after the delay', async () => {
		await client.fault({ provider: 'vivenu', delayMs: 300 });
		const t0 = Date.now();
		const r = await api('GET', '/api/transactions?top=1');
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
		expect(r.status).toBe(200);
		expect(r.body.docs).toHaveLength(1);
	});

	test('drop destroys the socket', async () => {
		await client.fault({ provider: 'vivenu', drop: true });
		await expect(api('GET', '/api/transactions')).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect((await api('GET', '/api/transactions')).status).toBe(200);
		const [entry] = await client.requests('vivenu');
		expect(entry.dropped).toBe(true);
		expect(entry.status).toBeNull();
	});

	test('malformed gives a 200 with truncated JSON', async () => {
		await client.fault({ provider: 'vivenu', malformed: true });
		const r = await api('GET', '/api/transactions');
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toMatch(/application\/json/);
		expect(r.text.length).toBeGreaterThan(0);
		expect(() => JSON.parse(r.text)).toThrow();
	});

	test('bad fault specs are refused', async () => {
		await expect(client.fault({ path: '/x' })).rejects.toThrow(/400/);
		await expect(client.fault({ provider: 'nope' })).rejects.toThrow(/404/);
		await expect(client.fault({ provider: 'vivenu', status: 99 })).rejects.toThrow(/400/);
	});
});

describe('rate limiting', () => {
	test('429 after the limit, per credential, with Retry-After and vivenu body', async () => {
		await client.rateLimit({ provider: 'vivenu', limit: 3, windowMs: 60000, retryAfter: 30 });
		for (let i = 0; i < 3; i++) expect((await api('GET', '/api/transactions?top=1')).status).toBe(200);
		const limited = await api('GET', '/api/transactions?top=1');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('30');
		expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too Many Requests' });
		expect((await api('GET', '/api/transactions?top=1', { key: state.fixtures.secondApiKey })).status).toBe(200);
		const log = await client.requests('vivenu');
		expect(log.map((e) => e.status)).toEqual([200, 200, 200, 429, 200]);
		expect(log[3].rateLimited).toBe(true);
		await client.clearRateLimit('vivenu');
		expect((await api('GET', '/api/transactions?top=1')).status).toBe(200);
	});

	test('window expiry, no Retry-After unless configured, sliding mode', async () => {
		await client.rateLimit({ provider: 'vivenu', limit: 1, windowMs: 200 });
		expect((await api('GET', '/api/sellers/me')).status).toBe(200);
		const l = await api('GET', '/api/sellers/me');
		expect(l.status).toBe(429);
		expect(l.headers['retry-after']).toBeUndefined();
		await new Promise((r) => setTimeout(r, 250));
		expect((await api('GET', '/api/sellers/me')).status).toBe(200);
		await client.rateLimit({ provider: 'vivenu', limit: 2, windowMs: 60000, mode: 'sliding', retryAfter: 'auto' });
		await api('GET', '/api/sellers/me');
		await api('GET', '/api/sellers/me');
		const s = await api('GET', '/api/sellers/me');
		expect(s.status).toBe(429);
		expect(Number(s.headers['retry-after'])).toBeGreaterThanOrEqual(59);
	});

	test('default rate limit from startEmulator options survives reset', async () => {
		const other = await startEmulator({ port: 0, providers: [vivenu], rateLimits: { vivenu: { limit: 1, windowMs: 60000 } } });
		try {
			const get = () => request('GET', `${other.url}/vivenu/api/sellers/me`, { headers: { authorization: `Bearer ${DEMO_KEY}` } });
			expect((await get()).status).toBe(200);
			expect((await get()).status).toBe(429);
			other.reset();
			expect((await get()).status).toBe(200);
		} finally {
			await other.close();
		}
	});
});

describe('request log', () => {
	test('records full path, providerPath, lowercased headers, parsed and raw body, status; skips control calls', async () => {
		const id = state.fixtures.newTransactionId;
		await api('POST', `/api/transactions/${id}/ticket-mail?x=1`, { body: { email: 'a@example.com' }, headers: { 'X-Custom': 'Yes' } });
		await api('GET', '/api/transactions?top=2');
		await api('POST', `/api/transactions/${id}/cancel`, { body: '{broken' });
		await client.state('vivenu');
		const log = await client.requests('vivenu');
		expect(log).toHaveLength(3);
		const [post, get, broken] = log;
		expect(post).toEqual(expect.objectContaining({
			provider: 'vivenu',
			method: 'POST',
			path: `/vivenu/api/transactions/${id}/ticket-mail`,
			providerPath: `/api/transactions/${id}/ticket-mail`,
			rawQuery: 'x=1',
			query: { x: '1' },
			body: { email: 'a@example.com' },
			rawBody: '{"email":"a@example.com"}',
			status: 200,
		}));
		expect(post.headers.authorization).toBe(`Bearer ${DEMO_KEY}`);
		expect(post.headers['x-custom']).toBe('Yes');
		expect(new Date(post.at).toString()).not.toBe('Invalid Date');
		expect(get.body).toBeNull();
		expect(get.rawBody).toBe('');
		expect(broken).toEqual(expect.objectContaining({ status: 400, body: null, rawBody: '{broken' }));
		expect((await client.requests('other'))).toEqual([]);
		await client.clearRequests();
		expect(await client.requests('vivenu')).toEqual([]);
	});
});

describe('state dump', () => {
	test('fields= returns only the named top-level keys of the state', async () => {
		const full = await client.state('vivenu');
		const some = await client.state('vivenu', ['fixtures', 'seller']);
		expect(Object.keys(some).sort()).toEqual(['fixtures', 'seller']);
		expect(some).toEqual({ fixtures: full.fixtures, seller: full.seller });
	});
});

describe('reset and determinism', () => {
	test('same seed gives identical data, across resets and instances; size and seed are honoured', async () => {
		const before = await client.state('vivenu');
		await api('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`);
		await client.fault({ provider: 'vivenu', status: 500, times: -1 });
		await client.reset();
		const after = await client.state('vivenu');
		expect(after).toEqual(before);
		expect(await client.requests('vivenu')).toEqual([]);
		expect(await client.faults()).toEqual([]);

		const other = await startEmulator({ port: 0, providers: [vivenu] });
		try {
			const otherState = other.state.vivenu;
			expect(JSON.parse(JSON.stringify(otherState))).toEqual(before);
		} finally {
			await other.close();
		}

		await client.reset({ seed: 2 });
		const s2 = await client.state('vivenu');
		expect(s2.fixtures.newTransactionId).not.toBe(before.fixtures.newTransactionId);
		expect(s2.transactions.find((t) => t._id === s2.fixtures.newTransactionId).status).toBe('NEW');

		await client.reset({ size: { vivenu: { events: 5, transactions: 120 } } });
		expect((await api('GET', '/api/transactions?top=1')).body.total).toBe(120);
		expect((await api('GET', '/api/events')).body.total).toBe(5);
		await client.reset();
		expect((await api('GET', '/api/transactions?top=1')).body.total).toBe(60);
	});
});

describe('webhooks', () => {
	test('trigger sends a signed envelope (x-vivenu-signature = hex HMAC-SHA256 of the raw body)', async () => {
		const rx = await startReceiver();
		try {
			const res = await client.triggerWebhook({ provider: 'vivenu', type: 'transaction.complete', targetUrl: rx.url, hmacKey: 'whsec_test' });
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ received: true });
			expect(rx.received).toHaveLength(1);
			const got = rx.received[0];
			const expected = crypto.createHmac('sha256', 'whsec_test').update(got.rawBody).digest('hex');
			expect(got.headers['x-vivenu-signature']).toBe(expected);
			expect(got.headers['x-vivenu-signature']).toMatch(/^[0-9a-f]{64}$/);
			const env = JSON.parse(got.rawBody);
			expect(env.id).toHaveLength(36);
			expect(env).toEqual(expect.objectContaining({ type: 'transaction.complete', mode: 'dev' }));
			expect(env.data.transaction.status).toBe('COMPLETE');
			expect(env.data.transaction).toEqual(expect.objectContaining({ tid: expect.any(String), coupons: expect.any(Array) }));
			expect(Array.isArray(env.data.tickets)).toBe(true);

			const partial = await client.triggerWebhook({ provider: 'vivenu', type: 'transaction.partiallyCanceled', targetUrl: rx.url, data: { transactionId: state.fixtures.completeTransactionId } });
			const penv = JSON.parse(rx.received[1].rawBody);
			expect(Object.keys(penv.data)).toEqual(['transaction']);
			expect(penv.data.transaction._id).toBe(state.fixtures.completeTransactionId);
			expect(rx.received[1].headers['x-vivenu-signature']).toBeUndefined();
			expect(partial.status).toBe(200);

			await client.triggerWebhook({ provider: 'vivenu', type: 'transaction.canceled', targetUrl: rx.url, hmacKey: 'k', badSignature: true });
			const bad = rx.received[2];
			expect(bad.headers['x-vivenu-signature']).not.toBe(crypto.createHmac('sha256', 'k').update(bad.rawBody).digest('hex'));
		} finally {
			await rx.close();
		}
	});

	test('registered webhooks are delivered automatically on complete', async () => {
		const rx = await startReceiver();
		try {
			const created = await api('POST', '/api/webhooks', { body: { name: 'n8n trigger', url: rx.url, events: { 'transaction.complete': true }, hmacKey: 'abc' } });
			expect(created.status).toBe(201);
			expect(created.body).toEqual(expect.objectContaining({ _id: expect.any(String), createdBy: expect.objectContaining({ type: 'API_KEY' }) }));
			expect((await api('POST', '/api/webhooks', { body: { name: 'abc', url: rx.url } })).status).toBe(400);
			expect((await api('GET', '/api/webhooks')).body.total).toBe(1);
			await api('POST', `/api/transactions/${state.fixtures.newTransactionId}/complete`);
			expect(await waitFor(() => rx.received.length === 1)).toBe(true);
			const got = rx.received[0];
			expect(got.headers['x-vivenu-signature']).toBe(crypto.createHmac('sha256', 'abc').update(got.rawBody).digest('hex'));
			expect(JSON.parse(got.rawBody).data.transaction._id).toBe(state.fixtures.newTransactionId);
			const upd = await api('PUT', `/api/webhook/${created.body._id}`, { body: { enabled: false } });
			expect(upd.status).toBe(201);
			expect((await api('DELETE', `/api/webhook/${created.body._id}`)).status).toBe(200);
			expect((await api('DELETE', `/api/webhook/${created.body._id}`)).status).toBe(404);
		} finally {
			await rx.close();
		}
	});
});

describe('core units', () => {
	const { parseQuery } = require('../../emulators/core/query');
	const { Router } = require('../../emulators/core/router');
	const { createRng } = require('../../emulators/core/prng');

	test('parseQuery keeps deepObject brackets, arrays and repeats', () => {
		expect(parseQuery('updatedAt[$gte]=2026-10-01T00:00:00Z&updatedAt[$lt]=x&top=5')).toEqual({ updatedAt: { $gte: '2026-10-01T00:00:00Z', $lt: 'x' }, top: '5' });
		expect(parseQuery('a[]=1&a[]=2&b=1&b=2&c=hello+world&d%5Be%5D=%24')).toEqual({ a: ['1', '2'], b: ['1', '2'], c: 'hello world', d: { e: '$' } });
		expect(parseQuery('__proto__[x]=1&flag')).toEqual({ flag: '' });
		expect({}.x).toBeUndefined();
	});

	test('router prefers literal segments and reports allowed methods', () => {
		const r = new Router();
		r.get('/api/transactions/:id', () => 'one');
		r.get('/api/transactions/rich', () => 'rich');
		expect(r.match('GET', '/api/transactions/rich').handler()).toBe('rich');
		expect(r.match('GET', '/api/transactions/abc').params).toEqual({ id: 'abc' });
		expect(r.match('POST', '/api/transactions/abc')).toEqual({ allowed: ['GET'] });
		expect(r.match('GET', '/api/other')).toBeNull();
	});

	test('prng is deterministic per seed and label', () => {
		const a = createRng(1, 'vivenu');
		const b = createRng(1, 'vivenu');
		const c = createRng(1, 'other');
		const seq = (r) => [r.hex(8), r.int(1, 100), r.uuid()];
		expect(seq(a)).toEqual(seq(b));
		expect(seq(createRng(1, 'vivenu'))).not.toEqual(seq(c));
		expect(createRng(3).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(createRng(3).objectId('2026-10-01T00:00:00Z').slice(0, 8)).toBe((Date.parse('2026-10-01T00:00:00Z') / 1000).toString(16));
	});
});
