'use strict';
const path = require('path');
const { fourvenuesFixture, byId, json, API_KEY, CREDENTIAL_TYPES, SEED_RESPONSE } = require('./setup');
const { testCredential } = require('../harness');

const dist = (file) => require(path.resolve(__dirname, '../../dist', file));
const { credentialScope, sharedLimiter } = dist('nodes/common/limits/throttle.js');
const { FOURVENUES_PACE } = dist('nodes/Fourvenues/transport/index.js');

const ctx = fourvenuesFixture();
const fast = { maxRetryWaitSeconds: 5 };
const SEED_ID = 'abcdefghi1234567890';
const getSeed = (extra = {}) => ({ resource: 'payment', operation: 'get', paymentId: byId(SEED_ID), ...extra });
const statuses = async () => (await ctx.requests()).map((r) => r.status);
const pace = () => {
	const node = { credentials: { fourvenuesApi: { id: 'harness-fourvenuesApi' } } };
	const scope = credentialScope({ getNode: () => node }, 'fourvenuesApi', ctx.baseUrl());
	return sharedLimiter('fourvenuesApi', scope, FOURVENUES_PACE, 1).pace;
};

describe('credential', () => {
	test('test request GET /auth: OK with a valid key, an error with an unknown or expired one', async () => {
		const ok = await testCredential({ credentialTypes: CREDENTIAL_TYPES, type: 'fourvenuesApi', data: ctx.credentials().fourvenuesApi });
		expect(ok.status).toBe('OK');
		const [authRequest] = await ctx.requests();
		expect(authRequest).toMatchObject({ method: 'GET', providerPath: '/auth', status: 200 });
		expect(authRequest.headers['x-api-key']).toBe(API_KEY);

		const bad = await testCredential({ credentialTypes: CREDENTIAL_TYPES, type: 'fourvenuesApi', data: ctx.credentials('sk_test_unknown').fourvenuesApi });
		expect(bad.status).toBe('Error');
		const expired = await testCredential({
			credentialTypes: CREDENTIAL_TYPES,
			type: 'fourvenuesApi',
			data: ctx.credentials('sk_test_emulator_fourvenues_expired').fourvenuesApi,
		});
		expect(expired.status).toBe('Error');
		const requests = await ctx.requests();
		expect(requests.every((r) => r.providerPath === '/auth')).toBe(true);
		expect(requests.slice(1).every((r) => r.status === 401)).toBe(true);
	});

	test('a 200 whose body says "success": false fails the test', async () => {
		await ctx.client.fault({ provider: 'fourvenues', path: '/auth', status: 200, body: { success: false, error: 'Channel disabled' } });
		const result = await testCredential({ credentialTypes: CREDENTIAL_TYPES, type: 'fourvenuesApi', data: ctx.credentials().fourvenuesApi });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/did not accept the API key/) });
	});
});

