'use strict';
const crypto = require('crypto');
const { flexiownFixture, visibleText, API_KEY } = require('./setup');
const { request } = require('../../emulators/client');

const ctx = flexiownFixture();
const json = (result) => result.items.map((item) => item.json);
const md5 = (s) => crypto.createHash('md5').update(s, 'utf8').digest('hex');
const sha256 = (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const SEED_FIELDS = ['apiKey', 'id', 'status', 'trust_Seed', 'trust_Value', 'alt_Trust_Value'];

describe('Flexiown node inside n8n: Payment → Update Status (the seed)', () => {
	test('marks a payment completed with exactly the documented body, key first, and outputs { success, paymentId, status }', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const p = ctx.payment(id);
		const result = await ctx.run(ctx.updateParams(id));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { success: true, paymentId: id, status: 'completed' }, pairedItem: { item: 0 } }]);
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		const [r] = requests;
		expect(r).toMatchObject({ method: 'POST', providerPath: `/api/status/${id}`, status: 200 });
		expect(r.headers['api-key']).toBe(API_KEY);
		expect(r.headers['content-type']).toBe('application/json');
		expect(r.body).toEqual({
			apiKey: API_KEY,
			id,
			status: 'completed',
			trust_Seed: p.trustSeed,
			trust_Value: p.trustValue,
			alt_Trust_Value: '',
		});
		// The seed's field order and casing, nothing else.
		expect(Object.keys(JSON.parse(r.rawBody))).toEqual(SEED_FIELDS);
		expect((await ctx.livePayment(id)).status).toBe('completed');
		// The key travels to Flexiown but never into the output or the logs.
		expect(visibleText(result)).not.toContain(API_KEY);
		expect(visibleText(result)).not.toContain(p.trustSeed);
		expect(visibleText(result)).not.toContain(p.trustValue);
	});

	test('cancels with the trust value derived from the merchant order ID (MD5) and sends the alternative trust value when given', async () => {
		const id = ctx.fixtures.confirmedPaymentId2;
		const p = ctx.payment(id);
		expect(p.trustValue).toBe(md5(p.orderId));
		const result = await ctx.run({
			...ctx.updateParams(id, { status: 'cancelled', trustValueSource: 'orderId', merchantOrderId: '={{ $json.orderId }}' }),
			trustValue: undefined,
			options: { altTrustValue: 'alt-value-123' },
		}, { input: [{ json: { orderId: p.orderId } }] });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([{ success: true, paymentId: id, status: 'cancelled' }]);
		const [r] = await ctx.requests();
		expect(r.body).toEqual({ apiKey: API_KEY, id, status: 'cancelled', trust_Seed: p.trustSeed, trust_Value: md5(p.orderId), alt_Trust_Value: 'alt-value-123' });
		expect((await ctx.livePayment(id)).status).toBe('cancelled');
	});

	test('any other status by expression, per item, several payments in one run, each output paired with its input', async () => {
		const ids = [ctx.fixtures.pendingPaymentId, ctx.fixtures.confirmedPaymentId, ctx.fixtures.processingPaymentId];
		const input = ids.map((id, k) => {
			const p = ctx.payment(id);
			return { json: { id, seed: p.trustSeed, value: p.trustValue, next: ['on-hold', 'processing', 'completed'][k] } };
		});
		const result = await ctx.run(
			{
				resource: 'payment',
				operation: 'updateStatus',
				paymentId: '={{ $json.id }}',
				status: '={{ $json.next }}',
				trustSeed: '={{ $json.seed }}',
				trustValueSource: 'value',
				trustValue: '={{ $json.value }}',
			},
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { success: true, paymentId: ids[0], status: 'on-hold' }, pairedItem: { item: 0 } },
			{ json: { success: true, paymentId: ids[1], status: 'processing' }, pairedItem: { item: 1 } },
			{ json: { success: true, paymentId: ids[2], status: 'completed' }, pairedItem: { item: 2 } },
		]);
		const requests = await ctx.requests();
		expect(requests.map((r) => `${r.providerPath} ${r.body.status}`).sort()).toEqual(
			[`/api/status/${ids[0]} on-hold`, `/api/status/${ids[1]} processing`, `/api/status/${ids[2]} completed`].sort(),
		);
		const live = await ctx.client.state('flexiown');
		expect(ids.map((id) => live.payments.find((p) => p.id === id).status)).toEqual(['on-hold', 'processing', 'completed']);
	});

	test("the docs' own example payment: its hand-formatted trust seed is sent byte for byte", async () => {
		const id = ctx.fixtures.docsPaymentId;
		expect(id).toBe('590fbc3e-784e-4519-95b0-08db35c30d2b');
		const result = await ctx.run(ctx.updateParams(id, { status: 'cancelled' }));
		expect(result.error).toBeUndefined();
		const [r] = await ctx.requests();
		expect(r.body.trust_Seed).toBe(ctx.payment(id).trustSeed);
		expect(r.body.trust_Value).toBe('c10cd9445121e4ed6ad0ab47cdde2882');
		expect((await ctx.livePayment(id)).status).toBe('cancelled');
	});

	test('setting the status a payment already has succeeds again (safe to re-run)', async () => {
		const id = ctx.fixtures.completedPaymentId;
		const result = await ctx.run(ctx.updateParams(id));
		expect(json(result)).toEqual([{ success: true, paymentId: id, status: 'completed' }]);
	});

	test('credential with API Version Path "v1" calls /api/v1/status/{id}', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const result = await ctx.run(ctx.updateParams(id), { credential: { versionPrefix: '/v1/' } });
		expect(result.error).toBeUndefined();
		const [r] = await ctx.requests();
		expect(r.providerPath).toBe(`/api/v1/status/${id}`);
	});

	test('credential with "Send API Key in Status Update Body" off: the key only goes in the header (what the plugin does)', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const result = await ctx.run(ctx.updateParams(id), { credential: { keyInStatusBody: false } });
		const [r] = await ctx.requests();
		expect(r.headers['api-key']).toBe(API_KEY);
		expect(Object.keys(r.body)).toEqual(SEED_FIELDS.slice(1));
		// The emulator follows the docs (apiKey required), so this is refused with a readable message.
		expect(result.error.message).toBe('Flexiown error 400: One or more validation errors occurred. apiKey: The apiKey field is required [item 0]');
	});
});

