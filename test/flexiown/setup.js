'use strict';
// Shared fixture for the Flexiown suites: one emulator per file, fresh state per test.
const { testCredential } = require('../harness');
const { providerFixture } = require('../support/emulator');
const { apiKeyCredentials } = require('../support/credentials');
const { nodeRunner } = require('../support/run');

// DIST_DIR lets a run use a private build while other packages rebuild dist/ (default: dist).
const DIST = process.env.DIST_DIR || 'dist';
const NODE = `${DIST}/nodes/Flexiown/Flexiown.node.js`;
const CREDENTIAL_TYPES = [`${DIST}/credentials/FlexiownApi.credentials.js`];
const API_KEY = 'fo_emulator_demo_key_7c1e4a9b2d';
const run = nodeRunner(NODE, CREDENTIAL_TYPES);

function flexiownFixture() {
	const ctx = providerFixture('flexiown');
	ctx.baseUrl = () => `${ctx.emulator.url}/flexiown/api`;
	/** Credential data; `extra` overrides fields (environment, versionPrefix, keyInStatusBody, …). */
	ctx.credentials = (apiKey = API_KEY, extra = {}) => apiKeyCredentials('flexiownApi', { apiKey, baseUrl: ctx.baseUrl(), ...extra });
	ctx.payment = (id) => ctx.state.payments.find((p) => p.id === id);
	/** Live state (after the node ran). */
	ctx.livePayment = async (id) => (await ctx.client.state('flexiown')).payments.find((p) => p.id === id);
	/** Runs the Flexiown node inside n8n's execution engine against the emulator. */
	ctx.run = async (parameters, options = {}) => await run(parameters, ctx.credentials(options.apiKey, options.credential), options);
	ctx.testCredential = async (apiKey = API_KEY, extra = {}) =>
		await testCredential({ credentialTypes: CREDENTIAL_TYPES, type: 'flexiownApi', data: ctx.credentials(apiKey, extra).flexiownApi });
	/** Parameters of Payment → Update Status for a seeded payment (trust values as stored). */
	ctx.updateParams = (id, extra = {}) => {
		const p = ctx.payment(id);
		return {
			resource: 'payment',
			operation: 'updateStatus',
			paymentId: id,
			status: 'completed',
			trustSeed: p.trustSeed,
			trustValueSource: 'value',
			trustValue: p.trustValue,
			...extra,
		};
	};
	return ctx;
}

/** Everything a run exposes to a user or an operator: output items, the error and the log lines. */
function visibleText(result) {
	const error = result.error
		? JSON.stringify({ message: result.error.message, description: result.error.description, context: result.error.context, cause: result.error.cause, errorResponse: result.error.errorResponse, messages: result.error.messages })
		: '';
	// The node's own run data only: the input node legitimately carries the stored trust values.
	const ownRun = result.node ? result.runData[result.node.name] : result.runData;
	return [JSON.stringify(result.items), error, JSON.stringify(ownRun), (result.logs || []).join('\n')].join('\n');
}

module.exports = { flexiownFixture, visibleText, API_KEY, NODE, CREDENTIAL_TYPES };
