'use strict';
// Deterministic seeded state of an emulated WordPress site running Restrict Content Pro + its REST API add-on.
// Every value is derived from the rng and fixed dates (never the wall clock). Database values are strings,
// as WordPress returns them from $wpdb (INFERENCE, docs/providers/restrict-content-pro.md "Response shapes").
const C = require('./constants');

const DAY = 24 * 3600 * 1000;
const money = (x) => (Math.round(x * 100) / 100).toFixed(2);
const pad = (n) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD HH:MM:SS' (MySQL DATETIME) of a UTC millisecond time; the site's time zone is UTC. */
function mysqlDate(ms) {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dario', 'Elif', 'Finn', 'Greta', 'Hugo', 'Iris', 'Jonas', 'Kira', 'Luca', 'Mira', 'Nils', 'Olga', 'Paul', 'Rosa', 'Sami', 'Tara', 'Uwe'];
const LAST_NAMES = ['Novak', 'Berger', 'Costa', 'Dahl', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Lund', 'Meyer', 'Nieminen', 'Okafor', 'Petrov'];

function makeLevels() {
	return C.LEVELS.map((l, i) => ({
		id: String(i + 1),
		name: l.name,
		description: l.description,
		duration: l.duration,
		duration_unit: l.duration_unit,
		trial_duration: '0',
		trial_duration_unit: 'day',
		price: l.price,
		fee: l.fee,
		list_order: String(i),
		level: '0',
		status: l.status,
		role: 'subscriber',
		date_created: mysqlDate(Date.parse('2024-01-15T09:00:00Z') + i * DAY),
		date_modified: mysqlDate(Date.parse('2025-06-01T09:00:00Z') + i * DAY),
	}));
}

function makeMembers(rng, count) {
	const members = [];
	for (let i = 0; i < count; i++) {
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const last = rng.pick(LAST_NAMES);
		members.push({
			id: 10 + i,
			customerId: i + 1,
			login: `${first}.${last}`.toLowerCase(),
			email: `${first}.${last}${i}@members.example.com`.toLowerCase(),
			name: `${first} ${last}`,
			meta: {},
		});
	}
	return members;
}

const GATEWAYS = [
	['stripe', 50],
	['paypal', 30],
	['manual', 20],
];

function transactionFor(rng, gateway) {
	if (gateway === 'stripe') return `ch_${rng.alnum(24)}`;
	if (gateway === 'paypal') return rng.chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
	return '';
}

const PAYMENT_TYPE = { stripe: 'Credit Card', paypal: 'PayPal', manual: 'manual' };

/** One wp_rcp_payments row (all values strings, columns in table order); `id` is assigned later. */
function makePayment(rng, { member, level, status, gateway, dateMs, discount = false, transactionType = 'new', transactionId }) {
	const subtotal = Number(level.price);
	const fees = transactionType === 'new' ? Number(level.fee) : 0;
	const discountAmount = discount ? Math.round(subtotal * 10) / 100 : 0;
	const row = {
		id: '',
		customer_id: String(member.customerId),
		membership_id: String(member.customerId * 10 + Number(level.id)),
		subscription: level.name,
		object_id: level.id,
		object_type: 'subscription',
		date: mysqlDate(dateMs),
		amount: money(subtotal + fees - discountAmount),
		subtotal: money(subtotal),
		credits: '0.00',
		fees: money(fees),
		discount_amount: money(discountAmount),
		discount_code: discount ? 'WELCOME10' : '',
		user_id: String(member.id),
		payment_type: PAYMENT_TYPE[gateway],
		transaction_type: transactionType,
		subscription_key: rng.hex(32),
		transaction_id: transactionId !== undefined ? transactionId : status === 'pending' ? '' : transactionFor(rng, gateway),
		status,
		gateway,
	};
	return row;
}

function createState({ size, rng }) {
	const nPayments = Math.max(12, size.payments ?? 60);
	const levels = makeLevels();
	const members = makeMembers(rng, Math.max(4, size.members ?? 20));
	const active = levels.filter((l) => l.status === 'active' && Number(l.price) > 0);
	const byName = (n) => levels.find((l) => l.name === n);
	const at = (s) => Date.parse(`${s}Z`);

	// Fixtures around FIXTURE_DAY (2026-10-31): what a "yesterday's completed payments" export must find.
	const fixtures = [
		{ key: 'completeStripe', member: members[0], level: byName('Silver'), status: 'complete', gateway: 'stripe', dateMs: at('2026-10-31T08:15:00') },
		{ key: 'pendingSilver', member: members[1], level: byName('Silver'), status: 'pending', gateway: 'stripe', dateMs: at('2026-10-31T09:00:00') },
		{ key: 'failedBronze', member: members[2], level: byName('Bronze'), status: 'failed', gateway: 'stripe', dateMs: at('2026-10-31T10:00:00') },
		{ key: 'refundedGold', member: members[3], level: byName('Gold'), status: 'refunded', gateway: 'paypal', dateMs: at('2026-10-31T11:00:00') },
		{ key: 'completePaypal', member: members[2], level: byName('Gold'), status: 'complete', gateway: 'paypal', dateMs: at('2026-10-31T12:30:45'), discount: true },
		{ key: 'completeManual', member: members[3], level: byName('Bronze'), status: 'complete', gateway: 'manual', dateMs: at('2026-10-31T23:59:59'), transactionType: 'renewal' },
		{ key: 'beforeDay', member: members[0], level: byName('Bronze'), status: 'complete', gateway: 'stripe', dateMs: at('2026-10-30T23:59:59') },
		{ key: 'afterDay', member: members[1], level: byName('Silver'), status: 'complete', gateway: 'paypal', dateMs: at('2026-11-01T00:00:00') },
		{ key: 'legacyEmptyStatus', member: members[0], level: byName('Legacy Plan'), status: '', gateway: 'paypal', dateMs: at('2026-09-15T10:00:00') },
	];
	const rows = fixtures.map((f) => ({ key: f.key, row: makePayment(rng, f) }));

	const from = at('2026-09-01T00:00:00');
	const to = at('2026-10-29T23:59:59');
	const backdated = { key: 'backdated', member: members[4 % members.length], level: byName('Gold'), status: 'complete', gateway: 'manual', dateMs: at('2026-10-31T14:00:00') };
	while (rows.length < nPayments - 1) {
		const status = rng.weighted([['complete', 70], ['pending', 8], ['failed', 8], ['refunded', 8], ['abandoned', 6]]);
		rows.push({
			row: makePayment(rng, {
				member: rng.pick(members),
				level: rng.pick(active),
				status,
				gateway: rng.weighted(GATEWAYS),
				dateMs: from + Math.floor(rng.next() * (to - from)),
				discount: rng.bool(0.15),
				transactionType: rng.bool(0.6) ? 'renewal' : 'new',
			}),
		});
	}
	// IDs follow the date the payment was recorded...
	rows.sort((a, b) => (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : 0));
	// ...except one payment recorded last but dated on the fixture day (a payment taken elsewhere, entered later).
	rows.push({ key: backdated.key, row: makePayment(rng, backdated) });
	const payments = rows.map((r, i) => ({ ...r.row, id: String(i + 1) }));
	const fixtureIds = {};
	rows.forEach((r, i) => {
		if (r.key) fixtureIds[r.key] = String(i + 1);
	});
	// The member whose pending payment core "completes" instead of inserting a new row (RCP_Payments::insert).
	members[1].meta.rcp_pending_payment_id = fixtureIds.pendingSilver;

	return {
		referenceDate: C.REFERENCE_DATE,
		site: { name: C.SITE_NAME, timezone: 'UTC', gmt_offset: 0 },
		users: C.USERS.map((u) => ({ ...u })),
		members,
		levels,
		payments,
		nextPaymentId: payments.length + 1,
		fixtures: {
			fixtureDay: C.FIXTURE_DAY,
			adminUser: C.USERS[0].login,
			adminPassword: C.USERS[0].appPassword,
			bookkeeperUser: C.USERS[1].login,
			bookkeeperPassword: C.USERS[1].appPassword,
			editorUser: C.USERS[2].login,
			editorPassword: C.USERS[2].appPassword,
			paymentIds: fixtureIds,
			pendingMemberUserId: String(members[1].id),
			transactionIds: {
				completeStripe: payments[Number(fixtureIds.completeStripe) - 1].transaction_id,
				completePaypal: payments[Number(fixtureIds.completePaypal) - 1].transaction_id,
			},
		},
	};
}

module.exports = { createState, mysqlDate, money };
