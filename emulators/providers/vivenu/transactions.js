'use strict';
// vivenu transaction routes (paths relative to the /vivenu prefix; they mirror https://vivenu.com/api/...).
const C = require('./constants');
const {
	authed, badRequest, requireTransaction, ticketsOf, jsonBody, requireObjectBody, isEmail, touch, newObjectId,
} = require('./common');
const { listTransactions } = require('./list');
const { round2 } = require('./seed');

const ok = (body, status = 200) => ({ status, body });

function cancelledIds(state, tx) {
	const ids = new Set();
	for (const c of state.cancellations) if (c.transactionId === tx._id) for (const it of c.cancelledItems) ids.add(it.cartItemId);
	return ids;
}

/** Items that can still be cancelled: tickets and products of a COMPLETE transaction not cancelled yet. */
function cancellableItems(state, tx) {
	if (tx.status !== 'COMPLETE') return [];
	const done = cancelledIds(state, tx);
	const items = [
		...tx.tickets.map((it) => ({ cartItemId: it._id, type: 'ticket', name: it.name, price: it.price, taxRate: tx.taxRate })),
		...tx.products.map((it) => ({ cartItemId: it._id, type: 'product', name: it.name, price: it.price, taxRate: it.taxRate ?? tx.taxRate })),
	];
	return items.filter((it) => !done.has(it.cartItemId));
}

function setTicketStatus(state, tx, status, onlyCartItems) {
	const now = tx.updatedAt;
	for (const t of ticketsOf(state, tx)) {
		if (onlyCartItems && !onlyCartItems.has(t.cartItemId)) continue;
		t.status = status;
		t.completed = status === 'VALID' ? true : t.completed;
		t.updatedAt = now;
	}
}

