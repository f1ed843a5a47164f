'use strict';
// Constant Contact control calls (under /_emulator/constant-contact/...): registrations appear and change
// between two polls of a trigger, as attendees register and organisers record payments in the web UI.
// Constant Contact sends no webhooks for these, so a trigger polls the registrations list; these calls let a
// test place changes between polls, with the timestamps it chooses (several in one second included).
//
//   POST  /_emulator/constant-contact/registrations       one object or an array of them:
//         { event_id? (fixture event), registration_status? ('REGISTERED'), payment_method? ('DOOR'; null = free),
//           payment_status? (PENDING offline, PAID online, UNKNOWN free), registration_time? (ISO, default now),
//           payment_time?, first_name?, last_name?, email_address?, tickets? (1), price? (25) }
//         -> 201 { registrations: [list record + event_id, payment_method] }
//   PATCH /_emulator/constant-contact/registrations/:id  { payment_status?, registration_status?, payment_method?,
//           payment_time?, registration_time? } -> 200 { registration, previous }
//   PATCH /_emulator/constant-contact/events/:id  { default_track_id } -> 200 { event_id, default_track_id, previous, moved }
//         the organiser replaces the event's default track: its registrations move to the new key, and the old
//         key answers 404 from then on (what a client that remembered it meets).
const crypto = require('crypto');
const { HttpError } = require('../../core/http-error');
const C = require('./constants');
const { listRecord } = require('./events');

const bad = (m) => new HttpError(400, m);
const ONLINE = ['PAYPAL', 'WEPAY', 'STRIPE'];
const PAYMENT_STATUSES = [...C.PAYMENT_STATUS_FILTER, 'UNKNOWN'];

function isoParam(v, name) {
	if (v === undefined) return undefined;
	if (v === null && name === 'payment_time') return null;
	if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw bad(`${name} must be an ISO date-time`);
	return new Date(Date.parse(v)).toISOString();
}

function checkStatuses(b) {
	if (b.registration_status !== undefined && !C.REGISTRATION_STATUS.includes(b.registration_status)) {
		throw bad(`registration_status must be one of ${C.REGISTRATION_STATUS.join(', ')}`);
	}
	if (b.payment_status !== undefined && !PAYMENT_STATUSES.includes(b.payment_status)) throw bad(`payment_status must be one of ${PAYMENT_STATUSES.join(', ')}`);
	if (b.payment_method !== undefined && b.payment_method !== null && !C.PAYMENT_METHODS.includes(b.payment_method)) {
		throw bad(`payment_method must be null or one of ${C.PAYMENT_METHODS.join(', ')}`);
	}
}

