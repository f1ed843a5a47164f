'use strict';
// Deterministic seeded Constant Contact state: apps, tokens, events (each with a default track)
// and registrations. Everything derives from rng + REFERENCE_DATE, never from the wall clock
// (except token expiry, which must be relative to "now" to be meaningful).
const C = require('./constants');

const DAY = 24 * 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString();
const round2 = (x) => Math.round(x * 100) / 100;

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dev', 'Elif', 'Finn', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kira', 'Liam', 'Maya', 'Noah', 'Olu', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Adams', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'García', 'Hughes', 'Ito', 'Jensen', 'Khan', 'López', 'Müller', 'Nakamura', "O'Brien", 'Patel'];
const EVENT_NAMES = [
	'Harvest Gala Dinner', 'Spring Charity Run', 'Members Annual Meeting', 'Jazz on the Lawn', 'Winter Craft Fair',
	'Volunteer Training Day', 'Board Retreat', 'Summer Camp Open House', 'Fundraising Auction', 'Book Club Night',
];
const TICKET_NAMES = ['General Admission', 'VIP', 'Student', 'Table for Two'];

function trackKey(rng) {
	return rng.chars(6, 'abcdefghijklmnopqrstuvwxyz0123456789');
}

function makeEvent(rng, i, ref) {
	const start = ref + i * 9 * DAY + rng.int(8, 20) * 3600 * 1000;
	const created = ref - rng.int(20, 200) * DAY;
	const status = i === 0 || i === 1 ? 'ACTIVE' : rng.weighted([['ACTIVE', 5], ['DRAFT', 2], ['COMPLETE', 2], ['CANCELLED', 1]]);
	const paid = i <= 1 ? true : rng.bool(0.6);
	const name = `${EVENT_NAMES[i % EVENT_NAMES.length]}${i >= EVENT_NAMES.length ? ` ${Math.floor(i / EVENT_NAMES.length) + 1}` : ''}`;
	const trackId = trackKey(rng);
	return {
		event_id: rng.uuid(),
		name,
		title: name,
		description: `${name}, organised with Constant Contact Events (emulated).`,
		type: 'SINGLE_DAY',
		event_status: status,
		start_time: iso(start),
		end_time: iso(start + rng.int(2, 6) * 3600 * 1000),
		time_zone_id: 'America/New_York',
		currency_type: 'USD',
		created_time: iso(created),
		updated_time: iso(created + rng.int(1, 15) * DAY),
		default_track: { track_id: trackId, name: 'Default Track', event_id: undefined },
		event_metadata: { paid_event: paid, registration_count: 0 },
		event_settings: {
			payment_configured: paid,
			online_payment_configured: paid && rng.bool(0.7),
			registration_open: status === 'ACTIVE',
			max_registrations: 2000,
		},
		contact_info: { organization_name: 'Emulator Nonprofit', email_address: 'events@emulator-nonprofit.example.org' },
	};
}

/**
 * opts.free: probability of a free registration; opts.freeEvery: every n-th is free (deterministic).
 */
function makeRegistration(rng, ev, i, ref, { paidEvent, freeEvery }) {
	const first = FIRST[rng.int(0, FIRST.length - 1)];
	const last = LAST[rng.int(0, LAST.length - 1)];
	const free = !paidEvent || (freeEvery ? i % freeEvery === freeEvery - 1 : false);
	const method = free ? null : rng.weighted([['DOOR', 35], ['CHECK', 25], ['STRIPE', 20], ['PAYPAL', 15], ['WEPAY', 5]]);
	const offline = method === 'DOOR' || method === 'CHECK';
	const status = free ? 'REGISTERED' : rng.weighted([['REGISTERED', 90], ['PENDING', 6], ['CANCELED', 4]]);
	let paymentStatus = 'UNKNOWN';
	if (!free) {
		if (offline) paymentStatus = status === 'CANCELED' ? 'CANCELLED' : 'PENDING';
		else paymentStatus = rng.weighted([['PAID', 85], ['REFUNDED', 8], ['FAILED', 7]]);
	}
	const tickets = free ? 1 : rng.int(1, 4);
	const price = free ? 0 : rng.pick([15, 25, 40, 75]);
	const time = ref - rng.int(1, 60) * DAY - rng.int(0, 86399) * 1000;
	const registrationId = rng.uuid();
	const email = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + `${i}@example.com`;
	const ticketList = Array.from({ length: tickets }, (_, k) => ({
		order_ticket_key: `${rng.alnum(10)}`,
		ticket_name: free ? 'Free Admission' : TICKET_NAMES[k % TICKET_NAMES.length],
		price: round2(price),
		checked_in_time: null,
		fields: [],
	}));
	return {
		// --- internal ---
		event_id: ev.event_id,
		payment_method: method,
		// --- API fields ---
		registration_id: registrationId,
		contact_id: rng.uuid(),
		registration_status: status,
		payment_status: paymentStatus,
		first_name: first,
		last_name: last,
		email_address: email,
		new_contact: rng.bool(0.3),
		registration_time: iso(time),
		tickets,
		total: round2(price * tickets),
		track_key: ev.default_track.track_id,
		checkedIn_tickets: 0,
		checkin_status: 'NOT_CHECKED_IN',
		eligible_checkin_tickets: status === 'REGISTERED' ? tickets : 0,
		display_physical_tickets: false,
		tickets_detail: ticketList,
		order_number: String(100000 + i),
		payment_time: paymentStatus === 'PAID' ? iso(time + 60000) : null,
		payment_transaction_id: method && !offline ? `${method.toLowerCase()}_${rng.alnum(16)}` : null,
	};
}

