'use strict';
// Constant Contact V3 Events routes (paths relative to the /constant-contact prefix; they mirror
// https://api.cc.email/v3/...). Every /events* route needs the campaign_data scope.
const C = require('./constants');
const {
	authed, badRequest, ccError, notFound, stringParam, intParam, enumParam, decodeCursor, page, jsonBody,
} = require('./common');

const EVENTS = { scope: 'campaign_data' };

const LIST_FIELDS = [
	'registration_id', 'registration_status', 'payment_status', 'first_name', 'last_name', 'email_address', 'new_contact',
	'registration_time', 'tickets', 'total', 'track_key', 'checkedIn_tickets', 'checkin_status', 'eligible_checkin_tickets',
];

function listRecord(r) {
	const out = {};
	for (const f of LIST_FIELDS) out[f] = r[f];
	return out;
}

function detailRecord(r) {
	return {
		registration_id: r.registration_id,
		contact_id: r.contact_id,
		registration_date: r.registration_time,
		registration_status: r.registration_status,
		checkedIn_tickets: r.checkedIn_tickets,
		checkin_status: r.checkin_status,
		eligible_checkin_tickets: r.eligible_checkin_tickets,
		display_physical_tickets: r.display_physical_tickets,
		contact: [
			{ field_name: 'first_name', field_label: 'First Name', field_value: r.first_name, field_type: 'TEXT' },
			{ field_name: 'last_name', field_label: 'Last Name', field_value: r.last_name, field_type: 'TEXT' },
			{ field_name: 'email_address', field_label: 'Email Address', field_value: r.email_address, field_type: 'EMAIL' },
		],
		tickets: r.tickets_detail.map(withoutNulls),
		order_summary: withoutNulls({
			number: r.order_number,
			payment_method: r.payment_method,
			payment_status: r.payment_method ? r.payment_status : 'UNKNOWN',
			payment_time: r.payment_time,
			payment_transaction_id: r.payment_transaction_id,
			details: r.total
				? [{ amount: `$${r.total.toFixed(2)}`, amount_unformatted: r.total, line_item_type: 'TICKET', name: r.tickets_detail[0].ticket_name }]
				: [],
			tickets_link: `https://events.example.constantcontact.com/tickets/${r.registration_id}`,
			tickets_text: 'View tickets',
			title: 'Order summary',
		}),
	};
}

