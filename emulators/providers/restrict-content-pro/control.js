'use strict';
// Restrict Content Pro control calls (under /_emulator/restrict-content-pro/...): payments appear and change
// between two polls, as gateways and site admins record them. RCP sends no webhooks, so a trigger polls
// GET rcp/v1/payments (newest ID first); these calls let a test place changes between polls, with the `date`
// it chooses (several in one second included). Rows hold strings, as $wpdb returns them.
//
//   POST  /_emulator/restrict-content-pro/payments       one object or an array of them; any payment column
//         but `id`: { user_id? (first member), subscription? / object_id? (Silver), amount? (the level's price),
//         status? ('complete'), gateway? ('stripe'), date? ('YYYY-MM-DD HH:MM:SS' or ISO; default now), ... }
//         -> 201 { payments: [row] }   (IDs continue from the highest, like AUTO_INCREMENT)
//   PATCH /_emulator/restrict-content-pro/payments/:id  { status?, date?, amount?, ... } -> 200 { payment, previous }
const crypto = require('crypto');
const { HttpError } = require('../../core/http-error');
const C = require('./constants');
const { mysqlDate } = require('./seed');

const bad = (m) => new HttpError(400, m);

function dateParam(v) {
	if (typeof v !== 'string') throw bad('date must be a string');
	const t = v.trim();
	if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t) && !Number.isNaN(Date.parse(`${t.replace(' ', 'T')}Z`))) return t;
	const ms = Date.parse(t);
	if (Number.isNaN(ms)) throw bad('date must be YYYY-MM-DD HH:MM:SS or an ISO date-time');
	return mysqlDate(ms);
}

function fields(b) {
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw bad('each payment must be an object');
	const out = {};
	for (const [k, v] of Object.entries(b)) {
		if (k === 'id' || !C.PAYMENT_COLUMNS.includes(k)) throw bad(`"${k}" is not a payment column that can be set`);
		if (k === 'status' && !C.STATUSES.includes(v) && v !== '') throw bad(`status must be one of ${C.STATUSES.join(', ')} (or '')`);
		if (v !== null && typeof v === 'object') throw bad(`"${k}" must be a string or a number`);
		out[k] = k === 'date' ? dateParam(v) : String(v ?? '');
	}
	return out;
}

function control(router) {
	router.post('/payments', (req, ctx) => {
		const state = ctx.state;
		const list = Array.isArray(req.body) ? req.body : [req.body || {}];
		const given = list.map(fields);
		const rows = given.map((g) => {
			const level = g.object_id
				? state.levels.find((l) => l.id === g.object_id)
				: state.levels.find((l) => l.name === (g.subscription || 'Silver'));
			if (!level) throw bad('unknown membership level');
			const member = g.user_id ? state.members.find((m) => String(m.id) === g.user_id) : state.members[0];
			const args = {
				customer_id: member ? String(member.customerId) : '0',
				membership_id: member ? String(member.customerId * 10 + Number(level.id)) : '0',
				subscription: level.name,
				object_id: level.id,
				object_type: 'subscription',
				date: mysqlDate(ctx.now().getTime()),
				amount: level.price,
				subtotal: level.price,
				credits: '0.00',
				fees: '0.00',
				discount_amount: '0.00',
				discount_code: '',
				user_id: member ? String(member.id) : '0',
				payment_type: 'Credit Card',
				transaction_type: 'new',
				subscription_key: crypto.randomBytes(16).toString('hex'),
				transaction_id: `ch_${crypto.randomBytes(12).toString('hex')}`,
				status: 'complete',
				gateway: 'stripe',
				...g,
			};
			const row = {};
			for (const col of C.PAYMENT_COLUMNS) row[col] = col === 'id' ? String(state.nextPaymentId++) : String(args[col] ?? '');
			return row;
		});
		state.payments.push(...rows);
		return { status: 201, body: { payments: rows.map((r) => ({ ...r })) } };
	});

	router.patch('/payments/:id', (req, ctx) => {
		const row = ctx.state.payments.find((p) => p.id === String(Number(req.params.id)));
		if (!row) throw new HttpError(404, `unknown payment ${req.params.id}`);
		const changes = fields(req.body || {});
		const previous = { ...row };
		Object.assign(row, changes);
		return { status: 200, body: { payment: { ...row }, previous } };
	});
}

module.exports = { control };
