'use strict';
// Every field that Simplify, the pickers and the triggers read exists in the published document's schema of
// the answer it is read from (test/contract/specs/), or is a named alternative read after the documented name
// because which one the live API sends is UNVERIFIED (docs/providers/<provider>.md says so). Simplify's lists
// come from the built nodes, so a field added there without a documented source fails here.
const vivenuSpec = require('./specs/vivenu.json');
const ccSpec = require('./specs/constant-contact.json');
const vivenuOutput = require('../../dist/nodes/Vivenu/helpers/output');
const ccOutput = require('../../dist/nodes/ConstantContact/helpers/output');

/** Does `path` ("a.b[].c") name a property under `schema` (following $ref, items, anyOf/oneOf/allOf)? */
function hasPath(spec, schema, path) {
	const resolve = (s) => {
		let seen = 0;
		while (s && s.$ref && seen++ < 20) s = spec.components.schemas[s.$ref.replace('#/components/schemas/', '')];
		return s;
	};
	let current = [resolve(schema)];
	for (const raw of path.split('.')) {
		const arrays = raw.endsWith('[]');
		const name = arrays ? raw.slice(0, -2) : raw;
		const next = [];
		const visit = (s) => {
			s = resolve(s);
			if (!s) return;
			for (const k of ['anyOf', 'oneOf', 'allOf']) for (const b of s[k] || []) visit(b);
			if (s.properties && s.properties[name]) next.push(resolve(s.properties[name]));
		};
		current.forEach(visit);
		current = arrays ? next.map((s) => resolve(s && s.items)).filter(Boolean) : next;
		if (!current.length) return false;
	}
	return true;
}

const schemaOf = (spec, name) => spec.components.schemas[name];
const answerOf = (spec, method, template, status = '200') => spec.paths[template][method].responses[status].content['application/json'].schema;

const VIVENU = [
	// [reader, schema the field is read from, fields]
	['Vivenu Simplify (transaction)', schemaOf(vivenuSpec, 'TransactionResource'), [...vivenuOutput.SIMPLE_FIELDS, 'tickets', 'products', 'secret']],
	['Vivenu transaction picker (nodes/Vivenu/methods/listSearch.ts)', answerOf(vivenuSpec, 'get', '/api/transactions'), ['docs[]._id', 'docs[].prename', 'docs[].lastname', 'docs[].name', 'docs[].email', 'docs[].realPrice', 'docs[].currency', 'docs[].status', 'total']],
	['Vivenu event picker (nodes/Vivenu/methods/listSearch.ts)', answerOf(vivenuSpec, 'get', '/api/events'), ['rows[]._id', 'rows[].name', 'rows[].start', 'total']],
	['Vivenu Get Many paging', answerOf(vivenuSpec, 'get', '/api/transactions'), ['docs', 'total']],
	['vivenu Trigger: transaction events (Resolve Transaction)', schemaOf(vivenuSpec, 'webhook.transaction.complete'), ['transaction._id']],
	['vivenu Trigger: ticket events (Resolve Transaction)', schemaOf(vivenuSpec, 'webhook.ticket.created'), ['ticket.transactionId']],
	['vivenu Trigger: registration (nodes/Vivenu/transport/webhooks.ts)', answerOf(vivenuSpec, 'get', '/api/webhooks'), ['docs[]._id', 'docs[].url', 'docs[].events', 'docs[].enabled', 'docs[].hmacKey', 'total']],
];

const eventDto = schemaOf(ccSpec, 'EventDto');
const listing = schemaOf(ccSpec, 'EventListingDto');
const CONSTANT_CONTACT = [
	['Constant Contact Simplify (registration list)', schemaOf(ccSpec, 'RegistrantInformationLiteDto'), ccOutput.REGISTRATION_LIST_FIELDS],
	['Constant Contact Simplify (one registration)', schemaOf(ccSpec, 'DetailedRegistrationDto'), [
		'registration_id', 'contact_id', 'registration_status', 'registration_date', 'checkin_status', 'contact[].field_name', 'contact[].field_value',
		'order_summary.payment_method', 'order_summary.payment_status', 'order_summary.payment_time', 'order_summary.payment_transaction_id',
		'order_summary.details[].amount_unformatted', 'tickets',
	]],
	['Constant Contact Simplify (event): event_metadata and default track', eventDto, ['event_metadata.paid_event', 'default_track.track_id']],
	['Constant Contact track picker', eventDto, ['default_track.track_id']],
	['Constant Contact event picker', answerOf(ccSpec, 'get', '/events'), ['records[].event_id', 'records[].name', 'records[].title', 'records[].status', 'records[].start_time', 'next_cursor', '_links']],
	['Constant Contact Trigger (registration list)', answerOf(ccSpec, 'get', '/events/{event_id}/tracks/{track_id}/registrations'), [
		'records[].registration_id', 'records[].registration_time', 'records[].payment_status', 'records[].registration_status', 'next_cursor', '_links',
	]],
];

/** Names read after the documented one, UNVERIFIED at the live API (docs/providers/constant-contact.md). */
const UNVERIFIED_ALTERNATIVES = new Set(['event_status', 'type', 'time_zone_id', 'created_time', 'updated_time']);

describe('every field a reader reads is in the published document', () => {
	test.each([...VIVENU.map((r) => [...r, vivenuSpec]), ...CONSTANT_CONTACT.map((r) => [...r, ccSpec])])('%s', (reader, schema, fields, spec) => {
		expect(schema).toBeDefined();
		expect(fields.filter((f) => !hasPath(spec, schema, f))).toEqual([]);
	});

	test('Constant Contact Simplify (event): each output field is read first from EventDto, then from EventListingDto or a named alternative', () => {
		const problems = [];
		for (const [field, names] of ccOutput.EVENT_FIELDS) {
			if (!hasPath(ccSpec, eventDto, names[0])) problems.push(`${field}: first name ${names[0]} is not in EventDto`);
			for (const alt of names.slice(1)) {
				if (!hasPath(ccSpec, listing, alt) && !UNVERIFIED_ALTERNATIVES.has(alt)) problems.push(`${field}: ${alt} is neither in EventListingDto nor a named alternative`);
			}
		}
		expect(problems).toEqual([]);
	});

	test('the path check itself finds what is there and refuses what is not', () => {
		expect(hasPath(ccSpec, eventDto, 'default_track.track_id')).toBe(true);
		expect(hasPath(ccSpec, eventDto, 'event_status')).toBe(false);
		expect(hasPath(vivenuSpec, schemaOf(vivenuSpec, 'TransactionResource'), 'tickets[].ticketTypeId')).toBe(true);
		expect(hasPath(vivenuSpec, schemaOf(vivenuSpec, 'TransactionResource'), 'tickets[].regularPrice')).toBe(false);
	});
});