describe('API errors become actionable n8n errors', () => {
	test('401 (unknown key): the API message, the HTTP code and the item; not retried; key never shown', async () => {
		const secret = 'sk_live_super_secret_value_123';
		const result = await ctx.run(getSeed(), { apiKey: secret });
		expect(result.error.message).toBe('Fourvenues error 401: Invalid API key [item 0]');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.description).toMatch(/did not accept the credential/);
		expect(JSON.stringify(result.error)).not.toContain(secret);
		expect(`${result.error.message} ${result.error.description}`).not.toContain(secret);
		expect(result.logs.join('\n')).not.toContain(secret);
		expect(await statuses()).toEqual([401]);
	});

	test('401 for an expired key says so', async () => {
		const result = await ctx.run(getSeed(), { apiKey: 'sk_test_emulator_fourvenues_expired' });
		expect(result.error.message).toBe('Fourvenues error 401: API key expired [item 0]');
	});

	test('403 for a key without the Payment permission', async () => {
		const result = await ctx.run(getSeed(), { apiKey: 'sk_test_emulator_fourvenues_events_only' });
		expect(result.error.message).toBe('Fourvenues error 403: The API key has no "Payment" permission [item 0]');
		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toMatch(/lacks permission/);
	});

	test('404 for an unknown payment, and for a payment of a venue outside the channel', async () => {
		const unknown = await ctx.run({ ...getSeed(), paymentId: byId('nosuchpayment000000') });
		expect(unknown.error.message).toBe('Fourvenues error 404: Payment not found [item 0]');
		expect(unknown.error.description).toMatch(/has no such resource.*environment/);
		const foreign = await ctx.run({ ...getSeed(), paymentId: byId(ctx.fixtures.otherChannelPaymentId) });
		expect(foreign.error.message).toBe('Fourvenues error 404: Payment not found [item 0]');
		expect(await statuses()).toEqual([404, 404]);
	});

	test('an HTML 404 from an unknown route is read as its text', async () => {
		await ctx.client.fault({
			provider: 'fourvenues',
			status: 404,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			body: '<!DOCTYPE html><html><body><pre>Cannot GET /payments/abcdefghi1234567890</pre></body></html>',
		});
		const result = await ctx.run(getSeed());
		expect(result.error.message).toBe('Fourvenues error 404: Cannot GET /payments/abcdefghi1234567890 [item 0]');
	});

	test('400 validation text and Joi details are surfaced', async () => {
		await ctx.client.fault({
			provider: 'fourvenues',
			status: 400,
			body: { success: false, message: '"start_date" must be a valid date', details: [{ message: '"start_date" must be a valid date' }] },
		});
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true });
		expect(result.error.message).toBe('Fourvenues error 400: "start_date" must be a valid date [item 0]');
		expect(result.error.httpCode).toBe('400');
	});

	test('a 200 with "success": false is an error carrying the API message', async () => {
		await ctx.client.fault({ provider: 'fourvenues', path: '/payments/', status: 200, body: { success: false, error: 'Payment is being processed' } });
		const result = await ctx.run(getSeed());
		expect(result.error.message).toBe('Fourvenues error 200: Payment is being processed [item 0]');
		expect(result.error.description).toMatch(/"success": false/);
		expect(await statuses()).toEqual([200]);
	});

	test('a 200 with "success": false and no message, and a 200 without data, are errors too', async () => {
		await ctx.client.fault({ provider: 'fourvenues', status: 200, body: { success: false } });
		const refused = await ctx.run(getSeed());
		expect(refused.error.message).toBe('Fourvenues error 200: the request was refused ("success": false) without a message [item 0]');
		await ctx.client.fault({ provider: 'fourvenues', status: 200, body: { success: true } });
		const empty = await ctx.run(getSeed());
		expect(empty.error.message).toBe('Fourvenues error 200: the response has no "data" in its {data, success} envelope [item 0]');
		await ctx.client.fault({ provider: 'fourvenues', status: 200, body: [SEED_RESPONSE.data] });
		const bare = await ctx.run(getSeed());
		expect(bare.error.message).toBe('Fourvenues error 200: the response is not the {data, success} JSON envelope [item 0]');
	});

	test('a list whose envelope says "success": false on page 2 fails the item instead of returning a partial list', async () => {
		// Faults are used first-in first-out: a delay-only fault lets page 1 through, the next one hits page 2.
		await ctx.client.fault({ provider: 'fourvenues', path: '/payments', delayMs: 1 });
		await ctx.client.fault({ provider: 'fourvenues', path: '/payments', status: 200, body: { success: false, error: 'Temporary inconsistency' } });
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true });
		expect(result.error.message).toBe('Fourvenues error 200: Temporary inconsistency [item 0]');
		expect(result.items).toHaveLength(0);
		expect((await ctx.requests()).map((r) => r.rawQuery)).toEqual(['limit=100&offset=0', 'limit=100&offset=100']);
	});
});

