'use strict';
// Constant Contact V3 (Events) enumerations and fixed emulator values.
// Provider facts: docs/providers/constant-contact.md (spec 3.0.148–3.0.178, API guide).

module.exports = {
	/** Seeded data is generated relative to this fixed date so every run is identical. */
	REFERENCE_DATE: '2026-09-01T00:00:00.000Z',

	/** The demo app (long-lived refresh tokens) every test and the e2e credential use. */
	DEMO_CLIENT_ID: 'cc_emulator_client',
	DEMO_CLIENT_SECRET: 'cc_emulator_client_secret',
	/** Valid for a year after start-up, scope `campaign_data offline_access`. */
	DEMO_ACCESS_TOKEN: 'cc_emulator_access_token',
	/** Already expired: any API call answers 401, so n8n refreshes it. */
	EXPIRED_ACCESS_TOKEN: 'cc_emulator_expired_access_token',
	/** Long-lived refresh token of the demo app: the same one comes back on every refresh. */
	DEMO_REFRESH_TOKEN: 'cc_emulator_refresh_token',
	/** Valid token without `campaign_data`: every /events call answers 403. */
	NO_SCOPE_ACCESS_TOKEN: 'cc_emulator_no_scope_access_token',

	/** A second app whose refresh tokens rotate (single use). */
	ROTATING_CLIENT_ID: 'cc_emulator_rotating_client',
	ROTATING_CLIENT_SECRET: 'cc_emulator_rotating_client_secret',
	ROTATING_EXPIRED_ACCESS_TOKEN: 'cc_emulator_rotating_expired_access_token',
	ROTATING_REFRESH_TOKEN: 'cc_emulator_rotating_refresh_token_1',

	REDIRECT_URI: 'http://localhost:5678/rest/oauth2-credential/callback',

	EVENT_STATUS: ['ACTIVE', 'DRAFT', 'COMPLETE', 'DELETED', 'CANCELLED', 'ERROR'],
	EVENT_SORT_BY: ['name', 'start_time', 'end_time', 'created_time', 'updated_time'],
	REGISTRATION_STATUS: ['PENDING', 'REGISTERED', 'CANCELED', 'EXPIRED', 'IN_PROGRESS', 'FAILED'],
	PAYMENT_STATUS_FILTER: ['PENDING', 'PAID', 'REFUNDED', 'CANCELLED', 'FAILED', 'CHARGED_BACK'],
	REGISTRATION_SORT_BY: ['first_name', 'last_name', 'email_address', 'registration_status', 'payment_status', 'tickets', 'total'],
	SORT_ORDER: ['ASC', 'DESC'],
	/** Registrations with one of these are processed by PUT .../payment_status; others (free) are skipped silently. */
	PAYMENT_METHODS: ['PAYPAL', 'WEPAY', 'STRIPE', 'DOOR', 'CHECK'],

	/** GET /events: default and maximum page size. */
	EVENTS_MAX_LIMIT: 100,
	/** Registrations list: default and maximum page size are UNVERIFIED; the emulator uses 50 and 500. */
	REGISTRATIONS_DEFAULT_LIMIT: 50,
	REGISTRATIONS_MAX_LIMIT: 500,

	/** Documented app-wide limits. */
	REQUESTS_PER_SECOND: 4,
	DAILY_QUOTA: 10000,
	/** The token endpoint allows 1 request per second. */
	TOKEN_REQUESTS_PER_SECOND: 1,
	ACCESS_TOKEN_TTL_SECONDS: 86400,
	REFRESH_TOKEN_IDLE_DAYS: 180,
	AUTH_CODE_TTL_SECONDS: 300,

	PRIVILEGES: [
		'campaign:read', 'campaign:write', 'campaign:send', 'contacts:read', 'contacts:write', 'account:read', 'ui:campaign:metrics',
	],
};