function makeRegistration(state, b, now) {
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw bad('each registration must be an object');
	checkStatuses(b);
	const eventId = b.event_id ?? state.fixtures.eventId;
	const ev = state.events.find((e) => e.event_id === eventId);
	if (!ev) throw bad(`unknown event_id ${eventId}`);
	const method = b.payment_method === undefined ? 'DOOR' : b.payment_method;
	const status = b.registration_status ?? 'REGISTERED';
	const paymentStatus = b.payment_status ?? (!method ? 'UNKNOWN' : ONLINE.includes(method) ? 'PAID' : 'PENDING');
	const time = isoParam(b.registration_time, 'registration_time') ?? now.toISOString();
	const tickets = b.tickets ?? 1;
	if (!(Number.isInteger(tickets) && tickets >= 1)) throw bad('tickets must be an integer >= 1');
	const price = method ? b.price ?? 25 : 0;
	const n = state.registrations.length;
	const first = b.first_name ?? 'Polly';
	const last = b.last_name ?? `Tester${n + 1}`;
	return {
		event_id: ev.event_id,
		payment_method: method,
		registration_id: crypto.randomUUID(),
		contact_id: crypto.randomUUID(),
		registration_status: status,
		payment_status: paymentStatus,
		first_name: first,
		last_name: last,
		email_address: b.email_address ?? `${first}.${last}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + '@example.com',
		new_contact: true,
		registration_time: time,
		tickets,
		total: Math.round(price * tickets * 100) / 100,
		track_key: ev.default_track.track_id,
		checkedIn_tickets: 0,
		checkin_status: 'NOT_CHECKED_IN',
		eligible_checkin_tickets: status === 'REGISTERED' ? tickets : 0,
		display_physical_tickets: false,
		tickets_detail: Array.from({ length: tickets }, () => ({
			order_ticket_key: crypto.randomBytes(5).toString('hex'), ticket_name: method ? 'General Admission' : 'Free Admission', price, checked_in_time: null, fields: [],
		})),
		order_number: String(200000 + n),
		payment_time: isoParam(b.payment_time, 'payment_time') ?? (paymentStatus === 'PAID' ? time : null),
		payment_transaction_id: method && ONLINE.includes(method) ? `${method.toLowerCase()}_${crypto.randomBytes(8).toString('hex')}` : null,
	};
}

const view = (r) => ({ ...listRecord(r), event_id: r.event_id, payment_method: r.payment_method, payment_time: r.payment_time });

function control(router) {
	router.post('/registrations', (req, ctx) => {
		const list = Array.isArray(req.body) ? req.body : [req.body || {}];
		const now = ctx.now();
		const made = list.map((b) => makeRegistration(ctx.state, b, now));
		for (const r of made) {
			ctx.state.registrations.push(r);
			const ev = ctx.state.events.find((e) => e.event_id === r.event_id);
			ev.event_metadata.registration_count += 1;
		}
		return { status: 201, body: { registrations: made.map(view) } };
	});

	router.patch('/events/:id', (req, ctx) => {
		const b = req.body || {};
		const ev = ctx.state.events.find((e) => e.event_id === req.params.id);
		if (!ev) throw new HttpError(404, `unknown event ${req.params.id}`);
		if (typeof b.default_track_id !== 'string' || !/^[a-z0-9]{1,20}$/.test(b.default_track_id)) throw bad('default_track_id must be a short lower-case key such as gqz1gb');
		const previous = ev.default_track.track_id;
		const moving = ctx.state.registrations.filter((r) => r.event_id === ev.event_id && r.track_key === previous);
		for (const r of moving) r.track_key = b.default_track_id;
		ev.default_track.track_id = b.default_track_id;
		return { status: 200, body: { event_id: ev.event_id, default_track_id: b.default_track_id, previous, moved: moving.length } };
	});

	router.patch('/registrations/:id', (req, ctx) => {
		const b = req.body || {};
		if (typeof b !== 'object' || Array.isArray(b)) throw bad('body must be an object');
		for (const k of Object.keys(b)) {
			if (!['payment_status', 'registration_status', 'payment_method', 'payment_time', 'registration_time'].includes(k)) throw bad(`"${k}" cannot be changed`);
		}
		checkStatuses(b);
		const r = ctx.state.registrations.find((x) => x.registration_id === req.params.id);
		if (!r) throw new HttpError(404, `unknown registration ${req.params.id}`);
		const previous = view(r);
		if (b.payment_method !== undefined) r.payment_method = b.payment_method;
		if (b.payment_status !== undefined) {
			r.payment_status = b.payment_status;
			delete r.payment_status_as_sent;
			if (b.payment_status === 'PAID' && b.payment_time === undefined) r.payment_time = ctx.now().toISOString();
		}
		if (b.payment_time !== undefined) r.payment_time = isoParam(b.payment_time, 'payment_time');
		if (b.registration_time !== undefined) r.registration_time = isoParam(b.registration_time, 'registration_time');
		if (b.registration_status !== undefined) {
			r.registration_status = b.registration_status;
			r.eligible_checkin_tickets = b.registration_status === 'REGISTERED' ? r.tickets : 0;
		}
		return { status: 200, body: { registration: view(r), previous } };
	});
}

module.exports = { control, makeRegistration };