describe('Flexiown node inside n8n: Payment → Get Status', () => {
	test('returns the status record with the payment ID and a lowercase status', async () => {
		const id = ctx.fixtures.completedPaymentId;
		const p = ctx.payment(id);
		const result = await ctx.run({ resource: 'payment', operation: 'getStatus', paymentId: id.toUpperCase() });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					paymentId: id,
					activation_by: p.activationBy,
					expires_on: p.expiresOn,
					order_id: p.orderId,
					trust_signature: sha256(p.trustValue + p.trustSeed),
					status: 'Completed',
					normalizedStatus: 'completed',
				},
				pairedItem: { item: 0 },
			},
		]);
		const [r] = await ctx.requests();
		expect(r).toMatchObject({ method: 'GET', providerPath: `/api/status/${id}`, rawBody: '' });
		expect(r.headers['api-key']).toBe(API_KEY);
	});

	test('with Verify Trust Signature: true for the stored values, false for wrong ones, and the order ID checked when derived', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const p = ctx.payment(id);
		const base = { resource: 'payment', operation: 'getStatus', paymentId: id, verifyTrustSignature: true, trustSeed: p.trustSeed };
		const good = await ctx.run({ ...base, trustValueSource: 'value', trustValue: p.trustValue });
		expect(json(good)[0]).toMatchObject({ trustSignatureMatches: true, status: 'Confirmed' });
		expect(json(good)[0].orderIdMatches).toBeUndefined();
		const derived = await ctx.run({ ...base, trustValueSource: 'orderId', merchantOrderId: p.orderId });
		expect(json(derived)[0]).toMatchObject({ trustSignatureMatches: true, orderIdMatches: true });
		const wrongOrder = await ctx.run({ ...base, trustValueSource: 'orderId', merchantOrderId: '99999' });
		expect(json(wrongOrder)[0]).toMatchObject({ trustSignatureMatches: false, orderIdMatches: false });
		const wrongSeed = await ctx.run({ ...base, trustSeed: `${p.trustSeed}x`, trustValueSource: 'value', trustValue: p.trustValue });
		expect(json(wrongSeed)[0].trustSignatureMatches).toBe(false);
		expect(await ctx.requests()).toHaveLength(4);
	});
});