describe('retries and rate limits', () => {
	test('429 with Retry-After is waited out, then succeeds', async () => {
		await ctx.client.fault({ provider: 'fourvenues', path: '/payments/', status: 429, retryAfter: 1, times: 2 });
		const started = Date.now();
		const result = await ctx.run(getSeed({ requestOptions: fast }));
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([SEED_RESPONSE.data]);
		const requests = await ctx.requests();
		expect(requests.map((r) => r.status)).toEqual([429, 429, 200]);
		const at = requests.map((r) => Date.parse(r.at));
		expect(Math.min(at[1] - at[0], at[2] - at[1])).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	test('429 without Retry-After (none is documented) is retried with backoff', async () => {
		await ctx.client.fault({ provider: 'fourvenues', status: 429 });
		const result = await ctx.run(getSeed({ requestOptions: fast }));
		expect(result.error).toBeUndefined();
		expect(await statuses()).toEqual([429, 200]);
	});

	test('429 asking for longer than Max Retry Wait fails at once, saying so', async () => {
		await ctx.client.fault({ provider: 'fourvenues', status: 429, retryAfter: 120 });
		const result = await ctx.run(getSeed({ requestOptions: fast }));
		expect(result.error.message).toBe('Fourvenues error 429: Too Many Requests [item 0]');
		expect(result.error.description).toMatch(/asked to wait 120 s .*Max Retry Wait/);
		expect(await statuses()).toEqual([429]);
	});

	test('5xx then success: 502 and 503 are retried; a 500 is reported', async () => {
		await ctx.client.fault({ provider: 'fourvenues', status: 502 });
		await ctx.client.fault({ provider: 'fourvenues', status: 503 });
		const ok = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: false, limit: 3, requestOptions: fast });
		expect(ok.error).toBeUndefined();
		expect(ok.items).toHaveLength(3);
		expect(await statuses()).toEqual([502, 503, 200]);
		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: 'fourvenues', status: 500 });
		const failed = await ctx.run(getSeed({ requestOptions: fast }));
		expect(failed.error.message).toBe('Fourvenues error 500: Internal Server Error [item 0]');
		expect(failed.error.description).toMatch(/server error/);
	});

	test('a dropped connection on a read is retried', async () => {
		await ctx.client.fault({ provider: 'fourvenues', drop: true });
		const result = await ctx.run(getSeed({ requestOptions: fast }));
		expect(result.error).toBeUndefined();
		expect(await statuses()).toEqual([null, 200]);
	});

	// The pace adapts (nodes/common/limits/pace.ts): it starts at 8 per second, grows while no 429 comes and backs off at
	// the first ones, so a 10/s limit costs a few retried 429s, never a lost or repeated page.
	test('probes the reported ~10 requests/second per key: a few 429s are retried, every one of 25+ pages arrives once', async () => {
		await ctx.reset({ maxLimit: 50, payments: 2000 });
		await ctx.client.rateLimit({ provider: 'fourvenues', limit: 10, windowMs: 1000, mode: 'sliding' });
		const visible = ctx.state.payments.filter((p) => ctx.state.channels[0].host_ids.includes(p.organization_id));
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(visible.length);
		const requests = await ctx.requests();
		const pages = requests.filter((r) => r.status === 200);
		expect(pages.length).toBe(Math.floor(visible.length / 50) + 1);
		expect(pages.length).toBeGreaterThanOrEqual(25);
		expect(new Set(pages.map((r) => r.rawQuery)).size).toBe(pages.length);
		const refused = requests.filter((r) => r.status === 429).length;
		expect(requests.length).toBe(pages.length + refused);
		// Pages go one at a time, so no request is in flight at a slow-down: every 429 slowed the pace down.
		expect(pace().slowDowns.throttled).toBe(refused);
	}, 60000);

	// Requests per Second only caps an execution now (the shared pace decides how fast): whatever 429s the pace meets are retried.
	test('with Requests per Second raised past the limit, every item succeeds and 429s are retried', async () => {
		await ctx.client.rateLimit({ provider: 'fourvenues', limit: 10, windowMs: 1000, mode: 'sliding', retryAfter: 'auto' });
		const visible = ctx.state.payments.filter((p) => ctx.state.channels[0].host_ids.includes(p.organization_id));
		const ids = visible.slice(0, 24).map((p) => p._id);
		const result = await ctx.run(
			{ resource: 'payment', operation: 'get', paymentId: byId('={{ $json.id }}'), requestOptions: { requestsPerSecond: 100, concurrency: 12, ...fast } },
			{ input: ids.map((id) => ({ json: { id } })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json._id)).toEqual(ids);
		const requests = await ctx.requests();
		expect(requests.filter((r) => r.status === 200)).toHaveLength(ids.length);
		expect(requests.length).toBe(ids.length + requests.filter((r) => r.status === 429).length);
	}, 30000);
});

