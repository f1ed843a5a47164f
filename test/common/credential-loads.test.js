'use strict';
// n8n loads a node's credential again for every request sent through httpRequestWithAuthentication unless
// the request hands it over already decrypted (in n8n's server each load is a database read, a decryption and
// the resolution of the credential's expressions). The API-key providers read it once per execution, when
// the client is made, and hand that to every request (run/client.ts credentialFor). Constant Contact's
// OAuth2 credential is not handed over: n8n's OAuth2 path loads it itself, token refresh included.
const path = require('path');
const { runNode } = require('../harness');
const { vivenuFixture, byId: vivenuId, API_KEY: VIVENU_KEY } = require('../vivenu/setup');
const { fourvenuesFixture, byId: fourvenuesId } = require('../fourvenues/setup');
const { rcpFixture } = require('../restrict-content-pro/setup');
const { flexiownFixture } = require('../flexiown/setup');

const statuses = (requests) => requests.map((r) => r.status);

describe('vivenu: the credential is loaded once per execution', () => {
	const ctx = vivenuFixture();

	test('Get by ID for 20 items: 20 authenticated GETs, one load of the credential', async () => {
		const ids = ctx.state.transactions.slice(0, 20).map((t) => t._id);
		const result = await runNode({
			node: 'dist/nodes/Vivenu/Vivenu.node.js',
			credentialTypes: ['dist/credentials/VivenuApi.credentials.js'],
			credentials: ctx.credentials(),
			parameters: { resource: 'transaction', operation: 'get', transactionId: vivenuId('={{ $json.id }}') },
			input: ids.map((id) => ({ json: { id } })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json._id)).toEqual(ids);
		const requests = await ctx.requests();
		expect(requests.map((r) => r.providerPath).sort()).toEqual(ids.map((id) => `/api/transactions/${id}`).sort());
		expect(statuses(requests)).toEqual(ids.map(() => 200));
		expect(result.credentialLoads).toEqual({ vivenuApi: 1 });
	});

	test('Get Many over several pages: one load for all pages', async () => {
		// Pages of 1,000: the first, then the other two at once.
		await ctx.reset({ transactions: 2500 });
		const result = await ctx.run({ operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2500);
		expect(statuses(await ctx.requests())).toEqual([200, 200, 200]);
		expect(result.credentialLoads).toEqual({ vivenuApi: 1 });
	});

	test("the credential's authenticate still runs on every request: a wrong key is refused, the right one never leaks", async () => {
		const id = ctx.fixtures.completeTransactionId;
		const result = await ctx.run({ operation: 'get', transactionId: vivenuId(id) }, { apiKey: 'key_wrong' });
		expect(result.error.httpCode).toBe('401');
		expect(statuses(await ctx.requests())).toEqual([401]);
		expect(JSON.stringify(result.error)).not.toContain(VIVENU_KEY);
		expect(result.credentialLoads).toEqual({ vivenuApi: 1 });
	});
});

describe('Fourvenues: the credential is loaded once per execution', () => {
	const ctx = fourvenuesFixture();

	test('Payment Get for 5 items: 5 GETs, one load', async () => {
		const ids = ctx.state.payments.slice(0, 5).map((p) => p._id);
		const result = await runNode({
			node: 'dist/nodes/Fourvenues/Fourvenues.node.js',
			credentialTypes: ['dist/credentials/FourvenuesApi.credentials.js'],
			credentials: ctx.credentials(),
			parameters: { resource: 'payment', operation: 'get', paymentId: fourvenuesId('={{ $json.id }}') },
			input: ids.map((id) => ({ json: { id } })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(statuses(await ctx.requests())).toEqual(ids.map(() => 200));
		expect(result.credentialLoads).toEqual({ fourvenuesApi: 1 });
	});
});

describe('Restrict Content Pro: the credential is loaded once per execution', () => {
	const ctx = rcpFixture();

	test('Get Many over several pages: one load', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: true, options: { pageSize: 20 } });
		expect(result.error).toBeUndefined();
		expect((await ctx.requests()).length).toBeGreaterThanOrEqual(2);
		expect(statuses(await ctx.requests()).every((s) => s === 200)).toBe(true);
		expect(result.credentialLoads).toEqual({ restrictContentProApi: 1 });
	});
});

describe('Flexiown: the credential is loaded once per execution', () => {
	const ctx = flexiownFixture();

	test('Payment Get Status for 3 items: 3 GETs, one load', async () => {
		const ids = ctx.state.payments.slice(0, 3).map((p) => p.id);
		const result = await runNode({
			node: 'dist/nodes/Flexiown/Flexiown.node.js',
			credentialTypes: ['dist/credentials/FlexiownApi.credentials.js'],
			credentials: ctx.credentials(),
			parameters: { resource: 'payment', operation: 'getStatus', paymentId: '={{ $json.id }}' },
			input: ids.map((id) => ({ json: { id } })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(statuses(await ctx.requests())).toEqual(ids.map(() => 200));
		expect(result.credentialLoads).toEqual({ flexiownApi: 1 });
	});
});

describe('which credential types are handed over', () => {
	const load = (file) => {
		const mod = require(path.resolve(__dirname, '../../dist/credentials', file));
		return new (Object.values(mod)[0])();
	};

	test('the four API-key credentials authenticate with a function and have no preAuthentication; Constant Contact is OAuth2 and keeps n8n loading it', () => {
		for (const file of ['VivenuApi.credentials.js', 'FourvenuesApi.credentials.js', 'RestrictContentProApi.credentials.js', 'FlexiownApi.credentials.js']) {
			const type = load(file);
			expect([file, typeof type.authenticate, type.preAuthentication, type.extends]).toEqual([file, 'function', undefined, undefined]);
		}
		expect(load('ConstantContactOAuth2Api.credentials.js').extends).toEqual(['oAuth2Api']);
	});
});
