'use strict';
// Shared fixture for the Restrict Content Pro suites: one emulator (only the RCP module) per file,
// fresh seeded state per test, helpers to run the node / its list searches inside n8n-core.
const rcpModule = require('../../emulators/providers/restrict-content-pro');
const { providerFixture } = require('../support/emulator');
const { listSearch } = require('../support/list-search');
const { nodeRunner } = require('../support/run');

const PROVIDER = 'restrict-content-pro';
const NODE = 'dist/nodes/RestrictContentPro/RestrictContentPro.node.js';
const CREDENTIAL_TYPES = ['dist/credentials/RestrictContentProApi.credentials.js'];
const ADMIN = { username: 'admin', password: 'Rcp1 Emu2 Adm3 InX4 Pa55 W0rd' };
const BOOKKEEPER = { username: 'bookkeeper', password: 'Book Keep Er12 View Only 0042' };
const EDITOR = { username: 'editor', password: 'Edit Or00 NoRc pCap 5000 0000' };
const run = nodeRunner(NODE, CREDENTIAL_TYPES);

function rcpFixture() {
	const ctx = providerFixture(PROVIDER, { providers: [rcpModule] });
	/** Site URL of the emulated WordPress site (variant: 'plain' | 'no-addon' | 'strip-auth'). */
	ctx.site = (variant) => `${ctx.emulator.url}/rcp${variant ? `/${variant}` : ''}`;
	ctx.credentials = ({ user = ADMIN, urlStyle = 'wpJson', variant, url, ...rest } = {}) => ({
		restrictContentProApi: { url: url ?? ctx.site(variant), username: user.username, password: user.password, urlStyle, ...rest },
	});
	/** The live payments table of the emulator. */
	ctx.payments = async () => (await ctx.client.state(PROVIDER)).payments;
	/** Runs the node inside n8n's execution engine against the emulator. */
	ctx.run = async (parameters, options = {}) => await run({ resource: 'payment', ...parameters }, ctx.credentials(options.credentials), options);
	/** Runs one of the node's "From list" searches the way the editor does. */
	ctx.listSearch = async (method, { filter, paginationToken, credentials } = {}) =>
		await listSearch({
			node: NODE,
			credentialTypes: CREDENTIAL_TYPES,
			credentials: ctx.credentials(credentials),
			method,
			parameters: { resource: 'payment', operation: 'get' },
			filter,
			paginationToken,
		});
	return ctx;
}

/** A resource-locator value. */
const rl = (mode, value) => ({ __rl: true, mode, value });
const byId = (value) => rl('id', value);

module.exports = { rcpFixture, rl, byId, PROVIDER, NODE, CREDENTIAL_TYPES, ADMIN, BOOKKEEPER, EDITOR };
