'use strict';
const { flexiownFixture, visibleText, API_KEY } = require('./setup');

const ctx = flexiownFixture();
const fast = { maxRetryWaitSeconds: 5 };
const WRONG_KEY = 'fo_wrong_key_that_must_never_show_up';

describe('Flexiown credential test', () => {
	test('GET merchant succeeds with a good key, fails with an unknown or revoked one', async () => {
		const ok = await ctx.testCredential();
		expect(ok).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		let requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', providerPath: '/api/merchant', status: 200 });
		expect(requests[0].headers['api-key']).toBe(API_KEY);

		await ctx.client.clearRequests();
		const bad = await ctx.testCredential(WRONG_KEY);
		expect(bad.status).toBe('Error');
		const revoked = await ctx.testCredential(ctx.fixtures.revokedApiKey);
		expect(revoked.status).toBe('Error');
		requests = await ctx.requests();
		expect(requests.length).toBeGreaterThanOrEqual(2);
		expect(requests.every((r) => r.status === 401 && r.providerPath === '/api/merchant')).toBe(true);
		expect(JSON.stringify(bad) + JSON.stringify(revoked)).not.toContain(WRONG_KEY);
	});

	test('honours the environment version path: v1 → GET /api/v1/merchant', async () => {
		const ok = await ctx.testCredential(API_KEY, { versionPrefix: 'v1' });
		expect(ok.status).toBe('OK');
		expect((await ctx.requests())[0].providerPath).toBe('/api/v1/merchant');
	});
});

