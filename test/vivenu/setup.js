'use strict';
// Shared fixture for the vivenu suites: one emulator per file, fresh state per test.
const { providerFixture } = require('../support/emulator');
const { apiKeyCredentials } = require('../support/credentials');
const { nodeRunner } = require('../support/run');

const NODE = 'dist/nodes/Vivenu/Vivenu.node.js';
const CREDENTIAL_TYPES = ['dist/credentials/VivenuApi.credentials.js'];
const API_KEY = 'key_emulator_vivenu_demo';
const run = nodeRunner(NODE, CREDENTIAL_TYPES);

function vivenuFixture() {
	const ctx = providerFixture('vivenu');
	ctx.baseUrl = () => `${ctx.emulator.url}/vivenu/api`;
	ctx.credentials = (apiKey = API_KEY) => apiKeyCredentials('vivenuApi', { apiKey, baseUrl: ctx.baseUrl() });
	/** Runs the vivenu node inside n8n's execution engine against the emulator. */
	ctx.run = async (parameters, options = {}) => await run({ resource: 'transaction', ...parameters }, ctx.credentials(options.apiKey), options);
	return ctx;
}

/** A resource-locator value "By ID". */
const byId = (value) => ({ __rl: true, mode: 'id', value });

module.exports = { vivenuFixture, byId, API_KEY, NODE, CREDENTIAL_TYPES };
