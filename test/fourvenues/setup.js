'use strict';
// Shared fixture for the Fourvenues suites: one emulator per file, fresh state per test.
const { startEmulator, EmulatorClient } = require('../../emulators');
const { runNode } = require('../harness');

const NODE = 'dist/nodes/Fourvenues/Fourvenues.node.js';
const CREDENTIAL_TYPES = ['dist/credentials/FourvenuesApi.credentials.js'];
const API_KEY = 'sk_test_emulator_fourvenues_demo';

/** The seed document's example response of GET /payments/{id}, copied verbatim ({data, success}). */
const SEED_RESPONSE = require('./fixtures/seed-payment-response.json');

function fourvenuesFixture() {
	const ctx = { emulator: null, client: null, fixtures: null, state: null };
	beforeAll(async () => {
		ctx.emulator = await startEmulator({ port: 0 });
		ctx.client = new EmulatorClient(ctx.emulator.url);
	});
	afterAll(async () => {
		await ctx.emulator.close();
	});
	beforeEach(async () => {
		await ctx.reset();
	});
	/** Re-seeds (optionally with other sizes) and refreshes ctx.state / ctx.fixtures. */
	ctx.reset = async (size) => {
		await ctx.client.reset(size ? { size: { fourvenues: size } } : {});
		ctx.state = await ctx.client.state('fourvenues');
		ctx.fixtures = ctx.state.fixtures;
	};
	ctx.baseUrl = () => `${ctx.emulator.url}/fourvenues`;
	ctx.credentials = (apiKey = API_KEY) => ({ fourvenuesApi: { apiKey, environment: 'custom', baseUrl: ctx.baseUrl() } });
	ctx.requests = async () => await ctx.client.requests('fourvenues');
	/** Runs the Fourvenues node inside n8n's execution engine against the emulator. */
	ctx.run = async (parameters, { input, continueOnFail, apiKey } = {}) =>
		await runNode({
			node: NODE,
			parameters,
			credentials: ctx.credentials(apiKey),
			credentialTypes: CREDENTIAL_TYPES,
			input,
			continueOnFail,
		});
	ctx.payment = (id) => ctx.state.payments.find((p) => p._id === id);
	ctx.ticket = (id) => ctx.state.tickets.find((t) => t._id === id);
	return ctx;
}

/** Resource-locator values. */
const byId = (value) => ({ __rl: true, mode: 'id', value });
const fromList = (value) => ({ __rl: true, mode: 'list', value });
const bySlug = (value) => ({ __rl: true, mode: 'slug', value });
const json = (result) => result.items.map((item) => item.json);

module.exports = { fourvenuesFixture, byId, fromList, bySlug, json, API_KEY, NODE, CREDENTIAL_TYPES, SEED_RESPONSE };
