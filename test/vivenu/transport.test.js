'use strict';
// Transport guarantees of nodes/common (issue 11) through n8n's real request helper: redirects never
// carry the credential to another host nor turn a write into another method; every request has a timeout,
// and a write that timed out is never repeated.
const http = require('http');
const { vivenuFixture, byId, API_KEY } = require('./setup');

const ctx = vivenuFixture();
const fast = { maxRetryWaitSeconds: 1 };

/** A second loopback server standing for "another host": it records everything it receives. */
function otherHost() {
	const handle = { received: [] };
	beforeAll(async () => {
		handle.server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				handle.received.push({ method: req.method, url: req.url, headers: req.headers, body });
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ _id: 'stolen', status: 'COMPLETE' }));
			});
		});
		await new Promise((resolve) => handle.server.listen(0, '127.0.0.1', resolve));
		handle.url = `http://127.0.0.1:${handle.server.address().port}`;
		handle.host = `127.0.0.1:${handle.server.address().port}`;
	});
	beforeEach(() => {
		handle.received.length = 0;
	});
	afterAll(async () => {
		await new Promise((resolve) => handle.server.close(resolve));
	});
	return handle;
}

const other = otherHost();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('vivenu node inside n8n: redirects', () => {
	test('a 307 of a GET to another host is refused: nothing reaches that host, the error names the request and the host', async () => {
		const id = ctx.fixtures.completeTransactionId;
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', path: '/api/transactions/', status: 307, headers: { location: `${other.url}/collect?x=1` } });
		const result = await ctx.run({ operation: 'get', transactionId: byId(id), requestOptions: fast });
		expect(result.error.message).toBe(`vivenu redirected GET /vivenu/api/transactions/${id} to ${other.host}; the redirect was not followed [item 0]`);
		expect(result.error.description).toMatch(/another host .*credential is only ever sent to the host of the base URL/);
		expect(result.error.httpCode).toBe('307');
		expect(other.received).toEqual([]);
		const requests = await ctx.requests();
		expect(requests.map((r) => [r.method, r.providerPath, r.status])).toEqual([['GET', `/api/transactions/${id}`, 307]]);
		expect(JSON.stringify(result.error)).not.toContain(API_KEY);
	});

	test('a 302 of Complete (POST) to another host is refused: no GET of that URL, no answer taken for the completed transaction', async () => {
		const id = ctx.fixtures.newTransactionId;
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', status: 302, headers: { location: `${other.url}/api/transactions/${id}` } });
		const result = await ctx.run({ operation: 'complete', transactionId: byId(id), requestOptions: fast });
		expect(result.error.message).toBe(`vivenu redirected POST /vivenu/api/transactions/${id}/complete to ${other.host}; the redirect was not followed [item 0]`);
		expect(result.items ?? []).toEqual([]);
		expect(other.received).toEqual([]);
		// The POST, then the read-back of the transaction (a redirect of a write leaves its outcome unknown).
		expect((await ctx.requests()).map((r) => [r.method, r.status])).toEqual([['POST', 302], ['GET', 200]]);
	});

	test('a 307 of Complete within the same origin is refused too: a write is never re-sent by a redirect', async () => {
		const id = ctx.fixtures.newTransactionId;
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', status: 307, headers: { location: `${ctx.baseUrl()}/transactions/${id}/complete?again=1` } });
		const result = await ctx.run({ operation: 'complete', transactionId: byId(id), requestOptions: fast });
		expect(result.error.message).toMatch(/^vivenu redirected POST \/vivenu\/api\/transactions\/\w+\/complete to 127\.0\.0\.1:\d+; the redirect was not followed \[item 0\]$/);
		expect(result.error.description).toMatch(/Only reads \(GET\) follow a redirect/);
		expect((await ctx.requests()).map((r) => [r.method, r.status])).toEqual([['POST', 307], ['GET', 200]]);
	});

	test('a same-origin redirect of a GET is followed, once, with the credential', async () => {
		const id = ctx.fixtures.completeTransactionId;
		await ctx.client.fault({ provider: 'vivenu', path: '/api/moved/', status: 301, headers: { location: `/vivenu/api/transactions/${id}` } });
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', path: '/api/transactions/', status: 302, headers: { location: `${ctx.baseUrl()}/moved/${id}` } });
		const result = await ctx.run({ operation: 'get', transactionId: byId(id), requestOptions: fast });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json._id)).toEqual([id]);
		const requests = await ctx.requests();
		expect(requests.map((r) => [r.method, r.providerPath, r.status])).toEqual([
			['GET', `/api/transactions/${id}`, 302],
			['GET', `/api/moved/${id}`, 301],
			['GET', `/api/transactions/${id}`, 200],
		]);
		expect(requests.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
	});
});

