'use strict';
// Flexiown (Teljoy) provider module — mounted at /flexiown, so http://host:port/flexiown/api/... mirrors
// https://pay.teljoy.co.za/api/... (and /flexiown/api/v1/... the docs' variant).
// Provider facts: docs/providers/flexiown.md. See emulators/README.md for the provider module contract.
const C = require('./flexiown/constants');
const { createState } = require('./flexiown/seed');
const { errorResult } = require('./flexiown/common');
const routes = require('./flexiown/routes');
const trust = require('./flexiown/trust');

module.exports = {
	name: 'flexiown',
	prefix: '/flexiown',
	basePath: '/api',
	referenceDate: C.REFERENCE_DATE,
	defaultSize: { payments: 16 },

	createState,

	register(router) {
		routes.register(router);
	},

	/** ASP.NET problem details; also used for fault defaults and 429s. */
	error: errorResult,

	/** Unknown routes: the 404 problem details ASP.NET gives. */
	notFound: () => errorResult(404, 'Not Found'),

	/** Rate-limit bucket: one per API key. */
	credential: (req) => req.headers['api-key'] || 'anonymous',

	constants: C,
	trust,
};