describe('Flexiown node inside n8n: Payment → Create', () => {
	const createParams = (extra = {}) => ({
		resource: 'payment',
		operation: 'create',
		orderId: '50123',
		productsInput: 'fields',
		products: {
			product: [
				{ name: 'Samsung 65" Crystal UHD Smart TV', sku: 'UA65DU7010', quantity: 1, price: 11999, brand: 'Samsung', imageUrls: 'https://img.example/a.jpg, https://img.example/b.jpg' },
				{ name: 'Wall Bracket', sku: 'WB-100', quantity: 2, price: 650.5, merchantProductId: '77' },
			],
		},
		successRedirectUrl: 'https://shop.example.co.za/ok?order_id=50123',
		failureRedirectUrl: 'https://shop.example.co.za/failed?status=cancelled',
		...extra,
	});
	const expectedProducts = [
		{ name: 'Samsung 65" Crystal UHD Smart TV', sku: 'UA65DU7010', quantity: '1', price: '11999.00', brand: 'Samsung', images: ['https://img.example/a.jpg', 'https://img.example/b.jpg'] },
		{ name: 'Wall Bracket', sku: 'WB-100', quantity: '2', price: '650.50', merchant_product_id: '77' },
	];

	test('sends products and redirects in the documented shape and outputs the payment ID, redirect URL and the trust values to store', async () => {
		const result = await ctx.run(createParams({ additionalFields: { customerEmail: 'thandi@example.co.za', customerFirstName: 'Thandi', shippingAmount: 150 } }));
		expect(result.error).toBeUndefined();
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		const [r] = requests;
		expect(r).toMatchObject({ method: 'POST', providerPath: '/api/payment/create', status: 200 });
		const trustSeed = b64(JSON.stringify(expectedProducts));
		const trustValue = md5('50123');
		expect(r.body).toEqual({
			customer: { first_Name: 'Thandi', email: 'thandi@example.co.za' },
			products: expectedProducts,
			redirects: {
				order_Id: '50123',
				success_Redirect_Url: 'https://shop.example.co.za/ok?order_id=50123',
				failure_Redirect_Url: 'https://shop.example.co.za/failed?status=cancelled',
				final_Amount: '13450.00',
				tax_Amount: '0.00',
				shipping_Amount: '150.00',
				discount: '0.00',
				trust_Value: trustValue,
				trust_Seed: trustSeed,
			},
		});
		expect(r.body.apiKey).toBeUndefined();
		const live = await ctx.client.state('flexiown');
		const created = live.payments[live.payments.length - 1];
		expect(created).toMatchObject({ orderId: '50123', status: 'pending', trustSeed, trustValue });
		expect(result.items).toEqual([
			{
				json: {
					success: true,
					paymentId: created.id,
					redirectUrl: `${ctx.emulator.url}/flexiown/pay/${created.id}`,
					orderId: '50123',
					trustSeed,
					trustValue,
					trustSignature: sha256(trustValue + trustSeed),
					trustSignatureMatches: true,
					products: [
						{ sku: 'UA65DU7010', accepted: true, price: 483.29 },
						{ sku: 'WB-100', accepted: true, price: 52.40 },
					],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(visibleText(result)).not.toContain(API_KEY);
	});

	test('the whole lifecycle: create, the customer confirms, get status verifies, update status completes with the stored values', async () => {
		const created = await ctx.run(createParams());
		const out = json(created)[0];
		const page = await request('POST', `${ctx.emulator.url}/flexiown/pay/${out.paymentId}/confirm`);
		expect(page.status).toBe(302);
		const redirect = new URL(page.headers.location);
		expect(redirect.searchParams.get('trust_signature')).toBe(out.trustSignature);
		const status = await ctx.run(
			{ resource: 'payment', operation: 'getStatus', paymentId: '={{ $json.paymentId }}', verifyTrustSignature: true, trustSeed: '={{ $json.trustSeed }}', trustValueSource: 'value', trustValue: '={{ $json.trustValue }}' },
			{ input: [{ json: out }] },
		);
		expect(json(status)[0]).toMatchObject({ status: 'Confirmed', trustSignatureMatches: true, order_id: '50123' });
		const done = await ctx.run(
			{ resource: 'payment', operation: 'updateStatus', paymentId: '={{ $json.paymentId }}', status: 'completed', trustSeed: '={{ $json.trustSeed }}', trustValueSource: 'orderId', merchantOrderId: '={{ $json.orderId }}' },
			{ input: [{ json: out }] },
		);
		expect(json(done)).toEqual([{ success: true, paymentId: out.paymentId, status: 'completed' }]);
		expect((await ctx.livePayment(out.paymentId)).status).toBe('completed');
	});

	test('JSON products are sent exactly as given and the trust seed is the Base64 of exactly that array; overrides and addresses', async () => {
		const products = [{ name: 'HISENSE 100L5F 100" LASER TV', sku: '100L5F', quantity: '1', price: '12657.00', description: 'string', vendor: { vendor_id: 'string' }, barcodes: [''] }];
		const result = await ctx.run({
			resource: 'payment',
			operation: 'create',
			orderId: '50124',
			productsInput: 'json',
			productsJson: JSON.stringify(products, null, 2),
			successRedirectUrl: 'https://shop.example.co.za/ok',
			failureRedirectUrl: 'https://shop.example.co.za/failed',
			additionalFields: {
				finalAmount: 12000,
				discount: 657,
				merchantStore: 'Sandton City',
				billingAddress: { address: { building: '1 Main', street: 'Rivonia Rd', suburb: 'Sandton', city: 'Johannesburg', province: 'Gauteng', postalCode: '2196', country: 'ZA' } },
				trustValue: 'my-own-trust-value',
			},
		});
		expect(result.error).toBeUndefined();
		const [r] = await ctx.requests();
		expect(r.body.products).toEqual(products);
		expect(r.body.billing_Address).toEqual({ building: '1 Main', street: 'Rivonia Rd', suburb: 'Sandton', city: 'Johannesburg', province: 'Gauteng', postal_Code: '2196', country: 'ZA' });
		expect(r.body.redirects).toMatchObject({ final_Amount: '12000.00', discount: '657.00', merchant_Store: 'Sandton City', trust_Value: 'my-own-trust-value', trust_Seed: b64(JSON.stringify(products)) });
		expect(json(result)[0]).toMatchObject({ trustValue: 'my-own-trust-value', trustSeed: b64(JSON.stringify(products)), trustSignatureMatches: true });
	});
});

describe('Flexiown node inside n8n: Merchant → Get and Product → Look Up', () => {
	test('Merchant → Get returns the merchant settings', async () => {
		const result = await ctx.run({ resource: 'merchant', operation: 'get' });
		expect(result.items).toEqual([
			{ json: { name: 'Emulator Appliances (Pty) Ltd', activationPeriodExpiry: 600, completionPeriodExpiry: 86400 }, pairedItem: { item: 0 } },
		]);
		const [r] = await ctx.requests();
		expect(r).toMatchObject({ method: 'GET', providerPath: '/api/merchant' });
	});

	const lookUpParams = (extra = {}) => ({
		resource: 'product',
		operation: 'lookUp',
		name: '={{ $json.name }}',
		sku: '={{ $json.sku }}',
		price: '={{ $json.price }}',
		quantity: '={{ $json.quantity || 1 }}',
		...extra,
	});
	const catalogue = [
		{ name: 'TV', sku: 'TV-1', price: 11999 },
		{ name: 'Cable', sku: 'CBL-1', price: 99 },
		{ name: 'Fridge', sku: 'FR-1', price: 13999, quantity: 2 },
		{ name: 'Blocked', sku: 'NOFLEX-9', price: 5000 },
		{ name: 'Laptop', sku: 'LP-1', price: 9499 },
	];

	test('looks up all input items in one array request and pairs each result with its item', async () => {
		const result = await ctx.run(lookUpParams(), { input: catalogue.map((json) => ({ json })) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { sku: 'TV-1', accepted: true, price: 483.29 }, pairedItem: { item: 0 } },
			{ json: { sku: 'CBL-1', accepted: false, price: 0 }, pairedItem: { item: 1 } },
			{ json: { sku: 'FR-1', accepted: true, price: 1127.7 }, pairedItem: { item: 2 } },
			{ json: { sku: 'NOFLEX-9', accepted: false, price: 0 }, pairedItem: { item: 3 } },
			{ json: { sku: 'LP-1', accepted: true, price: 382.6 }, pairedItem: { item: 4 } },
		]);
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', providerPath: '/api/product' });
		expect(requests[0].body).toEqual([
			{ name: 'TV', sku: 'TV-1', quantity: '1', price: '11999.00' },
			{ name: 'Cable', sku: 'CBL-1', quantity: '1', price: '99.00' },
			{ name: 'Fridge', sku: 'FR-1', quantity: '2', price: '13999.00' },
			{ name: 'Blocked', sku: 'NOFLEX-9', quantity: '1', price: '5000.00' },
			{ name: 'Laptop', sku: 'LP-1', quantity: '1', price: '9499.00' },
		]);
	});

	test('Batch Size 2 splits five items into three requests of 2, 2 and 1', async () => {
		const result = await ctx.run(lookUpParams({ options: { batchSize: 2 } }), { input: catalogue.map((json) => ({ json })) });
		expect(json(result).map((j) => j.sku)).toEqual(['TV-1', 'CBL-1', 'FR-1', 'NOFLEX-9', 'LP-1']);
		const sizes = (await ctx.requests()).map((r) => r.body.map((p) => p.sku).join(','));
		expect(sizes.sort()).toEqual(['FR-1,NOFLEX-9', 'LP-1', 'TV-1,CBL-1']);
	});

	test('results in a different order are paired by SKU', async () => {
		await ctx.client.fault({ provider: 'flexiown', path: '/api/product', status: 200, body: [{ sku: 'B', accepted: false, price: 0 }, { sku: 'A', accepted: true, price: 10 }] });
		const result = await ctx.run(lookUpParams(), { input: [{ json: { name: 'a', sku: 'A', price: 600 } }, { json: { name: 'b', sku: 'B', price: 700 } }] });
		expect(json(result)).toEqual([{ sku: 'A', accepted: true, price: 10 }, { sku: 'B', accepted: false, price: 0 }]);
	});

	test('an item with bad input fails alone (continue on fail); the others are still looked up', async () => {
		const input = [{ json: catalogue[0] }, { json: { name: 'Broken', sku: 'X', price: 0 } }, { json: catalogue[4] }];
		const result = await ctx.run(lookUpParams(), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toEqual({ json: { sku: 'TV-1', accepted: true, price: 483.29 }, pairedItem: { item: 0 } });
		expect(result.items[1].json).toMatchObject({ error: 'Product → Price: 0 is not above 0 [item 1]', itemIndex: 1 });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2]).toEqual({ json: { sku: 'LP-1', accepted: true, price: 382.6 }, pairedItem: { item: 2 } });
		const [r] = await ctx.requests();
		expect(r.body.map((p) => p.sku)).toEqual(['TV-1', 'LP-1']);
	});

	test('without continue on fail, bad input stops the node before any request', async () => {
		const result = await ctx.run(lookUpParams(), { input: [{ json: catalogue[0] }, { json: { name: 'Broken', sku: '', price: 10 } }] });
		expect(result.error.message).toBe('Product → SKU: is empty [item 1]');
		expect(await ctx.requests()).toHaveLength(0);
	});
});
