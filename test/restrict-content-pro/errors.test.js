'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const https = require('https');
const { execFileSync } = require('child_process');
const { rcpFixture, byId, rl, PROVIDER, ADMIN, BOOKKEEPER, EDITOR, CREDENTIAL_TYPES } = require('./setup');
const { testCredential } = require('../harness');

const ctx = rcpFixture();
const fast = { maxRetryWaitSeconds: 5 };
const sent = (requests) => requests.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`);
const credTest = async (opts) => await testCredential({ credentialTypes: CREDENTIAL_TYPES, type: 'restrictContentProApi', data: ctx.credentials(opts).restrictContentProApi });

/** Every form a secret could leak in: as typed, without WordPress's spaces, URL-encoded, Base64 (alone and as user:password). */
function secretForms({ username, password }) {
	const bare = password.replace(/\s+/g, '');
	return [password, bare, encodeURIComponent(password), Buffer.from(password).toString('base64'), Buffer.from(`${username}:${password}`).toString('base64')];
}
function expectNoSecrets(result, user) {
	const text = JSON.stringify({ items: result.items, error: result.error && { message: result.error.message, description: result.error.description, context: result.error.context, cause: result.error.cause } }) + result.logs.join('\n');
	for (const form of secretForms(user)) expect(text).not.toContain(form);
}

describe('credential test', () => {
	test('lists one payment: OK in both URL styles', async () => {
		expect((await credTest()).status).toBe('OK');
		expect((await credTest({ urlStyle: 'restRoute', variant: 'plain' })).status).toBe('OK');
		expect((await credTest({ url: `${ctx.site()}/ `, restPrefix: ' /wp-json/ ' })).status).toBe('OK');
		const requests = await ctx.requests();
		expect(sent(requests)).toEqual([
			'GET /rcp/wp-json/rcp/v1/payments?number=1',
			'GET /rcp/plain/?rest_route=/rcp/v1/payments&number=1',
			'GET /rcp/wp-json/rcp/v1/payments?number=1',
		]);
		expect(requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`);
	});

	test('a wrong application password, a user without the capability, a missing add-on, the wrong URL style', async () => {
		const wrong = await credTest({ user: { username: 'admin', password: 'xxxx yyyy zzzz' } });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringMatching(/^WordPress did not log in: check the Username and the Application Password/) });
		const editor = await credTest({ user: EDITOR });
		expect(editor).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Logged in, but this WordPress user may not view Restrict Content Pro payments/) });
		const noAddon = await credTest({ variant: 'no-addon' });
		expect(noAddon).toMatchObject({ status: 'Error', message: expect.stringMatching(/^No Restrict Content Pro REST route at this address/) });
		const plain = await credTest({ variant: 'plain' });
		expect(plain).toMatchObject({ status: 'Error', message: expect.stringMatching(/^No Restrict Content Pro REST route/) });
		// the bookkeeper may read payments: enough for the test, writes will answer 403 (tested below)
		expect((await credTest({ user: BOOKKEEPER })).status).toBe('OK');
	});
});

