'use strict';
// Shared fixture for the Restrict Content Pro suites: one emulator (only the RCP module) per file,
// fresh seeded state per test, helpers to run the node / its list searches inside n8n-core.
const { Workflow } = require('n8n-workflow');
const { LoadOptionsContext } = require('n8n-core');
const { startEmulator, EmulatorClient } = require('../../emulators');
const rcpModule = require('../../emulators/providers/restrict-content-pro');
const { runNode } = require('../harness');
const setup = require('../harness/setup');
const { HarnessCredentialsHelper, CredentialTypeRegistry } = require('../harness/credentials-helper');
const { builtinCredentialTypes } = require('../harness/builtin-credentials');
const { loadNodeType, loadCredentialTypes, fullTypeName, HarnessNodeTypes, INPUT_NODE_TYPE, createInputNodeType } = require('../harness/node-types');

const PROVIDER = 'restrict-content-pro';
const NODE = 'dist/nodes/RestrictContentPro/RestrictContentPro.node.js';
const CREDENTIAL_TYPES = ['dist/credentials/RestrictContentProApi.credentials.js'];
const ADMIN = { username: 'admin', password: 'Rcp1 Emu2 Adm3 InX4 Pa55 W0rd' };
const BOOKKEEPER = { username: 'bookkeeper', password: 'Book Keep Er12 View Only 0042' };
const EDITOR = { username: 'editor', password: 'Edit Or00 NoRc pCap 5000 0000' };

function rcpFixture() {
	const ctx = { emulator: null, client: null, fixtures: null, state: null };
	beforeAll(async () => {
		ctx.emulator = await startEmulator({ port: 0, providers: [rcpModule] });
		ctx.client = new EmulatorClient(ctx.emulator.url);
	});
	afterAll(async () => {
		await ctx.emulator.close();
	});
	beforeEach(async () => {
		await ctx.client.reset({});
		ctx.state = await ctx.client.state(PROVIDER);
		ctx.fixtures = ctx.state.fixtures;
	});
	/** Site URL of the emulated WordPress site (variant: 'plain' | 'no-addon' | 'strip-auth'). */
	ctx.site = (variant) => `${ctx.emulator.url}/rcp${variant ? `/${variant}` : ''}`;
	ctx.credentials = ({ user = ADMIN, urlStyle = 'wpJson', variant, url, ...rest } = {}) => ({
		restrictContentProApi: { url: url ?? ctx.site(variant), username: user.username, password: user.password, urlStyle, ...rest },
	});
	ctx.requests = async () => await ctx.client.requests(PROVIDER);
	/** The live payments table of the emulator. */
	ctx.payments = async () => (await ctx.client.state(PROVIDER)).payments;
	/** Runs the node inside n8n's execution engine against the emulator. */
	ctx.run = async (parameters, { input, continueOnFail, credentials } = {}) =>
		await runNode({
			node: NODE,
			parameters: { resource: 'payment', ...parameters },
			credentials: ctx.credentials(credentials),
			credentialTypes: CREDENTIAL_TYPES,
			input,
			continueOnFail,
		});
	ctx.listSearch = async (method, { filter, paginationToken, credentials } = {}) =>
		await runListSearch(method, ctx.credentials(credentials), filter, paginationToken);
	return ctx;
}

/**
 * Calls a node's listSearch method the way the editor does: n8n-core's LoadOptionsContext, the harness's
 * credentials helper, real request helpers (httpRequestWithAuthentication).
 */
async function runListSearch(method, credentials, filter, paginationToken) {
	await setup.ensureSetup();
	const nodeType = loadNodeType(NODE);
	const type = fullTypeName(nodeType);
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(INPUT_NODE_TYPE, createInputNodeType(() => []));
	nodeTypes.add(type, nodeType);
	const registry = new CredentialTypeRegistry(builtinCredentialTypes());
	for (const t of loadCredentialTypes(CREDENTIAL_TYPES)) registry.add(t);
	const credentialsHelper = new HarnessCredentialsHelper(registry, nodeTypes, INPUT_NODE_TYPE);
	const nodeCredentials = {};
	for (const [credType, data] of Object.entries(credentials)) nodeCredentials[credType] = credentialsHelper.setCredential(credType, data);
	const node = {
		id: 'rcp-node',
		name: 'Restrict Content Pro',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'payment', operation: 'get' },
		credentials: nodeCredentials,
	};
	const workflow = new Workflow({ id: 'list-search', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { credentialsHelper, currentNodeParameters: node.parameters, variables: {}, executionId: undefined, restApiUrl: 'http://localhost:5678/rest' };
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.paymentId');
	const fn = nodeType.methods.listSearch[method];
	await workflow.expression.acquireIsolate();
	try {
		return await fn.call(context, filter, paginationToken);
	} finally {
		await workflow.expression.releaseIsolate();
	}
}

/** A resource-locator value. */
const rl = (mode, value) => ({ __rl: true, mode, value });
const byId = (value) => rl('id', value);

module.exports = { rcpFixture, rl, byId, PROVIDER, NODE, CREDENTIAL_TYPES, ADMIN, BOOKKEEPER, EDITOR };
