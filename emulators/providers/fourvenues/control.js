'use strict';
// Fourvenues control calls (under /_emulator/fourvenues/...): state changes the real API makes through its
// hosted checkout, which the emulator cannot drive, so tests and triggers can make them happen.
//
//   POST /_emulator/fourvenues/payments  { event_id?, status? ('paid'), resource_type? ('ticket'), tickets? (1),
//        metadata?, send_resources? (true), paid_at? (ISO, default now), webhook? (true) }
//     -> 201 { payment, deliveries }. A 'paid' payment sends payment.success to the registered endpoints.
//   POST /_emulator/fourvenues/tickets/:id/request-refund  -> 200 { deliveries } (ticket.request_refund)
const crypto = require('crypto');
const { HttpError } = require('../../core/http-error');
const { deliverEvent, payloadFor, webhookSettings } = require('./webhooks');
const { paymentRecord } = require('./seed');

const bad = (m) => new HttpError(400, m);
const round2 = (x) => Math.round(x * 100) / 100;
const newId = () => crypto.randomBytes(16).toString('hex');
const QR_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const qrCode = () => Array.from(crypto.randomBytes(10), (b) => QR_ALPHABET[b % QR_ALPHABET.length]).join('');

/** Insert keeping the list order of GET /payments (paid_at descending, then _id descending). */
function insertPayment(payments, p) {
	let i = 0;
	while (i < payments.length && (payments[i].paid_at > p.paid_at || (payments[i].paid_at === p.paid_at && payments[i]._id > p._id))) i++;
	payments.splice(i, 0, p);
}

function createPayment(state, b, now) {
	const eventId = b.event_id ?? state.fixtures.demoEventId;
	const ev = state.events.find((e) => e._id === eventId);
	if (!ev) throw bad(`unknown event_id ${eventId}`);
	const rate = state.ticketRates.find((r) => r.event_id === ev._id);
	if (!rate) throw bad(`event ${eventId} has no ticket rate`);
	const status = b.status ?? 'paid';
	if (typeof status !== 'string' || !status) throw bad('status must be a string');
	const resourceType = b.resource_type ?? 'ticket';
	const n = b.tickets ?? 1;
	if (!(Number.isInteger(n) && n >= 1 && n <= 50)) throw bad('tickets must be an integer between 1 and 50');
	const paidAt = b.paid_at ?? now.toISOString();
	if (typeof paidAt !== 'string' || Number.isNaN(Date.parse(paidAt))) throw bad('paid_at must be an ISO date-time');
	const channel = state.channels.find((ch) => ch.host_ids.includes(ev.organization_id));
	const template = state.tickets.find((t) => t.event_id === ev._id) || state.tickets[0];
	let amount = 0;
	let fees = 0;
	const resourceIds = [];
	if (resourceType === 'ticket') {
		for (let k = 0; k < n; k++) {
			const price = rate.current_price;
			const fee = round2(price.fee_type === 'percentage' ? (price.price * price.fee_quantity) / 100 : price.fee_quantity);
			const t = {
				...JSON.parse(JSON.stringify(template)),
				_id: newId(),
				event_id: ev._id,
				ticket_rate_id: rate._id,
				qr_code: qrCode(),
				status: status === 'paid' ? 'active' : 'pending_payment',
				price: { ...price },
				channel_id: channel ? channel._id : template.channel_id,
				total_fees: fee,
				total_price: round2(price.price + fee),
				refunded: 0,
				refunded_at: null,
				refunds: [],
				created_at: paidAt,
			};
			state.tickets.push(t);
			resourceIds.push(t._id);
			amount += t.total_price;
			fees += fee;
		}
	} else {
		resourceIds.push(newId());
		amount = 25;
		fees = 1.25;
	}
	const paidMs = Date.parse(paidAt);
	const payment = paymentRecord({
		id: newId(), status, rate, ev, resourceType, resourceIds, amount, fees, sendResources: b.send_resources ?? true, metadata: b.metadata ?? {}, paidMs, createdMs: paidMs,
	});
	insertPayment(state.payments, payment);
	return payment;
}

function control(router) {
	webhookSettings(router);
	router.post('/payments', (req, ctx) => {
		const b = req.body || {};
		if (typeof b !== 'object' || Array.isArray(b)) throw bad('body must be an object');
		const payment = createPayment(ctx.state, b, ctx.now());
		const deliveries = payment.status === 'paid' && b.webhook !== false
			? deliverEvent({ type: 'payment.success', payload: payloadFor('payment.success', { payment_id: payment._id }, ctx.state), ctx })
			: [];
		return { status: 201, body: { payment, deliveries } };
	});

	router.post('/tickets/:id/request-refund', (req, ctx) => {
		if (!ctx.state.tickets.some((t) => t._id === req.params.id)) throw new HttpError(404, `unknown ticket ${req.params.id}`);
		const payload = payloadFor('ticket.request_refund', { ticket_id: req.params.id }, ctx.state);
		return { status: 200, body: { deliveries: deliverEvent({ type: 'ticket.request_refund', payload, ctx }) } };
	});
}

module.exports = { control, createPayment };