describe('vivenu node inside n8n: timeouts', () => {
	test('a GET that gets no answer within the timeout is retried', async () => {
		const id = ctx.fixtures.completeTransactionId;
		const stallMs = 4000;
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', path: '/api/transactions/', delayMs: stallMs });
		const result = await ctx.run({ operation: 'get', transactionId: byId(id), requestOptions: { ...fast, timeoutSeconds: 1 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json._id)).toEqual([id]);
		const requests = await ctx.requests();
		expect(requests.map((r) => r.method)).toEqual(['GET', 'GET']);
		// The retry went out while the stalled request was still unanswered: the node gave up on it at its timeout
		// (the emulator's clock, not the test's, so a busy machine does not fail it).
		expect(Date.parse(requests[1].at) - Date.parse(requests[0].at)).toBeLessThan(stallMs);
		await sleep(stallMs - 500); // let the stalled request finish before the next test's reset
	});

	test('a Complete (POST) that times out is sent exactly once and fails saying its outcome is unknown', async () => {
		const id = ctx.fixtures.newTransactionId;
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', delayMs: 2500 });
		const result = await ctx.run({ operation: 'complete', transactionId: byId(id), requestOptions: { ...fast, timeoutSeconds: 1 } });
		expect(result.error.message).toBe('Could not get an answer from vivenu: no answer within 1 s, outcome unknown [item 0]');
		expect(result.error.description).toMatch(/^vivenu did not answer within 1 s \("Timeout" under Request Options\)\. The outcome is unknown/);
		await sleep(2000);
		const requests = await ctx.requests();
		// One POST; the read-back GET came before vivenu finished, so the outcome stays unknown.
		expect(requests.map((r) => [r.method, r.providerPath])).toEqual([['POST', `/api/transactions/${id}/complete`], ['GET', `/api/transactions/${id}`]]);
	});
});

describe('vivenu node inside n8n: base URL', () => {
	test('a base URL with a fragment is refused before anything is sent: "…/api#x" never completes via "/api"', async () => {
		const credentials = { vivenuApi: { ...ctx.credentials().vivenuApi, baseUrl: `${ctx.baseUrl()}#x` } };
		const { nodeRunner } = require('../support/run');
		const { NODE, CREDENTIAL_TYPES } = require('./setup');
		const result = await nodeRunner(NODE, CREDENTIAL_TYPES)(
			{ resource: 'transaction', operation: 'complete', transactionId: byId(ctx.fixtures.newTransactionId) },
			credentials,
			{},
		);
		expect(result.error.message).toMatch(/^The credential's "Base URL" contains a fragment \("#"\)/);
		expect(await ctx.requests()).toEqual([]);
	});
});

describe('vivenu node inside n8n: unexpected answers', () => {
	test('an HTML page on a 200 of Get is a clear error with the masked page, not a crash of the output shaping', async () => {
		const id = ctx.fixtures.completeTransactionId;
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', status: 200, body: `<html><body>Just a moment… ${API_KEY}</body></html>`, headers: { 'content-type': 'text/html' } });
		const result = await ctx.run({ operation: 'get', transactionId: byId(id), requestOptions: fast });
		expect(result.error.message).toBe(`vivenu answered GET /transactions/${id} with an HTML page instead of one JSON object (HTTP 200) [item 0]`);
		expect(result.error.description).toMatch(/Response: <html><body>Just a moment… \[redacted\]<\/body><\/html>/);
		expect(JSON.stringify(result.error)).not.toContain(API_KEY);
	});

	test('a JSON list where Get expects one transaction does not become several items', async () => {
		const id = ctx.fixtures.completeTransactionId;
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', status: 200, body: [{ _id: 'a' }, { _id: 'b' }] });
		const result = await ctx.run({ operation: 'get', transactionId: byId(id), requestOptions: fast });
		expect(result.error.message).toBe(`vivenu answered GET /transactions/${id} with a list of 2 entries instead of one JSON object (HTTP 200) [item 0]`);
		expect(result.items ?? []).toEqual([]);
	});

	test('an empty 200 to Complete, or plain text, names the request', async () => {
		const id = ctx.fixtures.newTransactionId;
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', status: 200, body: '' });
		const empty = await ctx.run({ operation: 'complete', transactionId: byId(id), requestOptions: fast });
		expect(empty.error.message).toBe(`vivenu answered POST /transactions/${id}/complete with an empty answer instead of one JSON object (HTTP 200) [item 0]`);
		await ctx.client.fault({ provider: 'vivenu', path: '/complete', status: 200, body: 'OK' });
		const text = await ctx.run({ operation: 'complete', transactionId: byId(id), requestOptions: fast });
		expect(text.error.message).toBe(`vivenu answered POST /transactions/${id}/complete with text that is not JSON instead of one JSON object (HTTP 200) [item 0]`);
		expect(text.error.description).toMatch(/Response: OK/);
		expect((await ctx.requests()).map((r) => r.method)).toEqual(['POST', 'GET', 'POST', 'GET']);
	});
});
