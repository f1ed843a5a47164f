'use strict';
// Restrict Content Pro (REST API add-on) fixed values. Provider facts: docs/providers/restrict-content-pro.md
// (the "REST API – Payments Route" article is the main source).

module.exports = {
	/** Seeded data is generated relative to this fixed date (site time zone: UTC) so every run is identical. */
	REFERENCE_DATE: '2026-11-01T00:00:00.000Z',
	/** The day before the reference date: fixtures for a "yesterday's payments" export live on this day. */
	FIXTURE_DAY: '2026-10-31',

	NAMESPACE: 'rcp/v1',
	SITE_NAME: 'Emulated Membership Site',

	/**
	 * Site variants, selected by the first path segment after the /rcp prefix:
	 *   /rcp/...           pretty permalinks: /wp-json/... and /?rest_route=... both work
	 *   /rcp/plain/...     no pretty permalinks: only /?rest_route=... (and /index.php?rest_route=...) reach the API
	 *   /rcp/no-addon/...  WordPress without the RCP REST API add-on: rcp/v1 routes answer 404 rest_no_route
	 *   /rcp/strip-auth/...a host that strips the Authorization header: every request arrives logged out
	 */
	VARIANTS: ['plain', 'no-addon', 'strip-auth'],

	/** Payment statuses (seed). */
	STATUSES: ['complete', 'pending', 'failed', 'refunded', 'abandoned'],
	/** orderby values the seed documents; core's whitelist check makes all of them fall back to `id` (INFERENCE). */
	ORDERBY: ['id', 'user_id', 'subscription', 'subscription_key', 'status', 'date'],

	/** Columns of wp_rcp_payments, in table order (INFERENCE from RCP core). */
	PAYMENT_COLUMNS: [
		'id', 'customer_id', 'membership_id', 'subscription', 'object_id', 'object_type', 'date', 'amount',
		'subtotal', 'credits', 'fees', 'discount_amount', 'discount_code', 'user_id', 'payment_type',
		'transaction_type', 'subscription_key', 'transaction_id', 'status', 'gateway',
	],
	/** Fields the seed documents for POST /payments/new and /payments/update/{id}. */
	WRITABLE: [
		'user_id', 'amount', 'subscription', 'status', 'object_id', 'object_type', 'subscription_key', 'transaction_id',
		'date', 'payment_type', 'subtotal', 'credits', 'fees', 'discount_amount', 'discount_code', 'gateway',
	],
	INT_FIELDS: ['user_id', 'object_id'],
	FLOAT_FIELDS: ['amount', 'subtotal', 'credits', 'fees', 'discount_amount'],

	/** WordPress users with application passwords (shown in groups of four, as WordPress displays them). */
	USERS: [
		{
			id: 1, login: 'admin', email: 'admin@membership.example.com', name: 'Site Admin', role: 'administrator',
			appPassword: 'Rcp1 Emu2 Adm3 InX4 Pa55 W0rd',
			caps: ['rcp_view_payments', 'rcp_manage_payments', 'rcp_view_levels', 'rcp_manage_levels', 'rcp_view_members', 'rcp_manage_members', 'manage_options'],
		},
		{
			id: 2, login: 'bookkeeper', email: 'books@membership.example.com', name: 'Book Keeper', role: 'rcp_bookkeeper',
			appPassword: 'Book Keep Er12 View Only 0042',
			caps: ['rcp_view_payments'],
		},
		{
			id: 3, login: 'editor', email: 'editor@membership.example.com', name: 'Content Editor', role: 'editor',
			appPassword: 'Edit Or00 NoRc pCap 5000 0000',
			caps: [],
		},
	],

	LEVELS: [
		{ name: 'Bronze', description: 'Monthly entry membership', duration: '1', duration_unit: 'month', price: '5.00', fee: '0.00', status: 'active' },
		{ name: 'Silver', description: 'Monthly membership with the archive', duration: '1', duration_unit: 'month', price: '10.00', fee: '0.00', status: 'active' },
		{ name: 'Gold', description: 'Yearly membership with everything', duration: '1', duration_unit: 'year', price: '99.00', fee: '10.00', status: 'active' },
		{ name: 'Free Trial', description: 'Seven free days', duration: '7', duration_unit: 'day', price: '0.00', fee: '0.00', status: 'active' },
		{ name: 'Legacy Plan', description: 'Closed to new members', duration: '1', duration_unit: 'month', price: '8.00', fee: '0.00', status: 'inactive' },
	],
};
