'use strict';
// Deterministic seeded Fourvenues state: channels and their keys, partner venues (organizations),
// locations, events, ticket rates, tickets and payments.
//
// - The seed document's payment (GET /payments/abcdefghi1234567890) is served verbatim, together with the
//   organization, event, ticket rate and ticket its ids point at (all "abcdefghi1234567890", as in the docs).
// - Everything else derives from rng + REFERENCE_DATE, never from the wall clock, except the "recent"
//   payments of the demo event: they are dated yesterday and today (UTC) so that the example workflow
//   ("yesterday's payments of an event") finds something. Their ids and amounts are still deterministic.
const C = require('./constants');

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const MIN = 60 * 1000;
const round2 = (x) => Math.round(x * 100) / 100;
const iso = (ms) => new Date(ms).toISOString();
const slugify = (s) =>
	s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The payment object of the seed document, byte for byte (key order included). */
const SEED_PAYMENT = Object.freeze({
	_id: C.SEED_ID,
	status: 'pending',
	rate_id: C.SEED_ID,
	organization_id: C.SEED_ID,
	event_id: C.SEED_ID,
	resource_type: 'ticket',
	resource_ids: [C.SEED_ID],
	total: { amount: 20.6, fees: 0.6 },
	send_resources: true,
	metadata: { user_id: C.SEED_ID, internal_id: C.SEED_ID },
	currency: 'EUR',
	paid_at: '2023-12-31T00:00:00.000Z',
	expires_at: '2024-01-01T00:00:00.000Z',
});

const VENUES = [
	{ name: 'Sala Aurora', city: 'Barcelona', address: 'Carrer de Pamplona', number: '88', country: 'ES', lat: 41.3976, lng: 2.1911, tz: 'Europe/Madrid' },
	{ name: 'Club Marea', city: 'Valencia', address: 'Passeig de Neptú', number: '12', country: 'ES', lat: 39.4623, lng: -0.3239, tz: 'Europe/Madrid' },
	{ name: 'Teatro Lumen', city: 'Madrid', address: 'Calle de Atocha', number: '125', country: 'ES', lat: 40.4114, lng: -3.6946, tz: 'Europe/Madrid' },
];
const EVENT_NAMES = ['Friday Night Sessions', 'Techno Saturdays', 'Latin Fever', 'Indie Rooftop', 'Closing Party', 'Afterwork Live', 'Neon Sundays', 'Summer Opening'];
const GENRES = ['techno', 'house', 'reggaeton', 'indie', 'pop', 'latin', 'electronic'];
const AMBIENCES = ['club', 'rooftop', 'live music', 'terrace'];
const ARTISTS = ['DJ Nerea', 'Marc Solà', 'Lúa', 'Kiko Ventura', 'Aitana Roig', 'The Tides'];
const FIRST = ['Lucía', 'Hugo', 'Martina', 'Pablo', 'Sofía', 'Álvaro', 'Carla', 'Mateo', 'Julia', 'Daniel', 'Noa', 'Iker'];
const LAST = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Fernández', 'Ruiz', 'Díaz', 'Moreno'];

const STATUS_WEIGHTS = [['paid', 60], ['pending', 10], ['expired', 15], ['cancelled', 5], ['refunded', 10]];
const RESOURCE_WEIGHTS = [['ticket', 75], ['list', 8], ['booking', 7], ['pass', 5], ['name-change', 3], ['plan', 2]];
const TICKET_STATUS_FOR_PAYMENT = { paid: 'active', pending: 'pending_payment', expired: 'voided', cancelled: 'voided', refunded: 'voided' };

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const newId = (rng) => rng.chars(32, ID_ALPHABET);

function location(rng, org, venue, id) {
	return {
		unic_id: `${org.slug}-${slugify(venue.city)}`,
		location_id: id,
		organization_id: org._id,
		name: venue.name,
		address: venue.address,
		number: venue.number,
		city: venue.city,
		country: venue.country,
		full_address: `${venue.address} ${venue.number}, ${venue.city}, ${venue.country}`,
		latitude: venue.lat,
		longitude: venue.lng,
		timezone: venue.tz,
	};
}

