'use strict';
// Shared fixture for the Fourvenues suites: one emulator per file, fresh state per test.
const { providerFixture } = require('../support/emulator');
const { apiKeyCredentials } = require('../support/credentials');
const { nodeRunner } = require('../support/run');
const { listSearch } = require('../support/list-search');

const NODE = 'dist/nodes/Fourvenues/Fourvenues.node.js';
const CREDENTIAL_TYPES = ['dist/credentials/FourvenuesApi.credentials.js'];
const API_KEY = 'sk_test_emulator_fourvenues_demo';
const run = nodeRunner(NODE, CREDENTIAL_TYPES);

/** The seed document's example response of GET /payments/{id}, copied verbatim ({data, success}). */
const SEED_RESPONSE = require('./fixtures/seed-payment-response.json');

function fourvenuesFixture() {
	const ctx = providerFixture('fourvenues');
	ctx.baseUrl = () => `${ctx.emulator.url}/fourvenues`;
	ctx.credentials = (apiKey = API_KEY) => apiKeyCredentials('fourvenuesApi', { apiKey, baseUrl: ctx.baseUrl() });
	/** Runs the Fourvenues node inside n8n's execution engine against the emulator. */
	ctx.run = async (parameters, options = {}) => await run(parameters, ctx.credentials(options.apiKey), options);
	/** Runs one of the node's "From list" searches the way the editor does. */
	ctx.listSearch = async (method, { filter, paginationToken } = {}) =>
		await listSearch({ node: NODE, credentialTypes: CREDENTIAL_TYPES, credentials: ctx.credentials(), method, filter, paginationToken });
	ctx.payment = (id) => ctx.state.payments.find((p) => p._id === id);
	ctx.ticket = (id) => ctx.state.tickets.find((t) => t._id === id);
	return ctx;
}

/** Resource-locator values. */
const byId = (value) => ({ __rl: true, mode: 'id', value });
const fromList = (value) => ({ __rl: true, mode: 'list', value });
const bySlug = (value) => ({ __rl: true, mode: 'slug', value });
const json = (result) => result.items.map((item) => item.json);

/** The Fourvenues Trigger in the trigger harness (test/harness/trigger.js), both event types by default. */
const TRIGGER = 'dist/nodes/Fourvenues/FourvenuesTrigger.node.js';
async function fourvenuesTrigger(ctx, parameters = {}) {
	const { triggerHarness } = require('../harness/trigger');
	return await triggerHarness({
		node: TRIGGER,
		parameters: { events: ['payment.success', 'ticket.request_refund'], ...parameters },
		credentials: ctx.credentials(),
		credentialTypes: CREDENTIAL_TYPES,
	});
}

module.exports = { fourvenuesTrigger, fourvenuesFixture, byId, fromList, bySlug, json, API_KEY, NODE, CREDENTIAL_TYPES, SEED_RESPONSE };
