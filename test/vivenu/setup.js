'use strict';
// Shared fixture for the vivenu suites: one emulator per file, fresh state per test.
const { startEmulator, EmulatorClient } = require('../../emulators');
const { runNode } = require('../harness');

const NODE = 'dist/nodes/Vivenu/Vivenu.node.js';
const CREDENTIAL_TYPES = ['dist/credentials/VivenuApi.credentials.js'];
const API_KEY = 'key_emulator_vivenu_demo';

function vivenuFixture() {
	const ctx = { emulator: null, client: null, fixtures: null, state: null };
	beforeAll(async () => {
		ctx.emulator = await startEmulator({ port: 0 });
		ctx.client = new EmulatorClient(ctx.emulator.url);
	});
	afterAll(async () => {
		await ctx.emulator.close();
	});
	beforeEach(async () => {
		await ctx.client.reset({});
		ctx.state = await ctx.client.state('vivenu');
		ctx.fixtures = ctx.state.fixtures;
	});
	ctx.baseUrl = () => `${ctx.emulator.url}/vivenu/api`;
	ctx.credentials = (apiKey = API_KEY) => ({ vivenuApi: { apiKey, environment: 'custom', baseUrl: ctx.baseUrl() } });
	ctx.requests = async () => await ctx.client.requests('vivenu');
	/** Runs the vivenu node inside n8n's execution engine against the emulator. */
	ctx.run = async (parameters, { input, continueOnFail, apiKey } = {}) =>
		await runNode({
			node: NODE,
			parameters: { resource: 'transaction', ...parameters },
			credentials: ctx.credentials(apiKey),
			credentialTypes: CREDENTIAL_TYPES,
			input,
			continueOnFail,
		});
	return ctx;
}

/** A resource-locator value "By ID". */
const byId = (value) => ({ __rl: true, mode: 'id', value });

module.exports = { vivenuFixture, byId, API_KEY, NODE, CREDENTIAL_TYPES };
