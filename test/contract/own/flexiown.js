'use strict';
// Flexiown publishes no machine-readable description. This is OUR OWN derivation from the fields its
// developer docs pages list (docs/providers/flexiown.md names them: request-payment, get-payment-merchant-
// status-by-id, update-status, real-time-product-lookup), written as OpenAPI 3 for the contract check.
// Objects stay open: the pages list fields, not closed schemas. Written to test/contract/specs/flexiown.json
// by `node scripts/derive-specs.js --own flexiown`. A refused request (success false) has no payment: id and
// redirect_url are null then.
const str = { type: 'string' };
const open = (required, properties) => ({ type: 'object', additionalProperties: true, required, properties });
const json = (schema) => ({ 'application/json': { schema } });
const p = (name) => ({ name, in: 'path', required: true, schema: str });
const errors = { 400: { description: 'Validation errors' }, 401: { description: 'Unauthorized' }, 404: { description: 'Not found' } };
const op = (page, summary, parameters, responses, extra = {}) => ({ 'x-source': `https://docs.dev.flexiown.co.za/payments/${page}.html (docs/providers/flexiown.md)`, summary, parameters, security: [{ apiKey: [] }], responses: { ...responses, ...errors }, ...extra });

const product = open(['sku'], { sku: { type: ['string', 'number'] }, name: str, price: { type: ['number', 'string'] }, quantity: { type: ['number', 'string'] } });

module.exports = {
	provider: 'flexiown',
	source: "Flexiown (Teljoy) developer docs pages, as summarised in docs/providers/flexiown.md, read 2026-12; our own derivation, not a published document",
	// The API answers under /api and /api/v1 alike (docs/providers/flexiown.md, Environments).
	basePath: ['/api/v1', '/api'],
	document: {
		openapi: '3.0.3',
		info: { title: 'Flexiown merchant API (derived by n8n-nodes-event-payments)', version: '0.1.0' },
		paths: {
			'/merchant': { get: op('(none: GET merchant is used by the vendor plugin, UNVERIFIED)', 'Merchant settings (credential test)', [], {
				200: { description: 'OK', content: json(open(['name'], { name: str, activationPeriodExpiry: { type: 'number' }, completionPeriodExpiry: { type: 'number' } })) },
			}) },
			'/payment/create': { post: op('endpoints/request-payment', 'Request payment', [], {
				200: { description: 'OK', content: json(open(['success'], { success: { type: 'boolean' }, id: { type: ['string', 'null'] }, redirect_url: { type: ['string', 'null'] }, trust_signature: str, products: { type: 'array' }, errors: { type: 'object' } })) },
			}, { requestBody: { required: true, content: json(open(['products', 'redirects'], { customer: { type: 'object' }, billing_Address: { type: 'object' }, shipping_Address: { type: 'object' }, products: { type: 'array', items: product }, redirects: { type: 'object' } })) } }) },
			'/status/{id}': {
				get: op('endpoints/get-payment-merchant-status-by-id', 'Get payment status', [p('id')], {
					200: { description: 'OK', content: json(open(['status'], { activation_by: str, expires_on: str, order_id: str, trust_signature: str, status: str })) },
				}),
				post: op('endpoints/update-payment-status', 'Update payment status', [p('id')], {
					200: { description: 'OK', content: json(open(['success'], { success: { type: 'boolean' } })) },
				}, { requestBody: { required: true, content: json(open(['id', 'status'], { apiKey: str, id: str, status: str, trust_Seed: str, trust_Value: str, alt_Trust_Value: str })) } }),
			},
			'/product': { post: op('endpoints/real-time-product-lookup', 'Product look-up', [], {
				200: { description: 'OK', content: json({}) },
			}, { requestBody: { required: true, content: json({ anyOf: [product, { type: 'array', items: product }] }) } }) },
		},
		components: { schemas: {}, securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'api-key' } } },
	},
	webhooks: [],
};