/** The document types these fields as strings: a value it does not have is left out, not sent as null. */
function withoutNulls(o) {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * An event as the document describes it. The state keeps one internal shape; the answers use the document's
 * names, which differ between the single event (EventDto: status, event_type, event_start/event_end, time_zone,
 * create_time, last_update_time) and the list (EventListingDto: start_time/end_time, time_zone_type, no track).
 */
function eventRecord(ev, { detail, include }) {
	const common = {
		event_id: ev.event_id,
		name: ev.name,
		title: ev.title,
		description: ev.description,
		status: ev.event_status,
		event_type: ev.type,
		location_type: 'PHYSICAL',
		create_time: ev.created_time,
	};
	if (!detail) return { ...common, start_time: ev.start_time, end_time: ev.end_time, time_zone_type: 'EST' };
	// TrackDto has no name; EventMetaDataDto no registration count; EventDto no contact_info (the state keeps them).
	const { event_id: _event, name: _name, ...track } = ev.default_track;
	const { registration_count: _count, ...metadata } = ev.event_metadata;
	const out = {
		...common,
		campaign_id: ev.event_id,
		event_start: ev.start_time,
		event_end: ev.end_time,
		time_zone: ev.time_zone_id,
		currency_type: ev.currency_type,
		last_update_time: ev.updated_time,
		default_track: { ...track, campaign_activity_id: campaignActivityId(ev) },
		event_metadata: metadata,
	};
	if (include) {
		// EventSettingsDto: whether payments are configured, nothing about registration being open or capped.
		const { registration_open: _open, max_registrations: _max, ...settings } = ev.event_settings;
		out.event_settings = settings;
	}
	return out;
}

/** A stable campaign activity ID per event (the seeded state has none). */
function campaignActivityId(ev) {
	return `ca${ev.event_id.slice(2)}`;
}

function findEvent(state, id) {
	const ev = state.events.find((e) => e.event_id === id);
	if (!ev) throw notFound(`Event ${id} was not found.`);
	return ev;
}

function findTrack(state, eventId, trackId) {
	const ev = findEvent(state, eventId);
	if (ev.default_track.track_id !== trackId) throw notFound(`Track ${trackId} was not found for event ${eventId}.`);
	return ev;
}

function boolParam(query, name) {
	const v = stringParam(query, name);
	if (v === undefined || v === '') return undefined;
	if (v !== 'true' && v !== 'false') throw badRequest(`The parameter ${name} must be true or false.`);
	return v === 'true';
}

function sortBy(list, field, order) {
	const dir = order === 'DESC' ? -1 : 1;
	return [...list].sort((a, b) => {
		const x = a[field];
		const y = b[field];
		if (x === y) return 0;
		if (x === undefined || x === null) return 1;
		if (y === undefined || y === null) return -1;
		if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
		return String(x).localeCompare(String(y)) * dir;
	});
}

/** Reads limit / page_size / next / prev; returns { offset, limit, filters } (filters from the cursor when paging). */
function paging(query, { kind, def, max, readFilters }) {
	const limit = intParam(query, 'limit', { def: undefined, min: 1, max });
	const pageSize = intParam(query, 'page_size', { def: undefined, min: 1, max });
	if (limit !== undefined && pageSize !== undefined && limit !== pageSize) {
		throw badRequest('limit and page_size must not differ when both are sent.');
	}
	if (query.next !== undefined && query.prev !== undefined) throw badRequest('Only one of next and prev may be sent.');
	const cursorText = query.next ?? query.prev;
	if (cursorText !== undefined) {
		const cur = decodeCursor(cursorText, kind);
		return { offset: cur.o, limit: limit ?? pageSize ?? cur.l ?? def, filters: cur.f };
	}
	return { offset: 0, limit: limit ?? pageSize ?? def, filters: readFilters() };
}

/**
 * The most IDs one bulk PUT may carry (size key `maxRegistrationIds`; 0 = no maximum, the default).
 * Constant Contact documents no maximum, and its refusal is UNVERIFIED: the emulator answers what a
 * validating Spring service most plausibly would, 400 with the usual error array (or 413, size key
 * `tooManyIdsStatus`, as a gateway would). Nothing is changed by a refused request.
 */
function checkIdCount(config, ids) {
	const max = config.maxRegistrationIds;
	if (!max || ids.length <= max) return;
	if (config.tooManyIdsStatus === 413) throw ccError(413, 'Request Entity Too Large', 'request.entity.too.large');
	throw badRequest(`registration_ids: size must be between 1 and ${max} (got ${ids.length}).`);
}

function idsFromBody(body, config) {
	const ids = body.registration_ids;
	if (!Array.isArray(ids) || ids.length === 0) throw badRequest('registration_ids is required and must be a non-empty array.');
	if (!ids.every((id) => typeof id === 'string' && id.length > 0)) throw badRequest('registration_ids must contain strings.');
	checkIdCount(config, ids);
	return ids;
}

function register(router) {
	router.get('/v3/account/user/privileges', authed((req, c) => ({
		status: 200,
		body: C.PRIVILEGES.map((name, i) => ({ privilege_id: 1000 + i, privilege_name: name })), // UserPrivilegesResource: an integer ID
	})));

	router.get('/v3/events', authed((req, c) => {
		const { offset, limit, filters } = paging(req.query, {
			kind: 'events',
			def: C.EVENTS_MAX_LIMIT,
			max: C.EVENTS_MAX_LIMIT,
			readFilters: () => {
				const status = stringParam(req.query, 'event_status');
				const statuses = status ? status.split(',').map((s) => s.trim()).filter(Boolean) : [];
				for (const s of statuses) if (!C.EVENT_STATUS.includes(s)) throw badRequest(`The parameter event_status must be one of ${C.EVENT_STATUS.join(', ')}.`);
				const sort = enumParam(req.query, 'sort_by', C.EVENT_SORT_BY);
				const order = enumParam(req.query, 'sort_order', C.SORT_ORDER);
				return { statuses, search: stringParam(req.query, 'search_text') || '', sort, order };
			},
		});
		let all = c.state.events.filter(
			(e) =>
				(filters.statuses.length ? filters.statuses.includes(e.event_status) : e.event_status !== 'DELETED') &&
				(!filters.search || e.name.toLowerCase().includes(filters.search.toLowerCase())),
		);
		all = filters.sort ? sortBy(all, filters.sort, filters.order || 'ASC') : sortBy(all, 'start_time', 'ASC');
		const body = page({ all, offset, limit, kind: 'events', filters, selfPath: `/v3/events?limit=${limit}` });
		body.records = body.records.map((e) => eventRecord(e, { detail: false }));
		return { status: 200, body };
	}, EVENTS));

	router.get('/v3/events/:event_id', authed((req, c) => {
		const include = boolParam(req.query, 'include');
		return { status: 200, body: eventRecord(findEvent(c.state, req.params.event_id), { detail: true, include }) };
	}, EVENTS));

	router.get('/v3/events/:event_id/tracks/:track_id/registrations', authed((req, c) => {
		const ev = findTrack(c.state, req.params.event_id, req.params.track_id);
		const { offset, limit, filters } = paging(req.query, {
			kind: `registrations:${ev.event_id}`,
			def: C.REGISTRATIONS_DEFAULT_LIMIT,
			max: C.REGISTRATIONS_MAX_LIMIT,
			readFilters: () => ({
				registrationStatus: enumParam(req.query, 'registration_status', C.REGISTRATION_STATUS),
				paymentStatus: enumParam(req.query, 'payment_status', C.PAYMENT_STATUS_FILTER),
				search: stringParam(req.query, 'search_text') || '',
				sort: enumParam(req.query, 'sort_by', C.REGISTRATION_SORT_BY),
				order: enumParam(req.query, 'sort_order', C.SORT_ORDER),
			}),
		});
		const needle = filters.search.toLowerCase();
		let all = c.state.registrations.filter(
			(r) =>
				r.event_id === ev.event_id &&
				r.track_key === req.params.track_id &&
				(!filters.registrationStatus || r.registration_status === filters.registrationStatus) &&
				(!filters.paymentStatus || r.payment_status === filters.paymentStatus) &&
				(!needle || [r.first_name, r.last_name, r.email_address].some((v) => v.toLowerCase().includes(needle))),
		);
		if (filters.sort) all = sortBy(all, filters.sort, filters.order || 'ASC');
		const selfPath = `/v3/events/${ev.event_id}/tracks/${req.params.track_id}/registrations?limit=${limit}`;
		const body = page({ all, offset, limit, kind: `registrations:${ev.event_id}`, filters, selfPath });
		body.records = body.records.map(listRecord);
		return { status: 200, body };
	}, EVENTS));

	router.get('/v3/events/:event_id/tracks/:track_id/registrations/:registration_id', authed((req, c) => {
		findTrack(c.state, req.params.event_id, req.params.track_id);
		const r = c.state.registrations.find(
			(x) => x.registration_id === req.params.registration_id && x.event_id === req.params.event_id && x.track_key === req.params.track_id,
		);
		if (!r) throw notFound(`Registration ${req.params.registration_id} was not found.`);
		return { status: 200, body: detailRecord(r) };
	}, EVENTS));

	// The headline: bulk payment status. Only registrations with a payment method are processed;
	// free ones are skipped silently (neither updated nor listed as failed). 200 no body, or 207.
	router.put('/v3/events/:event_id/tracks/:track_id/registrations/payment_status', authed((req, c) => {
		const ev = findTrack(c.state, req.params.event_id, req.params.track_id);
		const body = jsonBody(req);
		const ids = idsFromBody(body, c.state.config);
		if (typeof body.payment_status !== 'string' || !body.payment_status.trim()) {
			throw badRequest('payment_status is required.');
		}
		const status = body.payment_status.trim().toUpperCase();
		const now = c.now().toISOString();
		const failed = [];
		const skippedFree = [];
		const updated = [];
		for (const id of ids) {
			const r = c.state.registrations.find((x) => x.registration_id === id && x.event_id === ev.event_id && x.track_key === req.params.track_id);
			if (!r) {
				if (!failed.includes(id)) failed.push(id);
			} else if (!r.payment_method) {
				skippedFree.push(id);
			} else {
				r.payment_status = status;
				r.payment_status_as_sent = body.payment_status;
				if (status === 'PAID') r.payment_time = now;
				updated.push(id);
			}
		}
		c.state.bulkUpdates.push({
			kind: 'payment_status', event_id: ev.event_id, track_id: req.params.track_id, ids, status: body.payment_status, updated, failed, skippedFree, at: now,
		});
		if (failed.length) return { status: 207, body: { failed_registration_ids: failed } };
		return { status: 200 };
	}, EVENTS));

	// Sibling bulk endpoint: registration status (e.g. CANCELED). 200, or 207 with the same DTO.
	router.put('/v3/events/:event_id/tracks/:track_id/registrations', authed((req, c) => {
		const ev = findTrack(c.state, req.params.event_id, req.params.track_id);
		const flags = {
			increase_count: boolParam(req.query, 'increase_count'),
			increase_item_count: boolParam(req.query, 'increase_item_count'),
			return_items_to_inventory: boolParam(req.query, 'return_items_to_inventory') ?? true,
		};
		const body = jsonBody(req);
		const ids = idsFromBody(body, c.state.config);
		if (!C.REGISTRATION_STATUS.includes(body.registration_status)) {
			throw badRequest(`registration_status must be one of ${C.REGISTRATION_STATUS.join(', ')}.`);
		}
		const now = c.now().toISOString();
		const failed = [];
		const updated = [];
		for (const id of ids) {
			const r = c.state.registrations.find((x) => x.registration_id === id && x.event_id === ev.event_id && x.track_key === req.params.track_id);
			if (!r) {
				if (!failed.includes(id)) failed.push(id);
				continue;
			}
			r.registration_status = body.registration_status;
			if (body.registration_status === 'CANCELED') r.eligible_checkin_tickets = 0;
			updated.push(id);
		}
		c.state.bulkUpdates.push({
			kind: 'registration_status', event_id: ev.event_id, track_id: req.params.track_id, ids, status: body.registration_status, flags, updated, failed, skippedFree: [], at: now,
		});
		if (failed.length) return { status: 207, body: { failed_registration_ids: failed } };
		return { status: 200 };
	}, EVENTS));
}

module.exports = { register, listRecord, detailRecord };