function price(rng, { id, name, amount, feeType, feeQuantity, validUntil }) {
	return {
		price: amount,
		valid_until: validUntil,
		quantity: 0,
		includes: rng.pick(['1 Drink', '', '2 Drinks', 'Cloakroom']),
		additional_info: '',
		_id: id,
		name,
		fee_type: feeType,
		fee_quantity: feeQuantity,
	};
}

const feeOf = (p) => round2(p.fee_type === 'percentage' ? (p.price * p.fee_quantity) / 100 : p.fee_quantity);

function ticketRate(rng, ev, { id, name, amount, feeType, feeQuantity, type }) {
	const validUntil = ev.start_date;
	const prices = [
		price(rng, { id: String(1643064796675 + rng.int(0, 9e8)), name: 'Early Bird', amount: round2(amount * 0.8), feeType, feeQuantity, validUntil: iso(Date.parse(ev.start_date) - 14 * DAY) }),
		price(rng, { id: String(1643064796675 + rng.int(9e8, 2e9)), name: 'Regular', amount, feeType, feeQuantity, validUntil }),
	];
	const sold = rng.int(10, 180);
	return {
		organization_id: ev.organization_id,
		event_id: ev._id,
		name,
		slug: slugify(`${name}-${ev.slug}`),
		valid_from: iso(Date.parse(ev.start_date) - 45 * DAY),
		complete: false,
		type,
		prices,
		supplements: [],
		available: true,
		availability: { sold, available: 200 - sold },
		min: 1,
		max: 10,
		questions: [],
		_id: id,
		show_all_prices: true,
		current_price: prices[1],
		warranty: { enabled: false, percentage: 0, hours: 0 },
	};
}

function person(rng) {
	const first = rng.pick(FIRST);
	const last = rng.pick(LAST);
	const mail = `${slugify(first)}.${slugify(last)}${rng.int(1, 99)}@example.com`;
	return { full_name: `${first} ${last}`, email: mail, phone: `+346${rng.digits(8)}` };
}

