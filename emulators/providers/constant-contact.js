'use strict';
// Constant Contact V3 (Events) provider module — mounted at /constant-contact:
//   http://host:port/constant-contact/v3/...                 mirrors https://api.cc.email/v3/...
//   http://host:port/constant-contact/oauth2/default/v1/...  mirrors https://authz.constantcontact.com/oauth2/default/v1/...
// Provider facts: docs/providers/constant-contact.md. Limits: 4 requests/second and a daily quota
// per app (429 {error_key: throttled | quota_exceeded}); see constant-contact/README.md.
const C = require('./constant-contact/constants');
const { createState } = require('./constant-contact/seed');
const { errorResult, appOf } = require('./constant-contact/common');
const events = require('./constant-contact/events');
const oauth = require('./constant-contact/oauth');
const { control } = require('./constant-contact/control');

let current = null;

module.exports = {
	name: 'constant-contact',
	prefix: '/constant-contact',
	basePath: '/v3',
	referenceDate: C.REFERENCE_DATE,
	defaultSize: { events: 6, registrations: 40, otherRegistrations: 8 },

	createState(opts) {
		current = createState(opts);
		return current;
	},

	register(router, ctx) {
		events.register(router, ctx);
		oauth.register(router, ctx);
	},

	/** Control calls under /_emulator/<provider>/...: changes between two polls of a trigger (see control.js). */
	control,

	/** Error body: an array of {error_key, error_message}; 401 and 429 as one bare object. */
	error: (status, message) => errorResult(status, message),

	/** Rate-limit bucket of the shared control-API limiter: one per app (client_id of the token). */
	credential: (req) => appOf(req, current),

	/** Maps are not JSON: dump a readable copy (no registrations' internals hidden — it is an emulator). */
	dumpState(state) {
		return {
			config: state.config,
			fixtures: state.fixtures,
			events: state.events,
			registrations: state.registrations.map((r) => ({
				registration_id: r.registration_id,
				event_id: r.event_id,
				track_key: r.track_key,
				registration_status: r.registration_status,
				payment_status: r.payment_status,
				payment_status_as_sent: r.payment_status_as_sent,
				payment_method: r.payment_method,
			})),
			bulkUpdates: state.bulkUpdates,
			quota: Object.fromEntries(state.quota),
			apps: state.apps.map((a) => ({ client_id: a.client_id, refresh_token_type: a.refresh_token_type })),
			refreshTokens: [...state.refreshTokens].map(([token, r]) => ({ token, client_id: r.client_id, revoked: r.revoked, uses: r.uses || 0 })),
			accessTokens: [...state.accessTokens].map(([token, r]) => ({ token, client_id: r.client_id, expiresAt: new Date(r.expiresAt).toISOString() })),
		};
	},

	constants: C,
};
