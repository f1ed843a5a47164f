'use strict';
// Shared set-up for the Constant Contact tests: the emulator in-process, the compiled node, and a
// credential that points every URL (API and OAuth2) at the emulator.
const { emulatorPerFile } = require('../support/emulator');
const { listSearch: runListSearch } = require('../support/list-search');
const { nodeRunner } = require('../support/run');
const C = require('../../emulators/providers/constant-contact/constants');

const PROVIDER = 'constant-contact';
// CC_DIST lets a developer test a private build (the shared dist/ is rebuilt by others).
const DIST = process.env.CC_DIST || 'dist';
const NODE = `${DIST}/nodes/ConstantContact/ConstantContact.node.js`;
const CREDENTIAL_TYPES = [`${DIST}/credentials/ConstantContactOAuth2Api.credentials.js`];

function credentialData(emu, { accessToken = C.DEMO_ACCESS_TOKEN, refreshToken = C.DEMO_REFRESH_TOKEN, clientId = C.DEMO_CLIENT_ID, clientSecret = C.DEMO_CLIENT_SECRET, expiresIn = 86400 } = {}) {
	return {
		clientId,
		clientSecret,
		baseUrl: `${emu.url}/constant-contact/v3`,
		authUrl: `${emu.url}/constant-contact/oauth2/default/v1/authorize`,
		accessTokenUrl: `${emu.url}/constant-contact/oauth2/default/v1/token`,
		oauthTokenData: {
			token_type: 'Bearer',
			access_token: accessToken,
			refresh_token: refreshToken,
			expires_in: expiresIn,
			scope: 'campaign_data offline_access',
		},
	};
}

const runConstantContact = nodeRunner(NODE, CREDENTIAL_TYPES);

/** Runs the node against the emulator. */
async function run(emu, parameters, { input = [{ json: {} }], continueOnFail = false, credential = {} } = {}) {
	return await runConstantContact(parameters, { constantContactOAuth2Api: credentialData(emu, credential) }, { input, continueOnFail });
}

/** Runs one of the node's "From list" searches against the emulator, the way the editor does. */
async function listSearch(emu, method, { parameters, filter, paginationToken } = {}) {
	const credentials = { constantContactOAuth2Api: credentialData(emu) };
	return await runListSearch({ node: NODE, credentialTypes: CREDENTIAL_TYPES, credentials, method, parameters, filter, paginationToken });
}

/** Requests the emulator logged for Constant Contact, as "METHOD /path?query". */
function lines(emu, filter = () => true) {
	return emu.emulator.log
		.list({ provider: PROVIDER })
		.filter(filter)
		.map((e) => `${e.method} ${e.providerPath}${e.rawQuery ? `?${e.rawQuery}` : ''}`);
}

function logged(emu) {
	return emu.emulator.log.list({ provider: PROVIDER });
}

function state(emu) {
	return emu.state[PROVIDER];
}

/** Largest number of logged requests inside any window [t, t + 1000 ms). Timestamps are arrival times. */
function maxPerSecond(entries) {
	const times = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

/** Parameters of a bulk update of registrations of the seeded event's track, one ID per input item (`$json.id`). */
function bulkUpdateParams(emu, fields) {
	const { eventId, trackId } = state(emu).fixtures;
	return { resource: 'registration', eventId: rl(eventId), trackId: rl(trackId), registrationIds: '={{ $json.id }}', ...fields };
}

/** Every secret the tests hand to the node. */
const SECRETS = [C.DEMO_CLIENT_SECRET, C.DEMO_ACCESS_TOKEN, C.DEMO_REFRESH_TOKEN, C.EXPIRED_ACCESS_TOKEN, C.ROTATING_CLIENT_SECRET, C.ROTATING_REFRESH_TOKEN];

function expectNoSecrets(result, extra = []) {
	const text = JSON.stringify({ items: result.items, error: result.error && { message: result.error.message, description: result.error.description }, logs: result.logs });
	for (const secret of [...SECRETS, ...extra]) expect(text).not.toContain(secret);
}

module.exports = { C, PROVIDER, NODE, CREDENTIAL_TYPES, emulatorPerFile, run, listSearch, credentialData, lines, logged, state, maxPerSecond, rl, bulkUpdateParams, expectNoSecrets };

/** Bodies of the bulk PUTs the emulator received, in arrival order (only accepted or failed ones, not the retried copies). */
function puts(emu, suffix = '/payment_status') {
	return logged(emu).filter((e) => e.method === 'PUT' && e.providerPath.endsWith(suffix));
}

/** Registrations as the emulator holds them, by ID. */
function registrationsById(emu) {
	return new Map(state(emu).registrations.map((r) => [r.registration_id, r]));
}

/** An input item per registration ID: { json: { id } }. */
const itemsOf = (ids) => ids.map((id) => ({ json: { id } }));

module.exports.puts = puts;
module.exports.registrationsById = registrationsById;
module.exports.itemsOf = itemsOf;

/** One output item per ID (one ID per input item), each paired and reporting its registration marked Paid. */
function expectMarkedPaid(emu, items, ids) {
	const { eventId, trackId } = state(emu).fixtures;
	expect(items).toHaveLength(ids.length);
	items.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json).toEqual({
			outcome: 'updated',
			updated: true,
			eventId,
			trackId,
			paymentStatus: 'Paid',
			registrationIds: [ids[i]],
			updatedRegistrationIds: [ids[i]],
			failedRegistrationIds: [],
			httpCode: 200,
			note: expect.stringMatching(/silently skips free registrations/),
		});
	});
}

module.exports.expectMarkedPaid = expectMarkedPaid;