function ticket(rng, { id, ev, rate, channelId, status, createdMs, buyer, qrCode, fixedPrice }) {
	const p = fixedPrice || rate.current_price;
	const fee = fixedPrice ? fixedPrice.fee : feeOf(p);
	const organizationFee = round2(fee * 0.6);
	const t = {
		_id: id,
		event_id: ev._id,
		ticket_rate_id: rate._id,
		qr_code: qrCode || rng.chars(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'),
		status,
		price: { ...p },
		payment_currency: 'EUR',
		channel_id: channelId,
		fees: { organization: organizationFee, discocil: round2(fee - organizationFee) },
		full_name: buyer.full_name,
		phone: buyer.phone,
		email: buyer.email,
		gender: rng.int(0, 1),
		birthday: `${rng.int(1975, 2006)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
		address: `Calle Mayor ${rng.int(1, 120)}`,
		postal_code: `0${rng.int(8000, 8999)}`,
		country_code: 'ES',
		personal_document_type: 'dni',
		personal_document_number: `${rng.digits(8)}${rng.pick('TRWAGMYFPDXBNJZSQVHLCKE'.split(''))}`,
		answers: [],
		supplements: [],
		refunded: 0,
		refunded_at: null,
		refunds: [],
		for: 1,
		enter: 0,
		entry_time: null,
		total_supplements: 0,
		total_fees: fee,
		total_price: round2(p.price + fee),
		warranty: { total: 0, hours: 0 },
		created_at: iso(createdMs),
	};
	if (fixedPrice) delete t.price.fee;
	if (status === 'voided' && rng.bool(0.5)) {
		t.refunded = t.total_price;
		t.refunded_at = iso(createdMs + 3 * DAY);
		t.refunds = [{ channel_id: channelId, amount: t.total_price, at: t.refunded_at }];
	}
	return t;
}

/** A payment as GET /payments/{id} shows it (field order of the docs' example). */
function paymentRecord({ id, status, rate, ev, resourceType, resourceIds, amount, fees, sendResources, metadata, paidMs, createdMs }) {
	return {
		_id: id,
		status,
		rate_id: rate._id,
		organization_id: ev.organization_id,
		event_id: ev._id,
		resource_type: resourceType,
		resource_ids: resourceIds,
		total: { amount: round2(amount), fees: round2(fees) },
		send_resources: sendResources,
		metadata,
		currency: 'EUR',
		paid_at: iso(paidMs),
		expires_at: iso(createdMs + 15 * MIN),
	};
}

function createState({ seed, size = {}, rng }) {
	const nPayments = Math.max(0, Number(size.payments ?? 150));
	const eventsPerOrg = Math.max(1, Number(size.eventsPerOrg ?? 4));
	const ref = Date.parse(C.REFERENCE_DATE);

	// ---- channels, venues, keys
	const seedOrg = { _id: C.SEED_ID, name: 'Docs Example Venue', slug: 'docs-example-venue', created_at: '2023-06-01T00:00:00.000Z' };
	const orgs = [seedOrg];
	VENUES.forEach((v, k) => {
		orgs.push({ _id: newId(rng), name: v.name, slug: slugify(v.name), created_at: iso(Date.parse('2024-01-15T00:00:00.000Z') + k * 40 * DAY) });
	});
	const [, aurora, marea, lumen] = orgs;
	const venueOf = new Map([[seedOrg._id, { ...VENUES[0], name: 'Docs Example Hall' }], [aurora._id, VENUES[0]], [marea._id, VENUES[1]], [lumen._id, VENUES[2]]]);

	const demoChannel = { _id: newId(rng), name: 'Emulator Marketplace', slug: 'emulator-marketplace', host_ids: [seedOrg._id, aurora._id, marea._id] };
	const otherChannel = { _id: newId(rng), name: 'Other Marketplace', slug: 'other-marketplace', host_ids: [lumen._id] };
	const apiKeys = [
		{ key: C.DEMO_KEY, channelId: demoChannel._id, permissions: ['*'], expires_at: '2099-12-31T23:59:59.000Z', revoked: false },
		{ key: C.OTHER_CHANNEL_KEY, channelId: otherChannel._id, permissions: ['*'], expires_at: '2099-12-31T23:59:59.000Z', revoked: false },
		{ key: C.EXPIRED_KEY, channelId: demoChannel._id, permissions: ['*'], expires_at: '2025-01-01T00:00:00.000Z', revoked: false },
		{ key: C.EVENTS_ONLY_KEY, channelId: demoChannel._id, permissions: ['Auth', 'Event', 'Organization'], expires_at: '2099-12-31T23:59:59.000Z', revoked: false },
	];

	// ---- locations
	const locations = orgs.map((org) => location(rng, org, venueOf.get(org._id), org._id === C.SEED_ID ? C.SEED_ID : newId(rng)));
	const locationOf = (orgId) => locations.find((l) => l.organization_id === orgId);

	// ---- events + ticket rates
	const events = [];
	const ticketRates = [];
	const makeEvent = (org, { id, name, startMs }) => {
		const loc = locationOf(org._id);
		const start = startMs;
		const ev = {
			_id: id,
			name,
			slug: slugify(`${name}-${iso(start).slice(0, 10)}`),
			description: `${name} at ${loc.name}`,
			display_date: `${iso(start).slice(0, 10)}T00:00:00.000Z`,
			start_date: iso(start),
			end_date: iso(start + 7 * HOUR),
			organization_id: org._id,
			location_id: loc.location_id,
			location: { ...loc },
			age: rng.pick(['16', '18', '21']),
			outfit: rng.pick(['smart casual', 'casual', 'no dress code']),
			ambiences: [rng.pick(AMBIENCES)],
			music_genres: [rng.pick(GENRES), rng.pick(GENRES)].filter((g, k, a) => a.indexOf(g) === k),
			artists: [{ name: rng.pick(ARTISTS), image_url: `https://cdn.fourvenues.example/artists/${rng.hex(8)}.jpg` }],
			image_url: `https://cdn.fourvenues.example/events/${slugify(name)}.jpg`,
			ticket_rates: [],
		};
		events.push(ev);
		return ev;
	};
	const addRates = (ev, ids) => {
		const general = ticketRate(rng, ev, { id: ids[0], name: 'General Access', amount: rng.pick([12, 15, 18, 20, 25]), feeType: 'percentage', feeQuantity: 10, type: 'public' });
		const vip = ticketRate(rng, ev, { id: ids[1], name: 'VIP', amount: rng.pick([35, 40, 50, 60]), feeType: 'fixed', feeQuantity: 2.5, type: 'limited' });
		ticketRates.push(general, vip);
		ev.ticket_rates = [general, vip].map((r) => ({ _id: r._id, name: r.name, slug: r.slug, type: r.type, available: r.available, current_price: r.current_price }));
		return [general, vip];
	};

	// The seed's event and ticket rate (ids from the seed document).
	const seedEvent = makeEvent(seedOrg, { id: C.SEED_ID, name: 'New Year Warm-Up', startMs: Date.parse('2024-01-05T22:00:00.000Z') });
	const seedRate = {
		organization_id: C.SEED_ID,
		event_id: C.SEED_ID,
		name: 'General Access',
		slug: 'general-access',
		valid_from: '2023-12-01T00:00:00.000Z',
		complete: false,
		type: 'public',
		prices: [
			{ price: 20, valid_until: '2024-01-05T22:00:00.000Z', quantity: 0, includes: '1 Drink', additional_info: '', _id: '1643064796675', name: 'General', fee_type: 'fixed', fee_quantity: 0.6 },
		],
		supplements: [],
		available: true,
		availability: { sold: 1, available: 199 },
		min: 1,
		max: 10,
		questions: [],
		_id: C.SEED_ID,
		show_all_prices: true,
		current_price: null,
		warranty: { enabled: false, percentage: 0, hours: 0 },
	};
	seedRate.current_price = seedRate.prices[0];
	ticketRates.push(seedRate);
	seedEvent.ticket_rates = [{ _id: seedRate._id, name: seedRate.name, slug: seedRate.slug, type: seedRate.type, available: true, current_price: seedRate.current_price }];

	for (const org of [aurora, marea, lumen]) {
		for (let k = 0; k < eventsPerOrg; k++) {
			const name = EVENT_NAMES[(orgs.indexOf(org) * 3 + k) % EVENT_NAMES.length];
			const startMs = ref + (k - Math.floor(eventsPerOrg / 2)) * 7 * DAY + rng.int(0, 2) * DAY + 22 * HOUR;
			const ev = makeEvent(org, { id: newId(rng), name, startMs });
			addRates(ev, [newId(rng), newId(rng)]);
		}
	}
	const ratesOf = (evId) => ticketRates.filter((r) => r.event_id === evId);
	const channelOfOrg = (orgId) => (otherChannel.host_ids.includes(orgId) ? otherChannel : demoChannel);

	// ---- tickets + payments
	const tickets = [];
	const payments = [];

	// The seed payment's ticket.
	tickets.push(
		ticket(rng, {
			id: C.SEED_ID,
			ev: seedEvent,
			rate: seedRate,
			channelId: demoChannel._id,
			status: TICKET_STATUS_FOR_PAYMENT.pending,
			createdMs: Date.parse('2023-12-31T00:00:00.000Z'),
			buyer: { full_name: 'John Doe', email: 'john.doe@example.com', phone: '+34666666666' },
			qrCode: 'ABCDE12345',
			fixedPrice: { ...seedRate.current_price, fee: 0.6 },
		}),
	);
	payments.push(JSON.parse(JSON.stringify(SEED_PAYMENT)));

	const makePayment = ({ ev, status, resourceType, paidMs, nTickets }) => {
		const channel = channelOfOrg(ev.organization_id);
		const rate = rng.pick(ratesOf(ev._id));
		const id = newId(rng);
		const createdMs = paidMs - rng.int(1, 9) * MIN;
		let amount = 0;
		let fees = 0;
		let resourceIds;
		if (resourceType === 'ticket') {
			const buyer = person(rng);
			resourceIds = [];
			for (let k = 0; k < nTickets; k++) {
				const t = ticket(rng, { id: newId(rng), ev, rate, channelId: channel._id, status: TICKET_STATUS_FOR_PAYMENT[status], createdMs, buyer });
				tickets.push(t);
				resourceIds.push(t._id);
				amount += t.total_price;
				fees += t.total_fees;
			}
		} else {
			resourceIds = [newId(rng)];
			amount = rng.pick([10, 15, 25, 40, 120, 250]);
			fees = round2(amount * 0.05);
			amount += fees;
		}
		const sendResources = rng.bool(0.8);
		const metadata = rng.bool(0.6) ? { user_id: newId(rng).slice(0, 19), internal_id: `ORD-${rng.digits(6)}` } : {};
		const p = paymentRecord({ id, status, rate, ev, resourceType, resourceIds, amount, fees, sendResources, metadata, paidMs, createdMs });
		// Production payments reportedly carry undocumented extras (UNVERIFIED): keep some so clients must pass them through.
		if (rng.bool(0.35)) Object.assign(p, { sale_type: 'online', is_channel_manager: true, total_discount: 0 });
		payments.push(p);
		return p;
	};

	const generated = events.filter((e) => e._id !== C.SEED_ID);
	for (let k = 0; k < nPayments; k++) {
		const ev = generated[k % generated.length];
		const evStart = Date.parse(ev.start_date);
		const paidMs = Math.min(evStart - HOUR, ref) - rng.int(0, 40 * 24) * HOUR - rng.int(0, 59) * MIN;
		makePayment({
			ev,
			status: rng.weighted(STATUS_WEIGHTS),
			resourceType: k < 6 ? ['ticket', 'list', 'booking', 'pass', 'name-change', 'plan'][k] : rng.weighted(RESOURCE_WEIGHTS),
			paidMs,
			nTickets: k === 0 ? 3 : rng.weighted([[1, 50], [2, 30], [3, 12], [4, 8]]),
		});
	}

	// "Recent" payments of the demo event: yesterday and today (UTC), for the example workflow.
	const demoEvent = generated.filter((e) => e.organization_id === aurora._id).pop();
	const today = Math.floor(Date.now() / DAY) * DAY;
	const recent = [];
	const recentStatuses = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'pending', 'pending', 'expired', 'refunded', 'cancelled'];
	recentStatuses.forEach((status, k) => {
		recent.push(makePayment({ ev: demoEvent, status, resourceType: 'ticket', paidMs: today - DAY + (k * 2 + 1) * HOUR + rng.int(0, 59) * MIN, nTickets: rng.int(1, 3) }));
	});
	for (const status of ['paid', 'paid', 'pending']) {
		recent.push(makePayment({ ev: demoEvent, status, resourceType: 'ticket', paidMs: today + rng.int(0, 30) * MIN, nTickets: 1 }));
	}

	const byPaidDesc = (a, b) => (a.paid_at < b.paid_at ? 1 : a.paid_at > b.paid_at ? -1 : a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
	payments.sort(byPaidDesc);
	tickets.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a._id < b._id ? -1 : 1));
	events.sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : a._id < b._id ? -1 : 1));

	const firstOf = (pred) => (payments.find(pred) || {})._id;
	const demoVisible = (p) => demoChannel.host_ids.includes(p.organization_id) && !recent.includes(p) && p._id !== C.SEED_ID;
	return {
		seed,
		maxLimit: Math.max(1, Number(size.maxLimit ?? C.DEFAULT_MAX_LIMIT)),
		channels: [demoChannel, otherChannel],
		apiKeys,
		organizations: orgs,
		locations,
		events,
		ticketRates,
		tickets,
		payments,
		webhookEndpoints: [],
		fixtures: {
			seedPaymentId: C.SEED_ID,
			seedEventId: C.SEED_ID,
			seedOrganizationId: C.SEED_ID,
			seedTicketId: C.SEED_ID,
			seedTicketCode: 'ABCDE12345',
			demoChannelId: demoChannel._id,
			demoOrganizationId: aurora._id,
			secondOrganizationId: marea._id,
			otherChannelOrganizationId: lumen._id,
			demoEventId: demoEvent._id,
			recentPaymentIds: recent.map((p) => p._id),
			multiTicketPaymentId: firstOf((p) => demoVisible(p) && p.resource_type === 'ticket' && p.resource_ids.length >= 3),
			listPaymentId: firstOf((p) => demoVisible(p) && p.resource_type === 'list'),
			otherChannelPaymentId: firstOf((p) => p.organization_id === lumen._id),
			extraFieldsPaymentId: firstOf((p) => demoVisible(p) && 'sale_type' in p),
		},
	};
}

module.exports = { createState, paymentRecord, SEED_PAYMENT };
