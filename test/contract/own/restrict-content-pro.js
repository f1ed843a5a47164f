'use strict';
// Restrict Content Pro publishes no machine-readable description. This is OUR OWN derivation from its
// "REST API – Payments Route" knowledge-base page and the RCP core class the add-on wraps
// (docs/providers/restrict-content-pro.md), written as OpenAPI 3 for the contract check. Values are strings
// (WordPress reads them from the database). Objects stay open. Written to
// test/contract/specs/restrict-content-pro.json by `node scripts/derive-specs.js --own restrict-content-pro`.
const str = { type: 'string' };
const num = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
const open = (required, properties) => ({ type: 'object', additionalProperties: true, required, properties });
const json = (schema) => ({ 'application/json': { schema } });
const q = (name, schema = str) => ({ name, in: 'query', schema });
const p = (name) => ({ name, in: 'path', required: true, schema: str });
const SOURCE = 'https://restrictcontentpro.com/knowledgebase/rest-api-payments-route/ (docs/providers/restrict-content-pro.md)';
// 400: WordPress's rest_missing_callback_param / rest_invalid_param for a missing or malformed parameter.
const errors = { 400: { description: 'rest_missing_callback_param / rest_invalid_param' }, 401: { description: 'rest_forbidden / incorrect_password' }, 403: { description: 'rest_forbidden' }, 404: { description: 'rest_no_route / invalid ID' } };
const op = (summary, parameters, responses, extra = {}) => ({ 'x-source': SOURCE, summary, parameters, security: [{ basic: [] }], responses: { ...responses, ...errors }, ...extra });
const STATUS = { type: 'string', enum: ['complete', 'pending', 'failed', 'refunded', 'abandoned', ''] };

const payment = open(['id', 'user_id', 'amount', 'status'], {
	id: num, customer_id: num, membership_id: num, subscription: str, object_id: num, object_type: str, date: str, amount: num, subtotal: num,
	credits: num, fees: num, discount_amount: num, discount_code: str, user_id: num, payment_type: str, transaction_type: str,
	subscription_key: str, transaction_id: str, status: STATUS, gateway: str,
});
const fields = ['status', 'object_id', 'object_type', 'subscription_key', 'transaction_id', 'date', 'payment_type', 'subtotal', 'credits', 'fees', 'discount_amount', 'discount_code', 'gateway'];
const writeBody = (required) => ({ required: true, content: json(open(required, Object.fromEntries(['user_id', 'amount', 'subscription', ...fields].map((f) => [f, { type: ['string', 'number'] }])))) });
const level = open(['id', 'name'], { id: num, name: str, description: str, price: num, fee: num, status: str, list_order: num });

module.exports = {
	provider: 'restrict-content-pro',
	source: "Restrict Content Pro's REST API knowledge-base page and RCP core (docs/providers/restrict-content-pro.md), read 2026-12; our own derivation, not a published document",
	basePath: '',
	// Routes are WordPress REST routes: {site}/{prefix}/rcp/v1/… or {site}/?rest_route=/rcp/v1/….
	wordpressRest: true,
	document: {
		openapi: '3.0.3',
		info: { title: 'Restrict Content Pro REST API add-on (derived by n8n-nodes-event-payments)', version: '0.1.0' },
		paths: {
			'/rcp/v1/payments': { get: op('List payments', [q('user_id'), q('subscription'), q('status', STATUS), q('number', { type: 'integer', minimum: 1 }), q('offset', { type: 'integer', minimum: 0 }), q('orderby'), q('order', { type: 'string', enum: ['ASC', 'DESC'] })], {
				200: { description: 'A bare array', content: json({ type: 'array', items: payment }) },
			}) },
			'/rcp/v1/payments/{id}': { get: op('One payment', [p('id')], { 200: { description: 'OK', content: json(payment) } }) },
			'/rcp/v1/payments/new': { post: op('Create a payment', [], {
				200: { description: 'The new ID, or false for a duplicate transaction_id', content: json({ type: ['integer', 'string', 'boolean', 'object'] }) },
				201: { description: 'Created', content: json({ type: ['integer', 'string', 'boolean', 'object'] }) },
				409: { description: 'Duplicate (reported by some sites)' },
			}, { requestBody: writeBody(['user_id', 'amount', 'subscription']) }) },
			'/rcp/v1/payments/update/{id}': { post: op('Update a payment', [p('id')], {
				200: { description: 'Rows changed, true, or false', content: json({ type: ['integer', 'boolean', 'object'] }) },
			}, { requestBody: writeBody([]) }) },
			'/rcp/v1/payments/delete': { delete: op('Delete a payment', [q('id')], {
				200: { description: 'Nothing useful', content: json({}) },
			}, { requestBody: { required: false, content: json(open([], { id: { type: ['string', 'number'] } })) } }) },
			'/rcp/v1/levels': { get: op('Membership levels (pickers)', [q('status'), q('orderby'), q('number', { type: 'integer' }), q('offset', { type: 'integer' })], { 200: { description: 'OK', content: json({ type: 'array', items: level }) } }) },
			'/rcp/v1/levels/{id}': { get: op('One membership level', [p('id')], { 200: { description: 'OK', content: json(level) } }) },
		},
		components: { schemas: {}, securitySchemes: { basic: { type: 'http', scheme: 'basic' } } },
	},
	webhooks: [],
};