describe('WordPress errors: message, code, what is missing', () => {
	test('401 wrong application password: WordPress\'s message and code, the item, no secret anywhere', async () => {
		const user = { username: 'admin', password: 'abcd EFGH ijkl MNOP qrst UVWX' };
		const result = await ctx.run({ operation: 'get', paymentId: byId('5') }, { credentials: { user } });
		expect(result.error.message).toBe('Restrict Content Pro error 401: The provided password is an invalid application password. (incorrect_password) [item 0]');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.description).toMatch(/rejected the application password for this user/);
		expectNoSecrets(result, user);
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('401 unknown user', async () => {
		const result = await ctx.run({ operation: 'get', paymentId: byId('5') }, { credentials: { user: { username: 'nobody', password: 'abcd efgh' } } });
		expect(result.error.message).toBe('Restrict Content Pro error 401: Unknown username. Check again or try your email address. (invalid_username) [item 0]');
		expect(result.error.description).toMatch(/no user with this name/);
	});

	test('401 rest_forbidden = the login is missing altogether (e.g. the host strips the Authorization header)', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 1 }, { credentials: { variant: 'strip-auth' } });
		expect(result.error.message).toBe('Restrict Content Pro error 401: Sorry, you are not allowed to do that. (rest_forbidden) [item 0]');
		expect(result.error.description).toMatch(/not logged in: the login is missing, not just a permission/);
		expect(result.error.description).toMatch(/stripping the Authorization header/);
		expect(result.error.description).not.toMatch(/lacks the capability/);
	});

	test('403 rest_forbidden = logged in, capability missing; the read-only bookkeeper may read but not write', async () => {
		const denied = await ctx.run({ operation: 'getAll', returnAll: false, limit: 1 }, { credentials: { user: EDITOR } });
		expect(denied.error.message).toBe('Restrict Content Pro error 403: Sorry, you are not allowed to do that. (rest_forbidden) [item 0]');
		expect(denied.error.httpCode).toBe('403');
		expect(denied.error.description).toMatch(/The login works, but this WordPress user lacks the capability/);
		expect(denied.error.description).not.toMatch(/not logged in/);

		const read = await ctx.run({ operation: 'get', paymentId: byId('5') }, { credentials: { user: BOOKKEEPER } });
		expect(read.error).toBeUndefined();
		const write = await ctx.run({ operation: 'update', paymentId: byId('5'), updateFields: { status: 'failed' } }, { credentials: { user: BOOKKEEPER } });
		expect(write.error.message).toBe('Restrict Content Pro error 403: Sorry, you are not allowed to do that. (rest_forbidden) [item 0]');
		expect(write.error.description).toMatch(/rcp_manage_payments/);
		expectNoSecrets(write, BOOKKEEPER);
	});

	test('404 rest_no_route: the REST add-on is missing or the URL style is wrong', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: true }, { credentials: { variant: 'no-addon' } });
		expect(result.error.message).toBe('Restrict Content Pro error 404: No route was found matching the URL and request method. (rest_no_route) [item 0]');
		expect(result.error.description).toMatch(/"REST API" add-on is not active, or the credential's URL Style/);
	});

	test('a site without pretty permalinks answers /wp-json/ with an HTML page: said so, with the fix', async () => {
		const result = await ctx.run({ operation: 'get', paymentId: byId('5') }, { credentials: { variant: 'plain' } });
		expect(result.error.message).toBe('Restrict Content Pro error 404: HTML page instead of a REST API answer ("Page not found") [item 0]');
		expect(result.error.description).toMatch(/Plain Permalinks \(\?rest_route=\)/);
	});

	test('400 rest_invalid_param: each parameter\'s problem is listed', async () => {
		await ctx.client.fault({
			provider: PROVIDER,
			path: '/payments/new',
			status: 400,
			body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): amount', data: { status: 400, params: { amount: 'amount is not of type number.' } } },
		});
		const result = await ctx.run({ operation: 'create', userId: '12', amount: 5, level: rl('name', 'Bronze') });
		expect(result.error.message).toBe('Restrict Content Pro error 400: Invalid parameter(s): amount (rest_invalid_param) [item 0]');
		expect(result.error.description).toMatch(/^Restrict Content Pro rejected the request as invalid[^\n]*\namount: amount is not of type number\./);
	});

	test('a 200 page that is not JSON (a cache or security plugin answering) is not taken for an empty list', async () => {
		await ctx.client.fault({ provider: PROVIDER, status: 200, body: '<html><head><title>Just a moment...</title></head></html>', headers: { 'content-type': 'text/html' } });
		const result = await ctx.run({ operation: 'getAll', returnAll: true });
		expect(result.error.message).toBe('Restrict Content Pro answered with something that is not a list of payments [item 0]');
		expect(result.error.description).toMatch(/Just a moment/);
	});
});

