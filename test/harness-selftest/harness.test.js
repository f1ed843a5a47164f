'use strict';

/**
 * Self-test of test/harness: runs test-only nodes/credentials (./fixtures)
 * through n8n-core's WorkflowExecute against a loopback HTTP server.
 */

const path = require('node:path');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { runNode, testCredential, loadNodeType, fullTypeName } = require('../harness');
const { startDemoServer } = require('./fixtures/demo-server');

const FIX = 'test/harness-selftest/fixtures';
const DEMO_NODE = `${FIX}/Demo.node.js`;
const DECLARATIVE_NODE = `${FIX}/DemoDeclarative.node.js`;
const DEMO_API = `${FIX}/DemoApi.credentials.js`;
const DEMO_OAUTH2 = `${FIX}/DemoOAuth2Api.credentials.js`;
const DEMO_SESSION = `${FIX}/DemoSessionApi.credentials.js`;

let srv;
beforeAll(async () => {
	srv = await startDemoServer();
});
afterAll(async () => {
	await srv?.close();
});
beforeEach(() => {
	srv.requests.length = 0;
});

const apiKeyRun = (overrides = {}) => ({
	node: DEMO_NODE,
	parameters: { itemId: '={{ $json.id }}', note: '={{ $json.id.toUpperCase() }}-{{ $itemIndex }}' },
	credentials: { demoApi: { apiKey: 'key_ok', baseUrl: `${srv.baseUrl}/api` } },
	credentialTypes: [DEMO_API],
	...overrides,
});

describe('loading', () => {
	test('loadNodeType loads a compiled node by repo-relative path, class or instance', () => {
		const byPath = loadNodeType(DEMO_NODE);
		expect(byPath.description.name).toBe('demo');
		const { Demo } = require(path.resolve(__dirname, 'fixtures/Demo.node.js'));
		expect(loadNodeType(Demo).description.name).toBe('demo');
		expect(loadNodeType(new Demo()).description.name).toBe('demo');
		expect(fullTypeName(byPath)).toBe('n8n-nodes-event-payments.demo');
	});
});

