'use strict';
// vivenu provider module — mounted at /vivenu, so http://host:port/vivenu/api/... mirrors https://vivenu.com/api/...
// Provider facts: docs/providers/vivenu.md. See emulators/README.md for the provider module contract.
const C = require('./vivenu/constants');
const { createState } = require('./vivenu/seed');
const { errorResult, bearer } = require('./vivenu/common');
const transactions = require('./vivenu/transactions');
const account = require('./vivenu/account');
const webhooks = require('./vivenu/webhooks');
const { control } = require('./vivenu/control');

module.exports = {
	name: 'vivenu',
	prefix: '/vivenu',
	basePath: '/api',
	referenceDate: C.REFERENCE_DATE,
	defaultSize: { events: 3, transactions: 60 },

	createState,

	register(router, ctx) {
		account.register(router, ctx);
		transactions.register(router, ctx);
		webhooks.register(router, ctx);
	},

	/** Error body in vivenu's HttpError shape; also used for fault defaults and 429s. */
	error: errorResult,

	/** Rate-limit bucket: one per API key. */
	credential: (req) => bearer(req) || 'anonymous',

	webhooks: { build: webhooks.build, sign: webhooks.sign, fire: webhooks.fire, retry: webhooks.RETRY },

	/** Control calls under /_emulator/vivenu/... (new transactions, webhook registration policy and mode). */
	control,

	constants: C,
};
