'use strict';
// Fourvenues publishes no machine-readable description. This is OUR OWN derivation, per operation, from the
// Channel Manager API reference pages (each operation cites its page), written as OpenAPI 3 so the contract
// check reads it the way it reads the published documents. Objects stay open (fields the pages do not list
// are not violations): the pages show examples, not closed schemas. scripts/derive-specs.js writes it to
// test/contract/specs/fourvenues.json.
const DOCS = 'https://docs.fourvenues.com/channel-manager';
const str = { type: 'string' };
const ok = (data) => ({ type: 'object', required: ['success', 'data'], properties: { success: { type: 'boolean', enum: [true] }, data } });
// 403: a key without the operation's permission (the reported granular permissions; UNVERIFIED).
const answers = (data, extra = {}) => ({ 200: { description: 'OK', content: { 'application/json': { schema: ok(data) } } }, 401: { description: 'Unauthorized' }, 403: { description: 'Missing permission' }, 404: { description: 'Not found' }, ...extra });
const q = (name, schema = str) => ({ name, in: 'query', schema });
const p = (name) => ({ name, in: 'path', required: true, schema: str });
const open = (required, properties) => ({ type: 'object', additionalProperties: true, required, properties });
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const list = (name) => ({ type: 'array', items: ref(name) });
const paging = [q('limit', { type: 'integer', minimum: 1 }), q('offset', { type: 'integer', minimum: 0 })];

const schemas = {
	Payment: open(['_id', 'status', 'resource_type', 'resource_ids', 'total', 'currency'], {
		_id: str,
		status: str, // only "pending" is documented; the field is a free string
		rate_id: str,
		organization_id: str,
		event_id: str,
		resource_type: { type: 'string', enum: ['ticket', 'name-change', 'list', 'pass', 'plan', 'booking'] },
		resource_ids: { type: 'array', items: str },
		total: open(['amount'], { amount: { type: 'number' }, fees: { type: 'number' } }),
		currency: str,
		paid_at: { type: 'string', format: 'date-time' },
		expires_at: { type: 'string', format: 'date-time' },
		send_resources: { type: 'boolean' },
		metadata: { type: 'object' },
	}),
	Event: open(['_id', 'name', 'start_date'], {
		_id: str, name: str, slug: str, description: str, display_date: str, start_date: { type: 'string', format: 'date-time' },
		end_date: { type: 'string', format: 'date-time' }, organization_id: str, location_id: str, location: { type: 'object' },
	}),
	Ticket: open(['_id', 'event_id', 'status'], { _id: str, event_id: str, ticket_rate_id: str, qr_code: str, status: str, price: { type: 'object' }, payment_id: str }),
	Organization: open(['_id', 'name'], { _id: str, name: str, slug: str, created_at: str }),
	WebhookEndpoint: open(['_id', 'url'], { _id: str, name: str, url: { type: 'string', format: 'uri' }, sign_secret: str }),
	'webhook.payment.success': open(['payment_id', 'resource_type', 'resource_ids'], {
		payment_id: str, resource_type: str, resource_ids: { type: 'array', items: str }, metadata: { type: 'object' }, send_resources: { type: 'boolean' },
	}),
	'webhook.ticket.request_refund': open(['ticket_id', 'event_id'], {
		ticket_id: str, qr_code: str, client_name: str, client_email: str, event_id: str, amount_to_refund: { type: 'number' }, currency: str, resource_type: str,
	}),
};

const op = (page, summary, parameters, responses, extra = {}) => ({ 'x-source': page ? `${DOCS}/api-reference/${page}` : `${DOCS} (API reference; facts as in docs/providers/fourvenues.md)`, summary, parameters, security: [{ apiKey: [] }], responses, ...extra });

module.exports = {
	provider: 'fourvenues',
	source: `Fourvenues Channel Manager API reference pages (${DOCS}), read 2026-12; our own derivation, not a published document`,
	basePath: '',
	// The delivery envelope is {id, event, payload} (webhooks/introduction/webhook-event-object).
	webhookEnvelope: { type: 'event', data: 'payload' },
	document: {
		openapi: '3.0.3',
		info: { title: 'Fourvenues Channel Manager API (derived by n8n-nodes-event-payments)', version: '0.1.0' },
		servers: [{ url: 'https://channels-service.fourvenues.com' }],
		paths: {
			'/auth': { get: op(null /* the auth section of the reference; the page slug is not recorded */, 'Credential test', [], answers(open(['channel'], { message: str, channel: open(['_id'], { _id: str, name: str, slug: str, hosts: list('Organization') }) }))) },
			'/organizations': { get: op(null /* the organizations section of the reference; the page slug is not recorded */, 'Organizations', [], answers(list('Organization'))) },
			'/events': { get: op('events/get-all-events', 'Events', [q('organization_id'), q('location_id'), q('start_date'), q('end_date'), ...paging], answers(list('Event'), { 400: { description: 'Bad request' } })) },
			'/events/{id}': { get: op(null /* the events section of the reference; the page slug is not recorded */, 'One event', [p('id')], answers(ref('Event'))) },
			'/events/by-slug/{slug}': { get: op(null /* the events section of the reference; the page slug is not recorded */, 'One event by slug', [p('slug')], answers(ref('Event'))) },
			'/tickets': { get: op('tickets/get-tickets', 'Tickets of an event', [q('event_id'), ...paging], answers(list('Ticket'), { 400: { description: 'Bad request' } })) },
			'/tickets/by-code/{code}': { get: op(null /* the tickets section of the reference; the page slug is not recorded */, 'Tickets by code (an array)', [p('code')], answers(list('Ticket'))) },
			'/payments': { get: op('payments/get-all-payments', 'Payments', [q('organization_id'), q('event_id'), q('start_date'), q('end_date'), ...paging], answers(list('Payment'), { 400: { description: 'Bad request' } })) },
			'/payments/{id}': { get: op('payments/get-a-payment-by-id', 'One payment', [p('id')], answers(ref('Payment'))) },
			'/webhooks/endpoints': {
				get: op(null /* the webhook-endpoints section of the reference; the page slug is not recorded */, 'Webhook endpoints', [], answers(list('WebhookEndpoint'))),
				post: op(null /* the webhook-endpoints section of the reference; the page slug is not recorded */, 'Register a webhook endpoint', [], answers(ref('WebhookEndpoint'), { 201: { description: 'Created', content: { 'application/json': { schema: ok(ref('WebhookEndpoint')) } } }, 400: { description: 'Bad request' } }), {
					requestBody: { required: true, content: { 'application/json': { schema: open(['name', 'url'], { name: str, url: { type: 'string', format: 'uri' } }) } } },
				}),
			},
			'/webhooks/endpoints/{id}': { delete: op(null /* the webhook-endpoints section of the reference; the page slug is not recorded */, 'Remove a webhook endpoint', [p('id')], answers({})) },
		},
		components: {
			schemas,
			securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
		},
	},
	operations: null, // every path above
	webhooks: ['payment.success', 'ticket.request_refund'],
};
