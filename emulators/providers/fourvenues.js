'use strict';
// Fourvenues Channel Manager ("Channels") API — mounted at /fourvenues, so
// http://host:port/fourvenues/payments/{id} mirrors https://channels-service.fourvenues.com/payments/{id}
// (paths have no version prefix). Provider facts: docs/providers/fourvenues.md; the docs' "Get a payment by id"
// example payment is served verbatim under its id.
//
// - Auth: X-Api-Key on every request, scoped to the key's channel and its partner venues (hosts).
// - Envelope {data, success: true}; errors {success: false, error} (error shape UNVERIFIED);
//   unknown routes get Express's HTML 404 ("Cannot GET /ticketrates").
// - limit/offset pages, default 50, capped silently at size.maxLimit (default 100; real max UNVERIFIED).
// - Rate limit: ~10 requests/second per key (UNVERIFIED), off by default; enable with
//   POST /_emulator/rate-limit {provider:'fourvenues', limit:10, windowMs:1000, mode:'sliding'}. 429 has no Retry-After
//   unless configured (none is documented).
const C = require('./fourvenues/constants');
const { createState, SEED_PAYMENT } = require('./fourvenues/seed');
const { errorResult, routeNotFound, apiKeyOf } = require('./fourvenues/common');
const routes = require('./fourvenues/routes');
const webhooks = require('./fourvenues/webhooks');
const { control } = require('./fourvenues/control');

module.exports = {
	name: 'fourvenues',
	prefix: '/fourvenues',
	basePath: '',
	referenceDate: C.REFERENCE_DATE,
	defaultSize: { payments: 150, eventsPerOrg: 4, maxLimit: C.DEFAULT_MAX_LIMIT },

	createState,

	register(router, ctx) {
		routes.register(router, ctx);
		webhooks.register(router, ctx);
	},

	/** Control calls under /_emulator/fourvenues/... (payments made through the hosted checkout, refund requests). */
	control,

	error: errorResult,
	notFound: routeNotFound,

	/** Rate-limit bucket: one per API key. */
	credential: (req) => apiKeyOf(req) || 'anonymous',

	webhooks: { build: webhooks.build, sign: webhooks.sign, fire: webhooks.fire, retry: webhooks.RETRY },

	constants: C,
	seedPayment: SEED_PAYMENT,
};
