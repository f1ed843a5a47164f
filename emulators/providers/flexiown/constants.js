'use strict';
// Flexiown (Teljoy) fixed values. Provider facts: docs/providers/flexiown.md
// (the docs' "Update Payment Status" page is the main source).

module.exports = {
	/** Seeded data is generated relative to this fixed date so every run is identical. */
	REFERENCE_DATE: '2026-11-01T00:00:00.000Z',

	/** Keys the emulator accepts in the `api-key` header. */
	DEMO_KEY: 'fo_emulator_demo_key_7c1e4a9b2d',
	/** A valid key of a second merchant: it cannot see the first merchant's payments (404). */
	OTHER_MERCHANT_KEY: 'fo_emulator_other_merchant_key_5f3a',
	/** A revoked key: 401. */
	REVOKED_KEY: 'fo_emulator_revoked_key_0000',

	/** Both prefixes are served: the vendor plugin calls /api/<route>, the docs show /api/v1/<route>. */
	API_PREFIXES: ['/api', '/api/v1'],

	/**
	 * Status values. Stored lowercase; GET status renders them in title case ("Completed") like the
	 * docs example. The docs document no enum; these are the vendor plugin's values.
	 */
	STATUSES: ['pending', 'confirmed', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'expired'],

	/** Values a merchant may send to POST status/{id}: the WooCommerce order statuses the vendor plugin forwards. */
	MERCHANT_STATUSES: ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed'],

	/**
	 * Emulator rule (the real transitions are undocumented): which merchant statuses are allowed from
	 * each current status. Setting the current status again always succeeds (idempotent).
	 */
	TRANSITIONS: {
		pending: ['processing', 'on-hold', 'cancelled', 'failed'],
		confirmed: ['processing', 'on-hold', 'completed', 'cancelled', 'failed'],
		processing: ['on-hold', 'completed', 'cancelled', 'failed'],
		'on-hold': ['processing', 'completed', 'cancelled', 'failed'],
		completed: ['refunded'],
		cancelled: [],
		refunded: [],
		failed: [],
		expired: [],
	},

	/** ASP.NET problem-details type URIs. */
	PROBLEM_TYPES: {
		400: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
		401: 'https://tools.ietf.org/html/rfc7235#section-3.1',
		403: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
		404: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
		405: 'https://tools.ietf.org/html/rfc7231#section-6.5.5',
		415: 'https://tools.ietf.org/html/rfc7231#section-6.5.13',
		429: 'https://tools.ietf.org/html/rfc6585#section-4',
		// The docs' 500 example reuses the 6.5.1 type URI.
		500: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
		502: 'https://tools.ietf.org/html/rfc7231#section-6.6.3',
		503: 'https://tools.ietf.org/html/rfc7231#section-6.6.4',
		504: 'https://tools.ietf.org/html/rfc7231#section-6.6.5',
	},

	/** Product lookup (emulator rule): eligible unit prices, in ZAR. */
	MIN_PRICE: 500,
	MAX_PRICE: 150000,
	/** SKUs starting with this prefix are never accepted (lets tests provoke a rejection). */
	REJECT_SKU_PREFIX: 'NOFLEX',

	/** The docs' example payment (update-payment-status JavaScript example). */
	DOCS_PAYMENT: {
		id: '590fbc3e-784e-4519-95b0-08db35c30d2b',
		trustValue: 'c10cd9445121e4ed6ad0ab47cdde2882',
		trustSeed:
			'ew0KCQkJCQkJIm5hbWUiOiJISVNFTlNFIDEwMEw1RiAxMDAmcXVvdDsgTEFTRVIgVFYxIiwNCgkJCQkJCSJza3UiOiIxMDBMNUYiLA0KCQkJCQkJInF1YW50aXR5IjoiMSIsDQoJCQkJCQkicHJpY2UiOiIxMjY1Ny4wMCIsDQoJCQkJCQkiZGVzY3JpcHRpb24iOiAic3RyaW5nIiwNCgkJCQkJCSJicmFuZCI6ICJzdHJpbmciLA0KCQkJCQkJIm1lcmNoYW50X3Byb2R1Y3RfaWQiOiI1Mzc4MyIsDQoJCQkJCQkidmVuZG9yIjogew0KCQkJCQkJCSJ2ZW5kb3JfaWQiOiAic3RyaW5nIiwNCgkJCQkJCQkidXJsIjogInN0cmluZyIsDQoJCQkJCQkJIm5hbWUiOiAic3RyaW5nIg0KCQkJCQkJfSwNCgkJCQkJCSJpbWFnZXMiOiBbDQoJCQkJCQkJImh0dHBzOi8vYXRvbWljdGVzdC5jby56YS93cC1jb250ZW50L3VwbG9hZHMvMjAyMS8xMS8xMDBMNUYuanBlZyIgDQoJCQkJCQldLA0KCQkJCQkJImJhcmNvZGVzIjogWw0KCQkJCQkJCSIiDQoJCQkJCQldLA0KCQkJCQkJImNhdGVnb3JpZXMiOiBbIA0KCQkJCQkJXSwNCgkJCQkJCSJwcm9wZXJ0aWVzIjogWw0KCQkJCQkJCXsNCgkJCQkJCQkia2V5IjogInN0cmluZyIsDQoJCQkJCQkJInZhbHVlIjogInN0cmluZyINCgkJCQkJCQl9DQoJCQkJCQldDQoJCQkJCX0s',
		orderId: '53783',
	},
};