function register(router, ctx) {
	const dispatch = (type, tx) => ctx.dispatchWebhook && ctx.dispatchWebhook(type, tx);

	const list = (rich) => authed((req, c, key) => ok(listTransactions(c.state, req.query, { rich, sellerId: key.sellerId })));
	router.get('/api/transactions', list(false));
	router.get('/api/transactions/rich', list(true));

	router.get('/api/transactions/:id', authed((req, c, key) => ok(requireTransaction(c.state, req.params.id, key.sellerId))));

	router.post('/api/transactions/:id/cancel', authed((req, c, key) => {
		const body = requireObjectBody(req);
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		if (body.refundFunds !== undefined && typeof body.refundFunds !== 'boolean') throw badRequest('"refundFunds" must be a boolean');
		if (body.cancellationReason !== undefined && !C.CANCELLATION_REASON.includes(body.cancellationReason)) {
			throw badRequest(`"cancellationReason" must be one of [${C.CANCELLATION_REASON.join(', ')}]`);
		}
		if (tx.status === 'CANCELED') throw badRequest('Transaction is already canceled');
		if (tx.status === 'ABORTED') throw badRequest('Transaction with status ABORTED can not be canceled');
		tx.status = 'CANCELED';
		if (body.cancellationReason) tx.cancellationReason = body.cancellationReason;
		if (body.refundFunds && tx.paymentStatus === 'RECEIVED') tx.paymentStatus = 'REFUND';
		touch(tx, c, { title: 'Transaction canceled', type: 'canceled', data: { refundFunds: !!body.refundFunds, cancellationReason: body.cancellationReason } });
		setTicketStatus(c.state, tx, 'INVALID');
		dispatch('transaction.canceled', tx);
		return ok(tx, 201);
	}));

	router.get('/api/transactions/:id/cancellations', authed((req, c, key) => {
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		return ok({ cancellableItems: cancellableItems(c.state, tx) });
	}));

	router.post('/api/transactions/:id/cancellations', authed((req, c, key) => {
		const body = requireObjectBody(req);
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		for (const k of Object.keys(body)) if (!['items', 'refundFunds', 'refundTarget'].includes(k)) throw badRequest(`"${k}" is not allowed`);
		for (const k of ['items', 'refundFunds', 'refundTarget']) if (body[k] === undefined) throw badRequest(`"${k}" is required`);
		if (typeof body.refundFunds !== 'boolean') throw badRequest('"refundFunds" must be a boolean');
		if (!C.REFUND_TARGET.includes(body.refundTarget)) throw badRequest(`"refundTarget" must be one of [${C.REFUND_TARGET.join(', ')}]`);
		const items = body.items;
		if (!Array.isArray(items) || items.length === 0) throw badRequest('"items" must be a non-empty array');
		const allStrings = items.every((i) => typeof i === 'string');
		const allObjects = items.every((i) => i && typeof i === 'object' && !Array.isArray(i));
		if (!allStrings && !allObjects) throw badRequest('"items" must be an array of cartItemIds or of {_id, amount} objects');
		const requested = items.map((i) => {
			if (typeof i === 'string') return { _id: i, amount: undefined };
			for (const k of Object.keys(i)) if (!['_id', 'amount'].includes(k)) throw badRequest(`"items.${k}" is not allowed`);
			if (typeof i._id !== 'string') throw badRequest('"items._id" is required');
			if (i.amount !== undefined && !(typeof i.amount === 'number' && i.amount >= 0)) throw badRequest('"items.amount" must be a number >= 0');
			return { _id: i._id, amount: i.amount ?? 0 };
		});
		if (new Set(requested.map((r) => r._id)).size !== requested.length) throw badRequest('"items" contains a duplicate item');
		const cancellable = cancellableItems(c.state, tx);
		if (tx.status !== 'COMPLETE') throw badRequest(`Transaction with status ${tx.status} can not be partially canceled`);
		const now = c.now().toISOString();
		const refundId = body.refundFunds ? newObjectId(now) : null;
		const cancelledItems = requested.map((r) => {
			const item = cancellable.find((it) => it.cartItemId === r._id);
			if (!item) throw badRequest(`Item ${r._id} is not cancellable`);
			if (r.amount !== undefined && r.amount > item.price) throw badRequest(`"amount" of item ${r._id} exceeds its price`);
			// The document types refundId and refundSource as strings: without a refund they are left out, not null.
			const out = { ...item, ...(refundId ? { refundId } : {}), cancelledAt: now };
			return out;
		});
		const record = {
			transactionId: tx._id,
			sellerId: tx.sellerId,
			cancelledItems,
			...(refundId ? { refundId, refundSource: tx.paymentMethod || 'origin' } : {}),
			refundTarget: body.refundTarget,
			createdAt: now,
			updatedAt: now,
		};
		c.state.cancellations.push(record);
		tx.cancellationInfo = { cancellableItems: [...((tx.cancellationInfo && tx.cancellationInfo.cancellableItems) || []), ...cancelledItems] };
		touch(tx, c, { title: 'Transaction partially canceled', type: 'partial.canceled', data: { items: cancelledItems.map((i) => i.cartItemId) } });
		setTicketStatus(c.state, tx, 'INVALID', new Set(cancelledItems.map((i) => i.cartItemId)));
		if (cancellableItems(c.state, tx).length === 0) {
			tx.status = 'CANCELED';
			if (body.refundFunds && tx.paymentStatus === 'RECEIVED') tx.paymentStatus = 'REFUND';
		}
		dispatch('transaction.partiallyCanceled', tx);
		return ok(record, 200);
	}));

	router.post('/api/transactions/:id/complete', authed((req, c, key) => {
		jsonBody(req);
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		if (tx.status !== 'NEW') throw badRequest(`Transaction can only be completed when its status is NEW (current status: ${tx.status})`);
		tx.status = 'COMPLETE';
		tx.ticketMailSend = true;
		tx.orderMailSend = true;
		touch(tx, c, { title: 'Transaction completed', type: 'completed' });
		setTicketStatus(c.state, tx, 'VALID');
		c.state.mails.push({ kind: 'order+tickets', transactionId: tx._id, to: tx.email, at: tx.updatedAt });
		dispatch('transaction.complete', tx);
		return ok(tx, 200);
	}));

	router.post('/api/transactions/:id/ticket-mail', authed((req, c, key) => {
		const body = requireObjectBody(req);
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		if (body.email !== undefined && body.email !== null && !isEmail(body.email)) throw badRequest('"email" must be a valid email');
		const to = body.email || tx.email;
		tx.ticketMailSend = true;
		touch(tx, c, { title: 'Tickets sent by e-mail', type: 'transaction.resent.ticket_mail', data: { email: to } });
		c.state.mails.push({ kind: 'tickets', transactionId: tx._id, to, at: tx.updatedAt });
		return ok(tx, 200);
	}));

	router.post('/api/transactions/:id/invitationmail', authed((req, c, key) => {
		jsonBody(req);
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		c.state.mails.push({ kind: 'invitation', transactionId: tx._id, to: tx.email, at: c.now().toISOString() });
		return { status: 201 };
	}));

	router.post('/api/transactions/:id/paymentstatus', authed((req, c, key) => {
		const body = requireObjectBody(req);
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		for (const k of Object.keys(body)) if (k !== 'paymentStatus') throw badRequest(`"${k}" is not allowed`);
		if (body.paymentStatus === undefined) throw badRequest('"paymentStatus" is required');
		if (body.paymentStatus !== 'LOCAL-RECEIVED') throw badRequest('"paymentStatus" must be [LOCAL-RECEIVED]');
		tx.paymentStatus = 'LOCAL-RECEIVED';
		touch(tx, c, { title: 'Payment status changed to LOCAL-RECEIVED', type: 'payment.localReceived', data: { paymentStatus: 'LOCAL-RECEIVED' } });
		return { status: 201 };
	}));

	router.get('/api/transactions/:id/tickets', authed((req, c, key) => {
		const tx = requireTransaction(c.state, req.params.id, key.sellerId);
		return ok(ticketsOf(c.state, tx));
	}));
}

module.exports = { register, cancellableItems, ticketsOf };