describe('items, input validation and secrets', () => {
	test('continueOnFail: a failing item among good ones becomes an error item, the others succeed', async () => {
		const ids = [SEED_ID, 'nosuchpayment000000', ctx.fixtures.listPaymentId];
		const result = await ctx.run(
			{ resource: 'payment', operation: 'get', paymentId: byId('={{ $json.id }}'), simplify: true },
			{ input: ids.map((id) => ({ json: { id } })), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(result.items[0].json._id).toBe(SEED_ID);
		expect(result.items[1].json).toMatchObject({ error: 'Fourvenues error 404: Payment not found [item 1]', httpCode: '404', itemIndex: 1 });
		expect(result.items[2].json._id).toBe(ids[2]);
	});

	test('without continueOnFail the failing item stops the node and is named', async () => {
		const ids = [SEED_ID, 'nosuchpayment000000'];
		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: byId('={{ $json.id }}') }, { input: ids.map((id) => ({ json: { id } })) });
		expect(result.error.message).toBe('Fourvenues error 404: Payment not found [item 1]');
		expect(result.error.context.itemIndex).toBe(1);
	});

	test('an empty ID is refused before any request, naming the field', async () => {
		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: byId('={{ $json.id }}') }, { input: [{ json: { id: '' } }] });
		expect(result.error.message).toBe('Payment: is empty [item 0]');
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('path-like IDs and codes cannot change the request path', async () => {
		for (const [parameters, field] of [
			[{ resource: 'payment', operation: 'get', paymentId: byId('../auth') }, 'Payment'],
			[{ resource: 'event', operation: 'get', eventId: byId('x/../../auth') }, 'Event'],
			[{ resource: 'event', operation: 'get', eventId: { __rl: true, mode: 'slug', value: 'a slug?x=1' } }, 'Event (Slug)'],
			[{ resource: 'ticket', operation: 'get', code: 'ABC/../../auth' }, 'QR Code'],
			[{ resource: 'ticket', operation: 'getAll', eventId: byId('%2e%2e'), returnAll: true }, 'Event'],
			[{ resource: 'payment', operation: 'getAll', filters: { event: byId('a?b') } }, 'Filters → Event'],
		]) {
			const result = await ctx.run(parameters);
			expect(result.error.message).toMatch(new RegExp(`^${field.replace(/[()]/g, '\\$&')}: .* is not a valid ID .*\\[item 0\\]$`));
		}
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('a date that is not a date, and an end date not after the start, are refused', async () => {
		const bad = await ctx.run({ resource: 'payment', operation: 'getAll', filters: { startDate: 'yesterday-ish' } });
		expect(bad.error.message).toBe('Filters → Start Date: "yesterday-ish" is not a date [item 0]');
		const reversed = await ctx.run({ resource: 'payment', operation: 'getAll', filters: { startDate: '2026-10-02', endDate: '2026-10-02' } });
		expect(reversed.error.message).toBe('Filters → End Date: must be after the start date (2026-10-02) [item 0]');
		expect(reversed.error.description).toMatch(/exclusive/);
		const events = await ctx.run({ resource: 'event', operation: 'getAll', filters: { startDate: '2026-10-02T10:00:00', endDate: '2026-10-02T23:00:00' } });
		expect(events.error.message).toBe('Filters → End Date: must be a later day than the start date (2026-10-02) [item 0]');
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('a key echoed back by the API is redacted from the error', async () => {
		await ctx.client.fault({ provider: 'fourvenues', status: 400, body: { success: false, error: `Key ${API_KEY} is not valid for this host` } });
		const result = await ctx.run(getSeed());
		expect(result.error.message).toBe('Fourvenues error 400: Key [redacted] is not valid for this host [item 0]');
		expect(JSON.stringify(result.error)).not.toContain(API_KEY);
		expect(result.logs.join('\n')).not.toContain(API_KEY);
	});

	test('the API key is never part of any output item', async () => {
		const result = await ctx.run({ resource: 'organization', operation: 'getAll', returnAll: true });
		expect(JSON.stringify(result.items)).not.toContain(API_KEY);
	});
});
