'use strict';
const { vivenuFixture, byId, API_KEY } = require('./setup');
const { testCredential } = require('../harness');

const ctx = vivenuFixture();
const fast = { maxRetryWaitSeconds: 5 };

describe('vivenu node inside n8n: errors, retries and safety', () => {
	test('credential test: GET /api/keys/info succeeds with a good key and fails with a bad one', async () => {
		const ok = await testCredential({
			credentialTypes: ['dist/credentials/VivenuApi.credentials.js'],
			type: 'vivenuApi',
			data: ctx.credentials().vivenuApi,
		});
		expect(ok.status).toBe('OK');
		const bad = await testCredential({
			credentialTypes: ['dist/credentials/VivenuApi.credentials.js'],
			type: 'vivenuApi',
			data: ctx.credentials('key_wrong').vivenuApi,
		});
		expect(bad.status).toBe('Error');
		// n8n itself sends a 401'd credential test once more after re-authenticating.
		const requests = await ctx.requests();
		expect(requests.every((r) => r.providerPath === '/api/keys/info')).toBe(true);
		expect(requests[0].status).toBe(200);
		expect(requests.slice(1).every((r) => r.status === 401)).toBe(true);
	});

	test('401 gives the API message, the HTTP code and the item, once, without the key', async () => {
		const result = await ctx.run({ operation: 'get', transactionId: byId(ctx.fixtures.completeTransactionId) }, { apiKey: 'key_wrong_secret_value' });
		expect(result.error).toBeDefined();
		expect(result.error.message).toBe('vivenu error 401: Unauthorized [item 0]');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.description).toMatch(/did not accept the credential/);
		expect(JSON.stringify(result.error)).not.toContain('key_wrong_secret_value');
		expect(result.logs.join('\n')).not.toContain('key_wrong_secret_value');
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('404 names the transaction problem in vivenu’s words, not a generic "could not be found"', async () => {
		const result = await ctx.run({ operation: 'get', transactionId: byId('aaaaaaaaaaaaaaaaaaaaaaaa') });
		expect(result.error.message).toBe('vivenu error 404: Transaction not found [item 0]');
		expect(result.error.context.itemIndex).toBe(0);
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('400 from a state rule (complete a COMPLETE transaction) surfaces the rule', async () => {
		const result = await ctx.run({ operation: 'complete', transactionId: byId(ctx.fixtures.completeTransactionId) });
		expect(result.error.message).toMatch(/^vivenu error 400: Transaction can only be completed when its status is NEW/);
		expect(result.error.httpCode).toBe('400');
	});

	test('429 with Retry-After is waited out, then succeeds', async () => {
		await ctx.client.fault({ provider: 'vivenu', path: '/api/transactions/', status: 429, retryAfter: 1, times: 2 });
		const started = Date.now();
		const result = await ctx.run({ operation: 'get', transactionId: byId(ctx.fixtures.completeTransactionId), requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const requests = await ctx.requests();
		expect(requests.map((r) => r.status)).toEqual([429, 429, 200]);
		const at = requests.map((r) => (typeof r.at === 'number' ? r.at : Date.parse(r.at)));
		const gaps = [at[1] - at[0], at[2] - at[1]];
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	test('429 whose Retry-After exceeds the cap fails at once, saying so', async () => {
		await ctx.client.fault({ provider: 'vivenu', status: 429, retryAfter: 120 });
		const result = await ctx.run({ operation: 'get', transactionId: byId(ctx.fixtures.completeTransactionId), requestOptions: fast });
		expect(result.error.message).toBe('vivenu error 429: Too Many Requests [item 0]');
		expect(result.error.description).toMatch(/asked to wait 120 s .*Max Retry Wait/);
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('Retry-After as an HTTP date is honoured', async () => {
		const when = new Date(Date.now() + 1500).toUTCString();
		await ctx.client.fault({ provider: 'vivenu', status: 503, retryAfter: when });
		const result = await ctx.run({ operation: 'get', transactionId: byId(ctx.fixtures.completeTransactionId), requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect((await ctx.requests()).map((r) => r.status)).toEqual([503, 200]);
	});

	test('5xx then success on a read: retried with backoff', async () => {
		await ctx.client.fault({ provider: 'vivenu', status: 502, times: 1 });
		await ctx.client.fault({ provider: 'vivenu', status: 504, times: 1 });
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 2, requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect((await ctx.requests()).map((r) => r.status)).toEqual([502, 504, 200]);
	});

	test('a dropped connection on a read is retried', async () => {
		await ctx.client.fault({ provider: 'vivenu', drop: true });
		const result = await ctx.run({ operation: 'get', transactionId: byId(ctx.fixtures.completeTransactionId), requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect((await ctx.requests()).map((r) => r.status)).toEqual([null, 200]);
	});

	test('a dropped connection on Complete is NOT repeated: the outcome is unknown and e-mails could go twice', async () => {
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', drop: true });
		const result = await ctx.run({ operation: 'complete', transactionId: byId(ctx.fixtures.newTransactionId), requestOptions: fast });
		expect(result.error.message).toBe('Could not get an answer from vivenu: the connection was closed before an answer arrived [item 0]');
		expect(result.error.description).toMatch(/may or may not have been carried out/);
		expect(result.error.context.outcome).toBe('unknown');
		// One POST, then one read-back GET of the transaction (still NEW: the outcome stays unknown).
		expect((await ctx.requests()).map((r) => r.method)).toEqual(['POST', 'GET']);
	});

	test('a 502 on Complete is not repeated either, but a 429 is (vivenu did not act)', async () => {
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', status: 502 });
		const failed = await ctx.run({ operation: 'complete', transactionId: byId(ctx.fixtures.newTransactionId), requestOptions: fast });
		expect(failed.error.httpCode).toBe('502');
		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', status: 429, retryAfter: 0 });
		const ok = await ctx.run({ operation: 'complete', transactionId: byId(ctx.fixtures.newTransactionId), requestOptions: fast });
		expect(ok.error).toBeUndefined();
		expect((await ctx.requests()).map((r) => r.status)).toEqual([429, 200]);
	});

	test('a cut-off JSON body on a read is retried, and reported with the raw text when it persists', async () => {
		await ctx.client.fault({ provider: 'vivenu', malformed: true, status: 200 });
		const ok = await ctx.run({ operation: 'getAll', returnAll: false, limit: 1, requestOptions: fast });
		expect(ok.error).toBeUndefined();
		expect(ok.items).toHaveLength(1);
		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: 'vivenu', malformed: true, status: 200, times: -1 });
		const failed = await ctx.run({ operation: 'getAll', returnAll: false, limit: 1, requestOptions: { ...fast, maxRetries: 1 } });
		expect(failed.error.message).toBe('vivenu sent a response that is not valid JSON (HTTP 200) (reading page 1: skip=0, top=1) [item 0]');
		expect(failed.error.description).toMatch(/cut off.*Tried 2 times.*Response: \{/);
		expect(await ctx.requests()).toHaveLength(2);
	});

	test('continueOnFail: a failing item among good ones becomes an error item, the others succeed', async () => {
		const ids = [ctx.fixtures.completeTransactionId, 'bbbbbbbbbbbbbbbbbbbbbbbb', ctx.fixtures.completeTransactionId2];
		const result = await ctx.run(
			{ operation: 'get', transactionId: byId('={{ $json.id }}'), simplify: true },
			{ input: ids.map((id) => ({ json: { id } })), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(result.items[0].json._id).toBe(ids[0]);
		expect(result.items[1].json).toMatchObject({ error: 'vivenu error 404: Transaction not found [item 1]', httpCode: '404', itemIndex: 1 });
		expect(result.items[2].json._id).toBe(ids[2]);
	});

	test('without continueOnFail the failing item stops the node and is named', async () => {
		const ids = [ctx.fixtures.completeTransactionId, 'bbbbbbbbbbbbbbbbbbbbbbbb'];
		const result = await ctx.run({ operation: 'get', transactionId: byId('={{ $json.id }}') }, { input: ids.map((id) => ({ json: { id } })) });
		expect(result.error.message).toBe('vivenu error 404: Transaction not found [item 1]');
		expect(result.error.context.itemIndex).toBe(1);
	});

	test.each([
		['empty', ''],
		['a path', '../keys/info'],
		['a URL', 'https://vivenu.com/api/transactions/abc'],
		['spaces', 'abc def'],
	])('bad input (%s ID) is rejected before any request, naming the field', async (_label, value) => {
		const result = await ctx.run(
			{ operation: 'get', transactionId: byId('={{ $json.id }}') },
			{ input: [{ json: { id: ctx.fixtures.completeTransactionId } }, { json: { id: value } }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json._id).toBe(ctx.fixtures.completeTransactionId);
		expect(result.items[1].json.error).toMatch(/^Transaction: .*\[item 1\]$/);
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
	});

	test('an invalid e-mail for Send Ticket Mail names the field', async () => {
		const result = await ctx.run({ operation: 'sendTicketMail', transactionId: byId(ctx.fixtures.completeTransactionId), email: 'not-an-address' });
		expect(result.error.message).toBe('Email: "not-an-address" is not an e-mail address [item 0]');
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('the emulated rate limit (429 without Retry-After) is absorbed by backoff', async () => {
		await ctx.client.rateLimit({ provider: 'vivenu', limit: 5, windowMs: 1000 });
		const ids = ctx.state.transactions.slice(0, 12).map((t) => t._id);
		const result = await ctx.run(
			{ operation: 'get', transactionId: byId('={{ $json.id }}'), simplify: true, requestOptions: { requestsPerSecond: 50, concurrency: 10, maxRetryWaitSeconds: 5 } },
			{ input: ids.map((id) => ({ json: { id } })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json._id)).toEqual(ids);
		const statuses = (await ctx.requests()).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(12);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
	});

	test('the secret tokens of transactions and the API key never reach the output', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: true });
		const text = JSON.stringify(result.items);
		for (const t of ctx.state.transactions) expect(text).not.toContain(t.secret);
		expect(text).not.toContain(API_KEY);
	});
});
