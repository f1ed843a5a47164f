'use strict';
// Restrict Content Pro provider module — mounted at /rcp. The emulated WordPress site's URL is
// http://host:port/rcp, so the REST API is at http://host:port/rcp/wp-json/rcp/v1/... and, for the
// "no pretty permalinks" form, http://host:port/rcp/?rest_route=/rcp/v1/...
// Variants (see constants.VARIANTS): /rcp/plain (no pretty permalinks), /rcp/no-addon (REST add-on missing),
// /rcp/strip-auth (host strips the Authorization header).
// Provider facts: docs/providers/restrict-content-pro.md. Provider module contract: emulators/README.md.
const C = require('./restrict-content-pro/constants');
const { createState } = require('./restrict-content-pro/seed');
const { errorResult, fail, html, resolveRoute, params, authenticate, requireCap } = require('./restrict-content-pro/wp');
const { createRoutes } = require('./restrict-content-pro/routes');
const { control } = require('./restrict-content-pro/control');

const PREFIX = '/rcp';

module.exports = {
	name: 'restrict-content-pro',
	prefix: PREFIX,
	basePath: '',
	referenceDate: C.REFERENCE_DATE,
	defaultSize: { payments: 60, members: 20 },

	createState,

	register(router, ctx) {
		const routes = createRoutes(ctx);
		const handle = (req, c) => {
			const { variant, route, segs } = resolveRoute(req);
			const site = `${c.baseUrl}${PREFIX}${variant === 'main' ? '' : `/${variant}`}`;
			if (route === null) {
				// Not a REST request: the theme answers (home page, or the web server's 404).
				if (req.method === 'GET' && (!segs || segs.length === 0 || (segs.length === 1 && segs[0] === 'index.php'))) {
					return html(200, C.SITE_NAME, 'Welcome to our membership site.');
				}
				return html(404, 'Page not found', 'It looks like nothing was found at this location.');
			}
			// WordPress authenticates before it routes (rest_authentication_errors), so a bad password is a 401
			// even on an unknown route.
			const user = authenticate(req, c.state, variant);
			if (req.bodyError && req.method !== 'GET') {
				throw fail(400, 'rest_invalid_json', 'Invalid JSON body passed.', { json_error_code: 4, json_error_message: 'Syntax error' });
			}
			const m = routes.match(req.method, route, variant);
			if (!m) throw fail(404, 'rest_no_route', 'No route was found matching the URL and request method.');
			if (m.route.cap) requireCap(user, m.route.cap);
			return m.route.handler({ state: c.state, p: params(req), groups: m.groups, user, site, variant, req });
		};
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) router.add(method, '/*', handle);
	},

	/** Control calls under /_emulator/restrict-content-pro/...: payments added or changed between two polls (control.js). */
	control,

	/** WordPress-shaped error body; also used for injected faults and 429s. */
	error: errorResult,

	/** Rate-limit bucket: one per Authorization header (i.e. per user + application password). */
	credential: (req) => req.headers.authorization || 'anonymous',

	constants: C,
};