describe('retries and rate limits (hosts, CDNs and security plugins)', () => {
	test('429 with Retry-After is waited out, then succeeds', async () => {
		await ctx.client.fault({ provider: PROVIDER, path: '/payments', status: 429, retryAfter: 1, times: 2 });
		const started = Date.now();
		const result = await ctx.run({ operation: 'get', paymentId: byId('5'), requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe('5');
		const requests = await ctx.requests();
		expect(requests.map((r) => r.status)).toEqual([429, 429, 200]);
		const at = requests.map((r) => Date.parse(r.at));
		expect(Math.min(at[1] - at[0], at[2] - at[1])).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	test('a rate limiter with Retry-After: every item still succeeds', async () => {
		await ctx.client.rateLimit({ provider: PROVIDER, limit: 2, windowMs: 1000, retryAfter: 'auto' });
		const result = await ctx.run(
			{ operation: 'get', paymentId: byId('={{ $json.id }}'), requestOptions: { ...fast, requestsPerSecond: 50, concurrency: 4 } },
			{ input: [1, 2, 3, 4, 5].map((id) => ({ json: { id } })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual(['1', '2', '3', '4', '5']);
		const requests = await ctx.requests();
		expect(requests.filter((r) => r.status === 200)).toHaveLength(5);
		expect(requests.some((r) => r.status === 429)).toBe(true);
	});

	test('429 asking for longer than Max Retry Wait fails at once, saying so', async () => {
		await ctx.client.fault({ provider: PROVIDER, status: 429, retryAfter: 120 });
		const result = await ctx.run({ operation: 'get', paymentId: byId('5'), requestOptions: fast });
		expect(result.error.message).toBe('Restrict Content Pro error 429: Too many requests. Please slow down. (too_many_requests) [item 0]');
		expect(result.error.description).toMatch(/asked to wait 120 s .*Max Retry Wait/);
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('503 in the middle of Return All: that page is retried and no payment is lost', async () => {
		// faults are used up first-in first-out: a pass-through (delay only) for page 1, then a 503 for page 2
		await ctx.client.fault({ provider: PROVIDER, path: '/payments', delayMs: 0 });
		await ctx.client.fault({ provider: PROVIDER, path: '/payments', status: 503, retryAfter: 0 });
		const result = await ctx.run({ operation: 'getAll', returnAll: true, options: { pageSize: 25 }, requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(60);
		expect((await ctx.requests()).map((r) => [r.rawQuery.replace(/^.*offset=/, ''), r.status])).toEqual([
			['0', 200],
			['25', 503],
			['25', 200],
			['50', 200],
		]);
	});

	test('5xx then success on a read: retried with backoff', async () => {
		await ctx.client.fault({ provider: PROVIDER, status: 502, times: 1 });
		await ctx.client.fault({ provider: PROVIDER, status: 504, times: 1 });
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 2, requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect((await ctx.requests()).map((r) => r.status)).toEqual([502, 504, 200]);
	});

	test('Create is never repeated blindly: not after a 502, not after a dropped connection; a 429 is repeated', async () => {
		const before = ctx.state.payments.length;
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/new', status: 502 });
		const bad = await ctx.run({ operation: 'create', userId: '12', amount: 5, level: rl('name', 'Bronze'), requestOptions: fast });
		expect(bad.error.httpCode).toBe('502');
		expect(await ctx.requests()).toHaveLength(1);

		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/new', drop: true });
		const dropped = await ctx.run({ operation: 'create', userId: '12', amount: 5, level: rl('name', 'Bronze'), requestOptions: fast });
		expect(dropped.error.message).toMatch(/^Could not get an answer from Restrict Content Pro: .* \[item 0\]$/);
		expect(dropped.error.description).toMatch(/may or may not have been carried out/);
		expect(await ctx.requests()).toHaveLength(1);

		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/new', status: 429, retryAfter: 0 });
		const ok = await ctx.run({ operation: 'create', userId: '12', amount: 5, level: rl('name', 'Bronze'), requestOptions: fast });
		expect(ok.error).toBeUndefined();
		expect((await ctx.requests()).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 429', 'POST 200', 'GET 200']);
		expect((await ctx.payments()).length).toBe(before + 1);
	});

	test('Update and Delete are retried after a 503 (repeating them is harmless)', async () => {
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/update/', status: 503, retryAfter: 0 });
		const upd = await ctx.run({ operation: 'update', paymentId: byId('5'), updateFields: { status: 'abandoned' }, requestOptions: fast });
		expect(upd.error).toBeUndefined();
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/delete', status: 503, retryAfter: 0 });
		const del = await ctx.run({ operation: 'delete', paymentId: byId('5'), requestOptions: fast });
		expect(del.items[0].json).toEqual({ deleted: true, id: '5' });
		expect((await ctx.requests()).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 503', 'POST 200', 'GET 200', 'GET 200', 'DELETE 503', 'DELETE 200']);
	});
});

describe('items', () => {
	test('continue on fail: one bad item among good ones becomes an error item, paired, in place', async () => {
		const result = await ctx.run(
			{ operation: 'get', paymentId: byId('={{ $json.id }}') },
			{ input: [{ json: { id: 5 } }, { json: { id: 999 } }, { json: { id: 'x/y' } }, { json: { id: 6 } }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(result.items[0].json.id).toBe('5');
		expect(result.items[1].json).toMatchObject({ error: 'Restrict Content Pro error 404: Invalid payment ID. (rcp_invalid_payment) [item 1]', itemIndex: 1, httpCode: '404' });
		expect(result.items[2].json).toMatchObject({ error: 'Payment: "x/y" is not a valid ID (it contains spaces, slashes or URL characters) [item 2]', itemIndex: 2 });
		expect(result.items[3].json.id).toBe('6');
	});

	test('without continue on fail the first failing item stops the node and is named', async () => {
		const result = await ctx.run({ operation: 'get', paymentId: byId('={{ $json.id }}'), requestOptions: { concurrency: 1 } }, { input: [{ json: { id: 5 } }, { json: { id: 999 } }, { json: { id: 6 } }] });
		expect(result.error.message).toBe('Restrict Content Pro error 404: Invalid payment ID. (rcp_invalid_payment) [item 1]');
		expect(result.error.context.itemIndex).toBe(1);
	});

	test('a failing level lookup shared by several items is reported for each item', async () => {
		const result = await ctx.run(
			{ operation: 'create', userId: '={{ $json.u }}', amount: 5, level: rl('id', '42'), requestOptions: { concurrency: 3 } },
			{ input: [{ json: { u: 10 } }, { json: { u: 11 } }, { json: { u: 12 } }], continueOnFail: true },
		);
		expect(result.items.map((i) => i.json.error)).toEqual([0, 1, 2].map((n) => `Restrict Content Pro error 404: Invalid membership level ID. (rcp_invalid_level) [item ${n}]`));
		expect((await ctx.requests()).every((r) => r.method === 'GET')).toBe(true);
	});
});

describe('TLS: "Ignore SSL Issues" for staging sites with a self-signed certificate', () => {
	let proxy;
	let dir;
	const haveOpenssl = (() => {
		try {
			execFileSync('openssl', ['version'], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	})();

	beforeAll(async () => {
		if (!haveOpenssl) return;
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-tls-'));
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
		const target = new URL(ctx.emulator.url);
		const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
			const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
				res.writeHead(up.statusCode, up.headers);
				up.pipe(res);
			});
			req.pipe(upstream);
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		proxy = { server, url: `https://127.0.0.1:${server.address().port}/rcp` };
	});
	afterAll(async () => {
		if (proxy) await new Promise((resolve) => proxy.server.close(resolve));
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	(haveOpenssl ? test : test.skip)('refused by default, accepted with the option (node and credential test)', async () => {
		const strict = await ctx.run({ operation: 'get', paymentId: byId('5'), requestOptions: fast }, { credentials: { url: proxy.url } });
		expect(strict.error.message).toMatch(/^Could not get an answer from Restrict Content Pro: .* \[item 0\]$/);
		expect(`${strict.error.message} ${strict.error.description}`).toMatch(/certificate/i);
		expect(await ctx.requests()).toHaveLength(0);

		const relaxed = await ctx.run({ operation: 'get', paymentId: byId('5') }, { credentials: { url: proxy.url, ignoreSslIssues: true } });
		expect(relaxed.error).toBeUndefined();
		expect(relaxed.items[0].json.id).toBe('5');

		expect((await credTest({ url: proxy.url })).status).toBe('Error');
		expect((await credTest({ url: proxy.url, ignoreSslIssues: true })).status).toBe('OK');
	});
});