/**
 * size: { events=6, registrations=40 (main fixture event), otherRegistrations=8 (second event),
 *         freeEvery=7, perSecond=4, dailyQuota=10000, accessTokenTtl=86400, tokenPerSecond=1,
 *         maxRegistrationIds=0 (no maximum per bulk PUT), tooManyIdsStatus=400 (or 413) }
 */
function createState({ size = {}, rng }) {
	const ref = Date.parse(C.REFERENCE_DATE);
	const nEvents = Math.max(2, size.events ?? 6);
	const events = [];
	for (let i = 0; i < nEvents; i++) {
		const ev = makeEvent(rng, i, ref);
		ev.default_track.event_id = ev.event_id;
		events.push(ev);
	}
	const registrations = [];
	const freeEvery = size.freeEvery ?? 7;
	events.forEach((ev, e) => {
		const n = e === 0 ? (size.registrations ?? 40) : e === 1 ? (size.otherRegistrations ?? 8) : rng.int(0, 5);
		for (let i = 0; i < n; i++) {
			registrations.push(makeRegistration(rng, ev, i, ref, { paidEvent: ev.event_metadata.paid_event, freeEvery }));
		}
		ev.event_metadata.registration_count = n;
	});

	const now = Date.now();
	const apps = [
		{ client_id: C.DEMO_CLIENT_ID, client_secret: C.DEMO_CLIENT_SECRET, refresh_token_type: 'long_lived', name: 'n8n (emulated)' },
		{ client_id: C.ROTATING_CLIENT_ID, client_secret: C.ROTATING_CLIENT_SECRET, refresh_token_type: 'rotating', name: 'n8n rotating (emulated)' },
	];
	const scope = ['campaign_data', 'offline_access'];
	const accessTokens = new Map([
		[C.DEMO_ACCESS_TOKEN, { client_id: C.DEMO_CLIENT_ID, scope, expiresAt: now + 365 * DAY }],
		[C.EXPIRED_ACCESS_TOKEN, { client_id: C.DEMO_CLIENT_ID, scope, expiresAt: now - 1000 }],
		[C.NO_SCOPE_ACCESS_TOKEN, { client_id: C.DEMO_CLIENT_ID, scope: ['offline_access'], expiresAt: now + 365 * DAY }],
		[C.ROTATING_EXPIRED_ACCESS_TOKEN, { client_id: C.ROTATING_CLIENT_ID, scope, expiresAt: now - 1000 }],
	]);
	const refreshTokens = new Map([
		[C.DEMO_REFRESH_TOKEN, { client_id: C.DEMO_CLIENT_ID, scope, lastUsed: now, revoked: false, family: 'demo' }],
		[C.ROTATING_REFRESH_TOKEN, { client_id: C.ROTATING_CLIENT_ID, scope, lastUsed: now, revoked: false, family: 'rotating-1' }],
	]);

	const main = events[0];
	const mainRegs = registrations.filter((r) => r.event_id === main.event_id);
	const payable = mainRegs.filter((r) => r.payment_method);
	return {
		config: {
			perSecond: size.perSecond ?? C.REQUESTS_PER_SECOND,
			dailyQuota: size.dailyQuota ?? C.DAILY_QUOTA,
			accessTokenTtl: size.accessTokenTtl ?? C.ACCESS_TOKEN_TTL_SECONDS,
			tokenPerSecond: size.tokenPerSecond ?? C.TOKEN_REQUESTS_PER_SECOND,
			maxRegistrationIds: size.maxRegistrationIds ?? 0,
			tooManyIdsStatus: size.tooManyIdsStatus === 413 ? 413 : 400,
		},
		apps,
		accessTokens,
		refreshTokens,
		authCodes: new Map(),
		/** client_id -> { day: 'YYYY-MM-DD', used } */
		quota: new Map(),
		/** client_id -> accepted request times (ms) in the last second */
		recent: new Map(),
		/** client_id -> token endpoint request times */
		tokenRecent: new Map(),
		events,
		registrations,
		/** Every PUT on the bulk endpoints, for tests: { kind, event_id, track_id, ids, status, failed, skippedFree, at } */
		bulkUpdates: [],
		fixtures: {
			eventId: main.event_id,
			trackId: main.default_track.track_id,
			eventName: main.name,
			secondEventId: events[1].event_id,
			secondTrackId: events[1].default_track.track_id,
			payableRegistrationIds: payable.map((r) => r.registration_id),
			offlinePendingRegistrationIds: payable
				.filter((r) => (r.payment_method === 'DOOR' || r.payment_method === 'CHECK') && r.payment_status === 'PENDING')
				.map((r) => r.registration_id),
			freeRegistrationIds: mainRegs.filter((r) => !r.payment_method).map((r) => r.registration_id),
			secondEventRegistrationIds: registrations.filter((r) => r.event_id === events[1].event_id).map((r) => r.registration_id),
		},
	};
}

module.exports = { createState, DAY };