describe('Flexiown node inside n8n: errors, retries and safety', () => {
	test('401: the API message, the HTTP code and the item, sent once, the key nowhere', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const result = await ctx.run(ctx.updateParams(id), { apiKey: WRONG_KEY });
		expect(result.error.message).toBe('Flexiown error 401: Unauthorized [item 0]');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.description).toMatch(/did not accept the credential/);
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		// The key was sent (header and body) but appears in no output, error or log line.
		expect(requests[0].headers['api-key']).toBe(WRONG_KEY);
		expect(requests[0].body.apiKey).toBe(WRONG_KEY);
		expect(visibleText(result)).not.toContain(WRONG_KEY);
		expect((await ctx.livePayment(id)).status).toBe('confirmed');
	});

	test('404 from Get Status keeps Flexiown’s own title', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		const result = await ctx.run({ resource: 'payment', operation: 'getStatus', paymentId: unknown });
		expect(result.error.message).toBe(`Flexiown error 404: Can't find an GetPaymentMerchantStatusDTO with Id: ${unknown} [item 0]`);
		expect(result.error.httpCode).toBe('404');
		expect(result.error.context.itemIndex).toBe(0);
		expect(result.error.description).toMatch(/Trace ID: [0-9a-f-]{36} \(quote it when contacting Flexiown support\)/);
	});

	test("another merchant's payment is a 404 too", async () => {
		const result = await ctx.run({ resource: 'payment', operation: 'getStatus', paymentId: ctx.fixtures.otherMerchantPaymentId });
		expect(result.error.httpCode).toBe('404');
	});

	test('400 problem details become one message naming each field; details list them with the trace ID', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const p = ctx.payment(id);
		const wrong = { trustSeed: 'd3Jvbmctc2VlZC12YWx1ZQ==', trustValue: 'ffffffffffffffffffffffffffffffff' };
		const result = await ctx.run(ctx.updateParams(id, wrong));
		expect(result.error.message).toBe(
			'Flexiown error 400: One or more validation errors occurred. trust_Seed: The trust seed does not match the one used at payment creation; trust_Value: The trust value does not match the one used at payment creation [item 0]',
		);
		expect(result.error.description).toContain('- trust_Seed: The trust seed does not match the one used at payment creation.');
		expect(result.error.description).toContain('- trust_Value: The trust value does not match the one used at payment creation.');
		expect(result.error.description).toMatch(/Trace ID: [0-9a-f-]{36}/);
		expect(visibleText(result)).not.toContain(wrong.trustValue);
		expect(visibleText(result)).not.toContain(wrong.trustSeed);
		expect(visibleText(result)).not.toContain(API_KEY);
		expect((await ctx.livePayment(id)).trustSeed).toBe(p.trustSeed);
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('the seed’s own 400 example (apiKey and id missing) reads as one line', async () => {
		const body = {
			type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
			title: 'One or more validation errors occurred.',
			status: 400,
			traceId: '698b5f0f-6a3e-4d7b-a2e6-9025a1a7cf8e',
			errors: { apiKey: ['The apiKey field is required.'], id: ['The id field is required.'] },
		};
		await ctx.client.fault({ provider: 'flexiown', path: '/api/status/', status: 400, body });
		const result = await ctx.run(ctx.updateParams(ctx.fixtures.confirmedPaymentId));
		expect(result.error.message).toBe(
			'Flexiown error 400: One or more validation errors occurred. apiKey: The apiKey field is required; id: The id field is required [item 0]',
		);
		expect(result.error.description).toContain('Trace ID: 698b5f0f-6a3e-4d7b-a2e6-9025a1a7cf8e');
	});

	test('an error body that echoes the key and the trust value is masked', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const p = ctx.payment(id);
		await ctx.client.fault({
			provider: 'flexiown',
			path: '/api/status/',
			status: 400,
			body: { title: `Bad key ${API_KEY}`, status: 400, traceId: 't-1', errors: { trust_Value: [`'${p.trustValue}' is not valid`], trust_Seed: [`seed ${p.trustSeed}`] } },
		});
		const result = await ctx.run(ctx.updateParams(id));
		expect(result.error.message).toContain('[redacted]');
		const text = visibleText(result);
		expect(text).not.toContain(API_KEY);
		expect(text).not.toContain(p.trustValue);
		expect(text).not.toContain(p.trustSeed);
	});

	test('a state rule (complete a payment the customer has not confirmed) surfaces the rule', async () => {
		const result = await ctx.run(ctx.updateParams(ctx.fixtures.pendingPaymentId));
		expect(result.error.message).toBe(
			'Flexiown error 400: One or more validation errors occurred. status: A payment in status Pending cannot be changed to completed [item 0]',
		);
	});

	test('500 keeps the traceId in the description and is not retried', async () => {
		const body = { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1', title: 'An error occurred.', status: 500, traceId: '05faffa9-1dca-4629-934c-cea9b8637b5c' };
		await ctx.client.fault({ provider: 'flexiown', status: 500, body });
		const result = await ctx.run(ctx.updateParams(ctx.fixtures.confirmedPaymentId), {});
		expect(result.error.message).toBe('Flexiown error 500: An error occurred. [item 0]');
		expect(result.error.httpCode).toBe('500');
		expect(result.error.description).toContain('Trace ID: 05faffa9-1dca-4629-934c-cea9b8637b5c');
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('429 with Retry-After is waited out, then succeeds', async () => {
		await ctx.client.fault({ provider: 'flexiown', path: '/api/status/', status: 429, retryAfter: 1, times: 2 });
		const started = Date.now();
		const result = await ctx.run({ resource: 'payment', operation: 'getStatus', paymentId: ctx.fixtures.completedPaymentId, requestOptions: fast });
		expect(result.error).toBeUndefined();
		const requests = await ctx.requests();
		expect(requests.map((r) => r.status)).toEqual([429, 429, 200]);
		const at = requests.map((r) => Date.parse(r.at));
		expect(Math.min(at[1] - at[0], at[2] - at[1])).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	test('the emulator’s own rate limit (auto Retry-After) is respected across items', async () => {
		await ctx.client.rateLimit({ provider: 'flexiown', limit: 2, windowMs: 1000, retryAfter: 'auto' });
		const id = ctx.fixtures.completedPaymentId;
		const result = await ctx.run(
			{ resource: 'payment', operation: 'getStatus', paymentId: id, requestOptions: fast },
			{ input: [1, 2, 3, 4].map(() => ({ json: {} })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		const statuses = (await ctx.requests()).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(4);
	});

	test('5xx then success on a status update: retried (same status twice is harmless)', async () => {
		await ctx.client.fault({ provider: 'flexiown', status: 503, times: 1 });
		await ctx.client.fault({ provider: 'flexiown', status: 502, times: 1 });
		const id = ctx.fixtures.confirmedPaymentId;
		const result = await ctx.run({ ...ctx.updateParams(id), requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect((await ctx.requests()).map((r) => r.status)).toEqual([503, 502, 200]);
		expect((await ctx.livePayment(id)).status).toBe('completed');
	});

	const createParams = {
		resource: 'payment',
		operation: 'create',
		orderId: '777',
		productsInput: 'fields',
		products: { product: [{ name: 'TV', sku: 'TV-1', quantity: 1, price: 11999 }] },
		successRedirectUrl: 'https://shop.example.co.za/ok',
		failureRedirectUrl: 'https://shop.example.co.za/failed',
		requestOptions: fast,
	};

	test('Create is never repeated after a 502 or a dropped connection (it could open two payments), but is after a 429', async () => {
		await ctx.client.fault({ provider: 'flexiown', path: '/api/payment/create', status: 502 });
		const r502 = await ctx.run(createParams);
		expect(r502.error.httpCode).toBe('502');
		expect(await ctx.requests()).toHaveLength(1);

		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: 'flexiown', path: '/api/payment/create', drop: true });
		const dropped = await ctx.run(createParams);
		expect(dropped.error.message).toMatch(/^Could not get an answer from Flexiown: .* \[item 0\]$/);
		expect(dropped.error.description).toMatch(/may or may not have been carried out/);
		expect(await ctx.requests()).toHaveLength(1);

		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: 'flexiown', path: '/api/payment/create', status: 429, retryAfter: 0 });
		const ok = await ctx.run(createParams);
		expect(ok.error).toBeUndefined();
		expect((await ctx.requests()).map((r) => r.status)).toEqual([429, 200]);
		const live = await ctx.client.state('flexiown');
		expect(live.payments.filter((p) => p.orderId === '777')).toHaveLength(1);
	});

	test('Create answered 200 with success false names the rejected product and keeps the trust values out', async () => {
		const result = await ctx.run({ ...createParams, products: { product: [{ name: 'Gift card', sku: 'NOFLEX-GIFT', quantity: 1, price: 1000 }] } });
		expect(result.error.message).toBe("Flexiown did not confirm the payment creation: products[0].sku: Product 'NOFLEX-GIFT' is not eligible for Flexiown [item 0]");
		// success false with field errors is Flexiown's documented refusal: not done.
		expect(result.error.description).toMatch(/HTTP 200 and refused it/);
		expect(result.error.context.outcome).toBe('not-done');
		const seed = Buffer.from(JSON.stringify([{ name: 'Gift card', sku: 'NOFLEX-GIFT', quantity: '1', price: '1000.00' }])).toString('base64');
		const text = visibleText(result);
		expect(text).not.toContain(seed);
		expect(text).not.toContain(require('crypto').createHash('md5').update('777').digest('hex'));
	});

	test('a status update answered 200 without success: true is an error, not a silent success', async () => {
		await ctx.client.fault({ provider: 'flexiown', path: '/api/status/', status: 200, body: { success: false } });
		const result = await ctx.run(ctx.updateParams(ctx.fixtures.confirmedPaymentId));
		expect(result.error.message).toBe('Flexiown did not confirm the status update: the response did not say "success": true [item 0]');
		expect(result.items).toEqual([]);
	});

	test('continue on fail: the one failing item becomes an error item, the good ones succeed, all paired', async () => {
		const good1 = ctx.fixtures.confirmedPaymentId;
		const good2 = ctx.fixtures.processingPaymentId;
		const missing = '11111111-1111-4111-8111-111111111111';
		const input = [good1, missing, good2].map((id) => {
			const p = ctx.payment(id) || ctx.payment(good1);
			return { json: { id, seed: p.trustSeed, value: p.trustValue } };
		});
		const result = await ctx.run(
			{ resource: 'payment', operation: 'updateStatus', paymentId: '={{ $json.id }}', status: 'completed', trustSeed: '={{ $json.seed }}', trustValueSource: 'value', trustValue: '={{ $json.value }}' },
			{ input, continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0]).toEqual({ json: { success: true, paymentId: good1, status: 'completed' }, pairedItem: { item: 0 } });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[1].json).toMatchObject({ error: `Flexiown error 404: Can't find an Payment with Id: ${missing} [item 1]`, itemIndex: 1, httpCode: '404' });
		expect(result.items[2]).toEqual({ json: { success: true, paymentId: good2, status: 'completed' }, pairedItem: { item: 2 } });
		expect(visibleText(result)).not.toContain(ctx.payment(good1).trustSeed);
		expect(visibleText(result)).not.toContain(API_KEY);
	});

	test.each([
		['={{ $json.nothing }}', 'Payment ID: is empty [item 0]'],
		['   ', 'Payment ID: is empty [item 0]'],
		['../merchant', 'Payment ID: "../merchant" is not a payment UUID [item 0]'],
		['b8f2d832-72e2-4e47-8b8a-7f6a3a3e7abe/../../merchant', 'Payment ID: "b8f2d832-72e2-4e47-8b8a-7f6a3a3e7abe/../../merchant" is not a payment UUID [item 0]'],
		['41009', 'Payment ID: "41009" is not a payment UUID [item 0]'],
	])('bad payment ID %j is refused before any request', async (paymentId, message) => {
		const result = await ctx.run(ctx.updateParams(ctx.fixtures.confirmedPaymentId, { paymentId }));
		expect(result.error.message).toBe(message);
		expect(result.error.description).toBeTruthy();
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('empty trust seed, trust value, order ID or status name the field and send nothing', async () => {
		const id = ctx.fixtures.confirmedPaymentId;
		const cases = [
			[{ trustSeed: '={{ $json.storedSeed }}' }, 'Trust Seed: is empty [item 0]'],
			[{ trustValue: '={{ "" }}' }, 'Trust Value: is empty [item 0]'],
			[{ trustValueSource: 'orderId', merchantOrderId: ' ' }, 'Merchant Order ID: is empty [item 0]'],
			[{ status: '={{ "" }}' }, 'Status: is empty [item 0]'],
		];
		for (const [extra, message] of cases) {
			const result = await ctx.run(ctx.updateParams(id, extra));
			expect(result.error.message).toBe(message);
		}
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('Create refuses bad input before sending: redirect URL, empty products, bad JSON', async () => {
		const bad = [
			[{ successRedirectUrl: 'shop/ok' }, 'Success Redirect URL: "shop/ok" is not an http(s) URL [item 0]'],
			[{ products: { product: [] } }, 'Products: has no product [item 0]'],
			[{ products: { product: [{ name: 'TV', sku: 'TV-1', quantity: 1.5, price: 10 }] } }, 'Products → Product 1 → Quantity: 1.5 is not a whole number [item 0]'],
			[{ productsInput: 'json', productsJson: '[{"name": ' }, /^Products \(JSON\): is not valid JSON/],
			[{ productsInput: 'json', productsJson: '[]' }, 'Products (JSON): must be a non-empty array of products [item 0]'],
			[{ orderId: '={{ $json.orderNumber }}' }, 'Merchant Order ID: is empty [item 0]'],
		];
		for (const [extra, message] of bad) {
			const result = await ctx.run({ ...createParams, ...extra });
			if (message instanceof RegExp) expect(result.error.message).toMatch(message);
			else expect(result.error.message).toBe(message);
		}
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('a failed lookup batch fails each of its items with its own item number', async () => {
		await ctx.client.fault({ provider: 'flexiown', path: '/api/product', status: 500, body: { title: 'An error occurred.', status: 500, traceId: 'abc-123' } });
		const input = [{ json: { name: 'A', sku: 'A', price: 600 } }, { json: { name: 'B', sku: 'B', price: 700 } }];
		const result = await ctx.run(
			{ resource: 'product', operation: 'lookUp', name: '={{ $json.name }}', sku: '={{ $json.sku }}', price: '={{ $json.price }}' },
			{ input, continueOnFail: true },
		);
		expect(result.items.map((i) => i.json.error)).toEqual([
			'Flexiown error 500: An error occurred. (looked up together with items 0–1) [item 0]',
			'Flexiown error 500: An error occurred. (looked up together with items 0–1) [item 1]',
		]);
		expect(result.items[1].json.description).toContain('Trace ID: abc-123');
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('no operation lets the API key into output, errors or logs', async () => {
		const id = ctx.fixtures.completedPaymentId;
		const p = ctx.payment(id);
		const runs = [
			await ctx.run({ resource: 'merchant', operation: 'get' }),
			await ctx.run({ resource: 'payment', operation: 'getStatus', paymentId: id, verifyTrustSignature: true, trustSeed: p.trustSeed, trustValueSource: 'value', trustValue: p.trustValue }),
			await ctx.run(ctx.updateParams(id)),
			await ctx.run(createParams),
			await ctx.run({ resource: 'product', operation: 'lookUp', name: 'TV', sku: 'TV-1', price: 11999 }),
			await ctx.run({ resource: 'merchant', operation: 'get' }, { apiKey: WRONG_KEY }),
		];
		for (const result of runs) {
			expect(visibleText(result)).not.toContain(API_KEY);
			expect(visibleText(result)).not.toContain(WRONG_KEY);
		}
		expect((await ctx.requests()).every((r) => r.headers['api-key'])).toBe(true);
	});
});