describe('programmatic node with generic credential authentication', () => {
	test('evaluates expressions per item, authenticates, pairs items', async () => {
		const result = await runNode({
			...apiKeyRun(),
			input: [{ json: { id: 'abc' } }, { json: { id: 'def' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toEqual([
			{
				json: { id: 'abc', name: 'Item abc', account: 'main', note: 'ABC-0', version: 2 },
				pairedItem: { item: 0 },
			},
			{
				json: { id: 'def', name: 'Item def', account: 'main', note: 'DEF-1', version: 2 },
				pairedItem: { item: 1 },
			},
		]);
		expect(result.outputs).toHaveLength(1);
		// authenticate.headers + authenticate.qs applied (qs value comes from a credential default)
		expect(srv.requests.map((r) => [r.path, r.headers.authorization, r.query.account])).toEqual([
			['/api/items/abc', 'Bearer key_ok', 'main'],
			['/api/items/def', 'Bearer key_ok', 'main'],
		]);
		// lifecycle hooks ran for both nodes
		expect(result.events.map((e) => `${e.event}:${e.nodeName ?? e.status}`)).toEqual([
			'nodeExecuteBefore:Input',
			'nodeExecuteAfter:Input',
			'nodeExecuteBefore:Demo',
			'nodeExecuteAfter:Demo',
			'workflowExecuteAfter:success',
		]);
		expect(result.runData.Demo[0].executionStatus).toBe('success');
	});

	test("expressions can reach upstream items through pairedItem ($('Input').item)", async () => {
		const result = await runNode({
			...apiKeyRun(),
			parameters: { itemId: '={{ $json.id }}', note: "={{ $('Input').item.json.tag }}/{{ $input.item.json.id }}" },
			input: [{ json: { id: 'a1', tag: 'first' } }, { json: { id: 'b2', tag: 'second' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.note)).toEqual(['first/a1', 'second/b2']);
	});

	test('typeVersion is honoured', async () => {
		const result = await runNode({ ...apiKeyRun(), typeVersion: 1, input: [{ json: { id: 'x' } }] });
		expect(result.items[0].json.version).toBe(1);
		expect(result.node.typeVersion).toBe(1);
	});

	test('credential data may contain expressions', async () => {
		const result = await runNode({
			...apiKeyRun({
				credentials: {
					demoApi: { apiKey: '={{ "key_" + "ok" }}', baseUrl: `${srv.baseUrl}/api`, account: 'acc-2' },
				},
			}),
			input: [{ json: { id: 'abc' } }],
		});
		expect(result.error).toBeUndefined();
		expect(srv.requests[0].headers.authorization).toBe('Bearer key_ok');
		expect(srv.requests[0].query.account).toBe('acc-2');
	});

	test('an API error stops the run and is returned with message, description, httpCode, itemIndex', async () => {
		const result = await runNode({
			...apiKeyRun(),
			input: [{ json: { id: 'abc' } }, { json: { id: 'missing' } }, { json: { id: 'def' } }],
		});
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toBeDefined();
		// the original error instance (not the serialised copy in the run data)
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.cause).toBeDefined();
		expect(result.error.message).toBe('The resource you are requesting could not be found');
		expect(result.error.description).toBe('Item not found');
		expect(String(result.error.httpCode)).toBe('404');
		expect(result.error.context.itemIndex).toBe(1);
		// the third item was never requested
		expect(srv.requests.map((r) => r.path)).toEqual(['/api/items/abc', '/api/items/missing']);
		expect(result.runData.Demo[0].executionStatus).toBe('error');
	});

	test('continueOnFail: the failing item carries the error, good items still flow, pairing intact', async () => {
		const result = await runNode({
			...apiKeyRun(),
			continueOnFail: true,
			input: [{ json: { id: 'abc' } }, { json: { id: 'missing' } }, { json: { id: 'def' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.node.onError).toBe('continueRegularOutput');
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.id).toBe('abc');
		expect(result.items[1].json).toEqual({ error: 'The resource you are requesting could not be found' });
		expect(result.items[2].json.id).toBe('def');
	});

	test('continueOnFail with a node that throws: n8n passes the input through; error in nodeError', async () => {
		// the Demo fixture handles continueOnFail per item itself ...
		const result = await runNode({
			...apiKeyRun(),
			continueOnFail: true,
			input: [{ json: { id: 'abc' } }, { json: { id: 'invalid' } }],
		});
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items[1].json.error).toBe('Item ID "invalid" is not allowed');

		// ... this one just throws
		const throwing = {
			description: {
				displayName: 'Thrower',
				name: 'thrower',
				group: ['transform'],
				version: 1,
				defaults: { name: 'Thrower' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [],
			},
			async execute() {
				throw new NodeOperationError(this.getNode(), 'always fails', { itemIndex: 0 });
			},
		};
		const passThrough = await runNode({ node: throwing, continueOnFail: true, input: [{ json: { a: 1 } }] });
		// n8n ends such a run (node under test is the last node) with status 'error'
		expect(passThrough.status).toBe('error');
		expect(passThrough.error).toBeUndefined();
		expect(passThrough.nodeError).toBeInstanceOf(NodeOperationError);
		expect(passThrough.items).toEqual([{ json: { a: 1 }, pairedItem: { item: 0 } }]);

		const stopped = await runNode({ node: throwing, input: [{ json: { a: 1 } }] });
		expect(stopped.status).toBe('error');
		expect(stopped.error).toBe(stopped.nodeError);
		expect(stopped.error.message).toBe('always fails');
	});

	test("onError 'continueErrorOutput' routes the failing item to the error output", async () => {
		const result = await runNode({
			...apiKeyRun(),
			onError: 'continueErrorOutput',
			input: [{ json: { id: 'abc' } }, { json: { id: 'missing' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(2);
		expect(result.outputs[0].map((i) => i.json.id)).toEqual(['abc']);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json).toMatchObject({ id: 'missing', error: expect.any(String) });
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
	});

	test('NodeOperationError keeps description and itemIndex', async () => {
		const result = await runNode({
			...apiKeyRun(),
			input: [{ json: { id: 'ok1' } }, { json: { id: 'invalid' } }],
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toBe('Item ID "invalid" is not allowed');
		expect(result.error.description).toBe('Pick another ID');
		expect(result.error.context.itemIndex).toBe(1);
	});

	test('missing required parameters surface as WorkflowHasIssuesError instead of throwing', async () => {
		const result = await runNode({ ...apiKeyRun(), parameters: {} });
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(/Parameter "Item ID" is required/);
		expect(srv.requests).toHaveLength(0);
	});

	test('wrong key: n8n-core re-authenticates once on 401, then fails with httpCode 401', async () => {
		const result = await runNode({
			...apiKeyRun({ credentials: { demoApi: { apiKey: 'key_bad', baseUrl: `${srv.baseUrl}/api` } } }),
			input: [{ json: { id: 'abc' } }],
		});
		expect(String(result.error.httpCode)).toBe('401');
		expect(result.error.context.itemIndex).toBe(0);
		// httpRequestWithAuthentication retries a 401 once after preAuthentication
		expect(srv.requests.map((r) => r.path)).toEqual(['/api/items/abc', '/api/items/abc']);
	});
});

describe('engine', () => {
	test('expressions run in the isolated-vm engine when its binary loads (Node 24), legacy otherwise', async () => {
		let ivm = true;
		try {
			require('isolated-vm');
		} catch {
			ivm = false;
		}
		const result = await runNode({ ...apiKeyRun(), input: [{ json: { id: 'abc' } }] });
		expect(result.expressionEngine).toBe(ivm ? 'vm' : 'legacy');
		if (ivm) expect(result.logs.some((l) => l.includes('[IsolatedVmBridge] Expression executed'))).toBe(true);
	});

	test('a node given as an instance; binary helpers work (in-memory binary data)', async () => {
		const inline = {
			description: {
				displayName: 'Inline Binary',
				name: 'inlineBinary',
				group: ['transform'],
				version: 1,
				defaults: { name: 'Inline Binary' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [{ displayName: 'Text', name: 'text', type: 'string', default: '' }],
			},
			async execute() {
				const items = this.getInputData();
				const out = [];
				for (let i = 0; i < items.length; i++) {
					const text = this.getNodeParameter('text', i);
					const binary = await this.helpers.prepareBinaryData(Buffer.from(text), 'x.txt', 'text/plain');
					const back = await this.helpers.getBinaryDataBuffer(i, 'in');
					out.push({ json: { echoed: back.toString() }, binary: { data: binary }, pairedItem: { item: i } });
				}
				return [out];
			},
		};
		const result = await runNode({
			node: inline,
			parameters: { text: '=hello {{ $json.n }}' },
			input: [
				{ json: { n: 1 }, binary: { in: { data: Buffer.from('one').toString('base64'), mimeType: 'text/plain' } } },
				{ json: { n: 2 }, binary: { in: { data: Buffer.from('two').toString('base64'), mimeType: 'text/plain' } } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.echoed)).toEqual(['one', 'two']);
		expect(Buffer.from(result.items[1].binary.data.data, 'base64').toString()).toBe('hello 2');
		expect(result.items[1].binary.data).toMatchObject({ fileName: 'x.txt', mimeType: 'text/plain' });
	});
});

describe('logs', () => {
	test('n8n-core and node logs are captured; secrets do not appear in them', async () => {
		const ok = await runNode({ ...apiKeyRun(), input: [{ json: { id: 'abc' } }] });
		expect(ok.logs.some((l) => l.includes('Demo fetched item abc'))).toBe(true);
		expect(ok.logs.some((l) => l.includes('Workflow execution finished successfully'))).toBe(true);

		const failed = await runNode({
			...apiKeyRun(),
			input: [{ json: { id: 'missing' } }],
		});
		expect(failed.logs.some((l) => l.includes('Workflow execution finished with error'))).toBe(true);
		for (const line of [...ok.logs, ...failed.logs]) expect(line).not.toContain('key_ok');
	});
});

describe('OAuth2 (credential extending oAuth2Api)', () => {
	test('expired access token: n8n-core refreshes, retries, and the rotated tokens are persisted', async () => {
		const result = await runNode({
			node: DEMO_NODE,
			parameters: { authentication: 'oAuth2', itemId: '={{ $json.id }}' },
			credentials: {
				demoOAuth2Api: {
					clientId: 'client_1',
					clientSecret: 'client_secret_1',
					accessTokenUrl: `${srv.baseUrl}/oauth/token`,
					baseUrl: `${srv.baseUrl}/api`,
					oauthTokenData: { access_token: 'access_expired', refresh_token: 'refresh_old', token_type: 'Bearer' },
				},
			},
			credentialTypes: [DEMO_OAUTH2],
			input: [{ json: { id: 'abc' } }, { json: { id: 'def' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual(['abc', 'def']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		expect(srv.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`.trim())).toEqual([
			'GET /api/items/abc Bearer access_expired',
			'POST /oauth/token',
			'GET /api/items/abc Bearer access_new',
			'GET /api/items/def Bearer access_new',
		]);
		const tokenRequest = Object.fromEntries(new URLSearchParams(srv.requests[1].body));
		expect(tokenRequest).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: 'refresh_old',
			// credential sets authentication: 'body'
			client_id: 'client_1',
			client_secret: 'client_secret_1',
		});

		expect(result.updatedCredentials.demoOAuth2Api.oauthTokenData).toMatchObject({
			access_token: 'access_new',
			refresh_token: 'refresh_new',
		});
		expect(result.updatedCredentials.demoOAuth2Api.clientId).toBe('client_1');
		for (const line of result.logs) {
			expect(line).not.toContain('client_secret_1');
			expect(line).not.toContain('refresh_new');
		}
	});

	test('client credentials grant: token fetched on first use and stored', async () => {
		const result = await runNode({
			node: DEMO_NODE,
			parameters: { authentication: 'oAuth2', itemId: 'abc' },
			credentials: {
				demoOAuth2Api: {
					grantType: 'clientCredentials',
					authentication: 'header',
					clientId: 'client_1',
					clientSecret: 'client_secret_1',
					accessTokenUrl: `${srv.baseUrl}/oauth/token`,
					baseUrl: `${srv.baseUrl}/api`,
				},
			},
			credentialTypes: [DEMO_OAUTH2],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe('abc');
		expect(srv.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth/token', 'GET /api/items/abc']);
		expect(srv.requests[0].headers.authorization).toMatch(/^Basic /);
		expect(result.updatedCredentials.demoOAuth2Api.oauthTokenData.access_token).toBe('access_new');
	});

	test('a refresh that is refused ends in an error', async () => {
		const result = await runNode({
			node: DEMO_NODE,
			parameters: { authentication: 'oAuth2', itemId: 'abc' },
			credentials: {
				demoOAuth2Api: {
					clientId: 'client_1',
					clientSecret: 'client_secret_1',
					accessTokenUrl: `${srv.baseUrl}/oauth/token`,
					baseUrl: `${srv.baseUrl}/api`,
					oauthTokenData: { access_token: 'access_expired', refresh_token: 'revoked', token_type: 'Bearer' },
				},
			},
			credentialTypes: [DEMO_OAUTH2],
		});
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(/reconnected/);
		expect(result.updatedCredentials).toBeUndefined();
	});

	test('testCredential without a test request: OAuth2 verdict from the stored token', async () => {
		const ok = await testCredential({
			credentialTypes: [DEMO_OAUTH2],
			type: 'demoOAuth2Api',
			data: { clientId: 'c', oauthTokenData: { access_token: 'a' } },
		});
		expect(ok.status).toBe('OK');
		const notConnected = await testCredential({
			credentialTypes: [DEMO_OAUTH2],
			type: 'demoOAuth2Api',
			data: { clientId: 'c' },
		});
		expect(notConnected.status).toBe('Error');
	});
});

describe('preAuthentication', () => {
	test('an empty expirable property is fetched first and persisted', async () => {
		const result = await runNode({
			node: DEMO_NODE,
			parameters: { authentication: 'session', itemId: 'abc' },
			credentials: {
				demoSessionApi: { username: 'ann', password: 'pw_secret', baseUrl: `${srv.baseUrl}/api` },
			},
			credentialTypes: [DEMO_SESSION],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe('abc');
		expect(srv.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/session', 'GET /api/items/abc']);
		expect(srv.requests[1].headers['x-session']).toBe('sess_1');
		expect(result.updatedCredentials.demoSessionApi).toMatchObject({ sessionToken: 'sess_1', username: 'ann' });
	});
});

describe('declarative node (RoutingNode)', () => {
	test('requestDefaults.baseURL from credentials, per-item routing, pairing', async () => {
		const result = await runNode({
			node: DECLARATIVE_NODE,
			parameters: { itemId: '={{ $json.id }}' },
			credentials: { demoApi: { apiKey: 'key_ok', baseUrl: `${srv.baseUrl}/api` } },
			credentialTypes: [DEMO_API],
			input: [{ json: { id: 'abc' } }, { json: { id: 'def' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.id, i.pairedItem])).toEqual([
			['abc', { item: 0 }],
			['def', { item: 1 }],
		]);
		expect(srv.requests.map((r) => r.headers.authorization)).toEqual(['Bearer key_ok', 'Bearer key_ok']);
	});

	test('errors carry itemIndex', async () => {
		const result = await runNode({
			node: DECLARATIVE_NODE,
			parameters: { itemId: '={{ $json.id }}' },
			credentials: { demoApi: { apiKey: 'key_ok', baseUrl: `${srv.baseUrl}/api` } },
			credentialTypes: [DEMO_API],
			input: [{ json: { id: 'abc' } }, { json: { id: 'missing' } }],
		});
		expect(result.error.name).toBe('NodeApiError');
		expect(String(result.error.httpCode)).toBe('404');
		expect(result.error.context.itemIndex).toBe(1);
	});
});

describe('testCredential', () => {
	const run = (apiKey) =>
		testCredential({
			credentialTypes: [DEMO_API],
			type: 'demoApi',
			data: { apiKey, baseUrl: `${srv.baseUrl}/api` },
		});

	test('OK when the test request succeeds (baseURL expression, authenticate applied)', async () => {
		const result = await run('key_ok');
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(srv.requests[0]).toMatchObject({ path: '/api/me', query: { account: 'main' } });
		expect(srv.requests[0].headers.authorization).toBe('Bearer key_ok');
	});

	test('responseSuccessBody rule', async () => {
		expect(await run('key_disabled')).toMatchObject({ status: 'Error', message: 'Account disabled' });
	});

	test('responseCode rule', async () => {
		expect(await run('key_forbidden')).toMatchObject({ status: 'Error', message: 'Key lacks permissions' });
	});

	test('other HTTP errors', async () => {
		expect(await run('nope')).toMatchObject({ status: 'Error', message: 'Unauthorized' });
	});

	test('unreachable host', async () => {
		const result = await testCredential({
			credentialTypes: [DEMO_API],
			type: 'demoApi',
			data: { apiKey: 'k', baseUrl: 'http://127.0.0.1:9/api' },
		});
		expect(result).toMatchObject({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
