'use strict';
// The Flexiown emulator module itself: paths under /api and /api/v1, api-key auth, problem details,
// the trust signature as documented, status transitions and the payment-page redirect.
const crypto = require('crypto');
const { startEmulator } = require('../../emulators');
const { request } = require('../../emulators/client');
const { providerFixture } = require('../support/emulator');

const KEY = 'fo_emulator_demo_key_7c1e4a9b2d';
const ctx = providerFixture('flexiown');
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');
const api = (method, path, body, key = KEY) =>
	request(method, `${ctx.emulator.url}/flexiown${path}`, { body, headers: key ? { 'api-key': key } : {} });

test('seeded data is deterministic and covers every status', async () => {
	const again = (await startEmulator({ port: 0 }));
	try {
		expect(again.state.flexiown.fixtures).toEqual(ctx.state.fixtures);
		expect(again.state.flexiown.payments.map((p) => p.trustSeed)).toEqual(ctx.state.payments.map((p) => p.trustSeed));
	} finally {
		await again.close();
	}
	const statuses = new Set(ctx.state.payments.map((p) => p.status));
	for (const s of ['pending', 'confirmed', 'processing', 'completed', 'cancelled', 'expired']) expect(statuses.has(s)).toBe(true);
	for (const p of ctx.state.payments.filter((x) => x.id !== ctx.state.fixtures.docsPaymentId)) {
		expect(p.trustValue).toBe(crypto.createHash('md5').update(p.orderId).digest('hex'));
		expect(p.trustSeed).toBe(Buffer.from(JSON.stringify(p.products)).toString('base64'));
	}
});

test('GET status: trust_signature = SHA-256(trust_Value + trust_Seed), title-case status, on /api and /api/v1', async () => {
	const p = ctx.state.payments.find((x) => x.id === ctx.state.fixtures.docsPaymentId);
	for (const prefix of ['/api', '/api/v1']) {
		const r = await api('GET', `${prefix}/status/${p.id}`);
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			activation_by: p.activationBy,
			expires_on: p.expiresOn,
			order_id: p.orderId,
			trust_signature: sha256('c10cd9445121e4ed6ad0ab47cdde2882' + p.trustSeed),
			status: 'Confirmed',
		});
	}
});

test('auth: missing, unknown and revoked keys are 401 problem details', async () => {
	for (const key of [null, 'nope', ctx.state.fixtures.revokedApiKey]) {
		const r = await api('GET', '/api/merchant', undefined, key);
		expect(r.status).toBe(401);
		expect(r.body).toMatchObject({ type: 'https://tools.ietf.org/html/rfc7235#section-3.1', title: 'Unauthorized', status: 401 });
		expect(r.body.traceId).toMatch(/^[0-9a-f-]{36}$/);
	}
});

test("POST status: the seed's 400 example when apiKey and id are missing, then success, then the transition rules", async () => {
	const p = ctx.state.payments.find((x) => x.id === ctx.state.fixtures.confirmedPaymentId);
	const missing = await api('POST', `/api/status/${p.id}`, { status: 'completed', trust_seed: p.trustSeed, trust_value: p.trustValue });
	expect(missing.status).toBe(400);
	expect(missing.body).toMatchObject({
		type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
		title: 'One or more validation errors occurred.',
		status: 400,
		errors: { apiKey: ['The apiKey field is required.'], id: ['The id field is required.'] },
	});
	const body = { apiKey: KEY, id: p.id, status: 'completed', trust_Seed: p.trustSeed, trust_Value: p.trustValue, alt_Trust_Value: '' };
	expect((await api('POST', `/api/status/${p.id}`, body)).body).toEqual({ success: true });
	expect((await api('POST', `/api/status/${p.id}`, body)).body).toEqual({ success: true });
	const back = await api('POST', `/api/status/${p.id}`, { ...body, status: 'cancelled' });
	expect(back.status).toBe(400);
	expect(back.body.errors).toEqual({ status: ['A payment in status Completed cannot be changed to cancelled.'] });
	const unknown = await api('POST', `/api/status/${p.id}`, { ...body, status: 'shipped' });
	expect(unknown.body.errors.status[0]).toMatch(/^'shipped' is not a valid status/);
	const otherKey = await api('POST', `/api/status/${p.id}`, { ...body, apiKey: 'other' });
	expect(otherKey.status).toBe(401);
});

test('payment/create validates, opens a pending payment, and the payment page redirects with the signature', async () => {
	const bad = await api('POST', '/api/payment/create', { products: [], redirects: { success_Redirect_Url: 'nope' } });
	expect(bad.status).toBe(400);
	expect(Object.keys(bad.body.errors).sort()).toEqual(
		['products', 'redirects.failure_Redirect_Url', 'redirects.order_Id', 'redirects.success_Redirect_Url', 'redirects.trust_Seed', 'redirects.trust_Value'].sort(),
	);
	const products = [{ name: 'TV', sku: 'TV-1', quantity: '1', price: '11999.00' }];
	const redirects = { order_Id: '9', success_Redirect_Url: 'https://s.example/ok', failure_Redirect_Url: 'https://s.example/no', trust_Value: 'tv', trust_Seed: 'ts' };
	const ok = await api('POST', '/api/payment/create', { products, redirects });
	expect(ok.status).toBe(200);
	expect(ok.body).toMatchObject({ success: true, trust_signature: sha256('tvts'), products: [{ sku: 'TV-1', accepted: true, price: 483.29 }] });
	const page = await request('POST', `${ctx.emulator.url}/flexiown/pay/${ok.body.id}/confirm`);
	expect(page.status).toBe(302);
	expect(page.headers.location).toBe(`https://s.example/ok?order_id=9&status=confirmed&trust_signature=${sha256('tvts')}`);
	expect((await api('GET', `/api/status/${ok.body.id}`)).body.status).toBe('Confirmed');
});

test('product lookup: one product gives one result object, an array gives an array', async () => {
	const one = await api('POST', '/api/product', { sku: 'A', price: 1000 });
	expect(one.body).toEqual({ sku: 'A', accepted: true, price: 40.28 });
	const many = await api('POST', '/api/product', [{ sku: 'A', price: 1000 }, { sku: 'B', price: 10 }]);
	expect(many.body).toEqual([{ sku: 'A', accepted: true, price: 40.28 }, { sku: 'B', accepted: false, price: 0 }]);
	const bad = await api('POST', '/api/product', [{ sku: '', price: 'x' }]);
	expect(bad.body.errors).toEqual({ '[0].sku': ['The sku field is required.'], '[0].price': ['The price field is required and must be a number.'] });
});

test('unknown payment: 404 problem details with the DTO title', async () => {
	const id = '00000000-0000-4000-8000-000000000000';
	const r = await api('GET', `/api/status/${id}`);
	expect(r.status).toBe(404);
	expect(r.body).toMatchObject({ type: 'https://tools.ietf.org/html/rfc7231#section-6.5.4', title: `Can't find an GetPaymentMerchantStatusDTO with Id: ${id}`, status: 404 });
});
