'use strict';
// vivenu control calls (under /_emulator/vivenu/...): orders placed in vivenu's shop, which the API cannot
// create, so webhook triggers and updatedAt pollers can be tested on fresh transactions.
//
//   POST /_emulator/vivenu/transactions  { status? ('NEW'), paymentStatus? (fits the status), eventId? (first event),
//        tickets? (1-3 random), createdAt? (ISO, default now), updatedAt? (= createdAt), webhook? (true) }
//     -> 201 { transaction, tickets, deliveries }. COMPLETE sends transaction.complete, RESERVED-BY-SYSTEM
//        transaction.reservedBySystem and CANCELED transaction.canceled to the registered webhooks.
//   POST /_emulator/vivenu/webhook-settings  see webhooks.js
const { HttpError } = require('../../core/http-error');
const { createRng } = require('../../core/prng');
const C = require('./constants');
const { makeTransaction, makeCustomers, PAYMENT_BY_STATUS } = require('./seed');
const webhooks = require('./webhooks');

const bad = (m) => new HttpError(400, m);
const EVENT_FOR_STATUS = { COMPLETE: 'transaction.complete', 'RESERVED-BY-SYSTEM': 'transaction.reservedBySystem', CANCELED: 'transaction.canceled' };
let made = 0;

/** Insert keeping the list order (createdAt descending, then _id descending). */
function insertTransaction(list, tx) {
	let i = 0;
	while (i < list.length && (list[i].createdAt > tx.createdAt || (list[i].createdAt === tx.createdAt && list[i]._id > tx._id))) i++;
	list.splice(i, 0, tx);
}

function timeParam(v, name) {
	if (v === undefined) return undefined;
	if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw bad(`${name} must be an ISO date-time`);
	return Date.parse(v);
}

function control(router) {
	webhooks.control(router);

	router.post('/transactions', (req, ctx) => {
		const b = req.body || {};
		if (typeof b !== 'object' || Array.isArray(b)) throw bad('body must be an object');
		const state = ctx.state;
		const status = b.status ?? 'NEW';
		if (!C.TRANSACTION_STATUS.includes(status)) throw bad(`status must be one of ${C.TRANSACTION_STATUS.join(', ')}`);
		const rng = createRng(`control:${Date.now()}:${++made}`, 'vivenu');
		const paymentStatus = b.paymentStatus ?? PAYMENT_BY_STATUS[status][0][0];
		if (!C.PAYMENT_STATUS.includes(paymentStatus)) throw bad(`paymentStatus must be one of ${C.PAYMENT_STATUS.join(', ')}`);
		const event = b.eventId ? state.events.find((e) => e._id === b.eventId) : state.events[0];
		if (!event) throw bad(`unknown eventId ${b.eventId}`);
		if (b.tickets !== undefined && !(Number.isInteger(b.tickets) && b.tickets >= 1 && b.tickets <= 20)) throw bad('tickets must be an integer between 1 and 20');
		const createdMs = timeParam(b.createdAt, 'createdAt') ?? ctx.now().getTime();
		const updatedMs = timeParam(b.updatedAt, 'updatedAt') ?? createdMs;
		const [customer] = makeCustomers(rng, 1);
		const { tx, tickets } = makeTransaction(
			rng,
			{ status, paymentStatus, tickets: b.tickets, createdMs, updatedMs },
			{ seller: state.seller, event, customer, ref: Date.parse(C.REFERENCE_DATE) },
		);
		insertTransaction(state.transactions, tx);
		for (const t of tickets) state.tickets.push(t);
		const type = EVENT_FOR_STATUS[status];
		const deliveries = type && b.webhook !== false && ctx.dispatchWebhook ? ctx.dispatchWebhook(type, tx) : [];
		return { status: 201, body: { transaction: tx, tickets, deliveries } };
	});
}

module.exports = { control };
