'use strict';
// vivenu webhooks: registration routes (GET/POST /api/webhooks, PUT/DELETE /api/webhook/:id — note the
// singular), delivery envelope, x-vivenu-signature signing and automatic dispatch on state changes.
const crypto = require('crypto');
const { hmacHex } = require('../../core/webhooks');
const { authed, badRequest, notFound, requireObjectBody, intParam, newObjectId, ticketsOf } = require('./common');

const SIGNATURE_HEADER = 'x-vivenu-signature';

/** lowercase hex HMAC-SHA256 of the raw body, key = hmacKey as UTF-8 */
function sign(rawBody, hmacKey) {
	return { [SIGNATURE_HEADER]: hmacHex('sha256', hmacKey, rawBody) };
}

/** Transaction as sent in webhooks (WebhookTransactionResource): the transaction plus tid, coupons[] and paymentInfoMethod. */
function webhookTransaction(tx) {
	return {
		...tx,
		tid: tx._id.slice(-8).toUpperCase(),
		coupons: (tx.appliedCoupons || []).map((c) => c.code),
		// The document's WebhookTransactionResource types it with the transaction's paymentMethod enum.
		paymentInfoMethod: tx.paymentMethod,
	};
}

const STATUS_FOR_TYPE = {
	'transaction.complete': 'COMPLETE',
	'transaction.canceled': 'CANCELED',
	'transaction.reservedBySystem': 'RESERVED-BY-SYSTEM',
	'transaction.partiallyCanceled': 'COMPLETE',
};

const CHECKOUT_STATUS_FOR_TYPE = { 'checkout.completed': 'COMPLETE', 'checkout.aborted': 'ABORTED', 'checkout.detailsSubmitted': 'NEW' };

/** The checkout a transaction came from (CheckoutResource): one item for its event, with its cart lines. */
function checkoutOf(type, tx) {
	return {
		_id: `${tx._id.slice(0, 16)}c0c0c0c0`,
		secret: tx.secret,
		status: CHECKOUT_STATUS_FOR_TYPE[type],
		type: 'transaction',
		sellerId: tx.sellerId,
		customerId: tx.customerId,
		firstname: tx.prename,
		lastname: tx.lastname,
		name: tx.name,
		email: tx.email,
		items: [{
			_id: `${tx._id.slice(0, 16)}c1c1c1c1`,
			eventId: tx.eventId,
			regularPrice: tx.regularPrice,
			realPrice: tx.realPrice,
			innerCharge: tx.innerCharge,
			outerCharge: tx.outerCharge,
			tickets: tx.tickets,
			products: tx.products,
		}],
		realPrice: tx.realPrice,
		currency: tx.currency,
		origin: tx.origin,
		preferredLanguage: tx.preferredLanguage,
		createdAt: tx.createdAt,
		updatedAt: tx.updatedAt,
	};
}

/** The `data` of an event about a transaction: the document's webhook.<type> schema says which objects. */
function dataFor(type, tx, state) {
	if (type.startsWith('checkout.')) return { checkout: checkoutOf(type, tx) };
	if (type.startsWith('ticket.')) {
		const [ticket] = ticketsOf(state, tx);
		return ticket ? { ticket } : {};
	}
	const transaction = webhookTransaction(tx);
	if (type === 'transaction.partiallyCanceled') return { transaction };
	return { transaction, tickets: ticketsOf(state, tx) };
}

/**
 * Envelope {id (36-char uuid), type, mode: 'dev', data}.
 * data: omitted -> first transaction with the status matching the type;
 *       { transactionId } -> that transaction; anything else -> sent as given.
 */
function build({ type, data, state }) {
	let payload = data;
	if (payload === undefined || payload === null || (payload && typeof payload.transactionId === 'string' && Object.keys(payload).length === 1)) {
		let tx = null;
		if (payload && payload.transactionId) {
			tx = state.transactions.find((t) => t._id === payload.transactionId);
			if (!tx) throw badRequest(`Unknown transactionId ${payload.transactionId}`);
		} else if (STATUS_FOR_TYPE[type]) {
			tx = state.transactions.find((t) => t.status === STATUS_FOR_TYPE[type]) || state.transactions[0];
		} else if (/^(checkout|ticket)\./.test(type)) {
			tx = state.transactions.find((t) => t.status === 'COMPLETE') || state.transactions[0];
		}
		payload = tx ? dataFor(type, tx, state) : {};
	}
	return { id: crypto.randomUUID(), type, mode: 'dev', data: payload };
}

/**
 * vivenu reportedly refuses localhost and tunnel URLs at registration (UNVERIFIED; the answer's wording is
 * unknown). Off by default so loopback receivers work; POST /_emulator/vivenu/webhook-settings
 * {refuseLocalUrls: true} turns it on, to test how a trigger explains the refusal.
 */
function refuseLocal(state, url) {
	if (!state.webhookSettings || !state.webhookSettings.refuseLocalUrls) return;
	const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
	const local = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host) || /^10\./.test(host)
		|| /^192\.168\./.test(host) || /^172\.(1[6-9]|2\d|3[01])\./.test(host) || /\.(ngrok(-free)?\.(io|app|dev)|trycloudflare\.com|loca\.lt)$/.test(host);
	if (local) throw badRequest('"url" must be a publicly reachable URL');
}

function validateWebhook(body, { partial }) {
	for (const k of Object.keys(body)) if (!['name', 'url', 'enabled', 'events', 'hmacKey'].includes(k)) throw badRequest(`"${k}" is not allowed`);
	if (!partial || body.name !== undefined) {
		if (typeof body.name !== 'string') throw badRequest('"name" is required');
		if (body.name.length < 5 || body.name.length > 30) throw badRequest('"name" length must be between 5 and 30 characters');
	}
	if (!partial || body.url !== undefined) {
		if (typeof body.url !== 'string') throw badRequest('"url" is required');
		let u;
		try {
			u = new URL(body.url);
		} catch {
			throw badRequest('"url" must be a valid uri');
		}
		// Real vivenu wants HTTPS; the emulator also accepts plain http so loopback receivers work.
		if (!['https:', 'http:'].includes(u.protocol)) throw badRequest('"url" must be a valid uri with a scheme matching the https pattern');
	}
	if (body.enabled !== undefined && typeof body.enabled !== 'boolean') throw badRequest('"enabled" must be a boolean');
	if (body.events !== undefined) {
		if (!body.events || typeof body.events !== 'object' || Array.isArray(body.events)) throw badRequest('"events" must be of type object');
		for (const [k, v] of Object.entries(body.events)) if (typeof v !== 'boolean') throw badRequest(`"events.${k}" must be a boolean`);
	}
	if (body.hmacKey !== undefined && body.hmacKey !== null && typeof body.hmacKey !== 'string') throw badRequest('"hmacKey" must be a string');
}

/** A registration as the document's webhook resource has it: the seller and timestamps stay in the state. */
function publicHook(hook) {
	const { sellerId: _seller, createdAt: _created, updatedAt: _updated, ...rest } = hook;
	return rest;
}

function register(router, ctx) {
	router.get('/api/webhooks', authed((req, c, key) => {
		const top = intParam(req.query, 'top', { def: 25, min: 1, max: 1000 });
		const skip = intParam(req.query, 'skip', { def: 0, min: 0 });
		const all = c.state.webhooks.filter((w) => w.sellerId === key.sellerId);
		return { status: 200, body: { docs: all.slice(skip, skip + top).map(publicHook), total: all.length } };
	}));

	router.post('/api/webhooks', authed((req, c, key) => {
		const body = requireObjectBody(req);
		validateWebhook(body, { partial: false });
		refuseLocal(c.state, body.url);
		const now = c.now().toISOString();
		const hook = {
			_id: newObjectId(now),
			sellerId: key.sellerId,
			name: body.name,
			url: body.url,
			enabled: body.enabled ?? true,
			events: body.events || {},
			hmacKey: body.hmacKey ?? null,
			createdBy: { type: 'API_KEY', id: key._id || key.key.slice(0, 8) },
			createdAt: now,
			updatedAt: now,
		};
		c.state.webhooks.push(hook);
		return { status: 201, body: publicHook(hook) };
	}));

	router.put('/api/webhook/:id', authed((req, c, key) => {
		const body = requireObjectBody(req);
		const hook = c.state.webhooks.find((w) => w._id === req.params.id && w.sellerId === key.sellerId);
		if (!hook) throw notFound('Webhook not found');
		validateWebhook(body, { partial: true });
		if (body.url !== undefined) refuseLocal(c.state, body.url);
		Object.assign(hook, body, { updatedAt: c.now().toISOString() });
		return { status: 201, body: publicHook(hook) };
	}));

	router.delete('/api/webhook/:id', authed((req, c, key) => {
		const i = c.state.webhooks.findIndex((w) => w._id === req.params.id && w.sellerId === key.sellerId);
		if (i === -1) throw notFound('Webhook not found');
		const [hook] = c.state.webhooks.splice(i, 1);
		return { status: 200, body: publicHook(hook) };
	}));

	/** Delivery to every enabled registered webhook subscribed to `type`, with vivenu's retries. */
	/** Returns the queued delivery entries (one per matching registration). */
	ctx.dispatchWebhook = (type, tx) =>
		deliverToHooks({ type, data: dataFor(type, tx, ctx.state), sellerId: tx.sellerId, ctx, mode: (ctx.state.webhookSettings || {}).mode || 'dev' });
}

/**
 * Queue one delivery per enabled webhook of the seller subscribed to `type` (events[type] === true).
 * Each registration gets its own envelope id; retries of a delivery resend the same body.
 */
function deliverToHooks({ type, data, sellerId, ctx, mode = 'dev', source = 'event' }) {
	const out = [];
	for (const hook of ctx.state.webhooks) {
		if (!hook.enabled || !hook.events || hook.events[type] !== true || (sellerId && hook.sellerId !== sellerId)) continue;
		const envelope = { id: crypto.randomUUID(), type, mode, data };
		const rawBody = JSON.stringify(envelope);
		const headers = hook.hmacKey ? sign(rawBody, hook.hmacKey) : {};
		out.push(ctx.deliverWebhook({ url: hook.url, body: rawBody, headers, type, eventId: envelope.id, source }));
	}
	return out;
}

/**
 * POST /_emulator/webhooks/fire: the event as a state change would send it, to the registered webhooks.
 * data: omitted (first transaction whose status fits the type) | {transactionId} | any payload as is.
 */
function fire({ type, data, mode, state, ctx, source }) {
	const envelope = build({ type, data, state });
	const about = envelope.data && (envelope.data.transaction || envelope.data.checkout || envelope.data.ticket);
	const txId = about && (about.transactionId || (envelope.data.checkout ? null : about._id));
	const tx = txId ? state.transactions.find((t) => t._id === txId) : null;
	return deliverToHooks({
		type, data: envelope.data, sellerId: tx ? tx.sellerId : state.seller._id, ctx, mode: mode || (state.webhookSettings || {}).mode || 'dev', source,
	});
}

/**
 * vivenu's retries as independent integrations report them (UNVERIFIED): 6 retries (7 attempts) on any
 * non-2xx answer, backing off over about two hours. Real-time values; the core compresses them
 * (1 minute -> 1 ms by default, PUT /_emulator/webhooks/config to change).
 */
const RETRY = { maxAttempts: 7, delaysMs: [60000, 300000, 600000, 1800000, 1800000, 3600000], jitter: 0, timeoutMs: 10000 };

/**
 * Control call POST /_emulator/vivenu/webhook-settings { refuseLocalUrls?: boolean, mode?: 'dev'|'prod' }:
 * whether registration refuses local/tunnel URLs, and the `mode` of automatic deliveries. A reset clears both.
 */
function control(router) {
	router.post('/webhook-settings', (req, ctx) => {
		const b = req.body || {};
		const settings = { ...(ctx.state.webhookSettings || {}) };
		for (const k of Object.keys(b)) if (!['refuseLocalUrls', 'mode'].includes(k)) throw badRequest(`"${k}" is not a webhook setting`);
		if (b.refuseLocalUrls !== undefined) {
			if (typeof b.refuseLocalUrls !== 'boolean') throw badRequest('refuseLocalUrls must be a boolean');
			settings.refuseLocalUrls = b.refuseLocalUrls;
		}
		if (b.mode !== undefined) {
			if (!['dev', 'prod'].includes(b.mode)) throw badRequest("mode must be 'dev' or 'prod'");
			settings.mode = b.mode;
		}
		ctx.state.webhookSettings = settings;
		return { status: 200, body: { webhookSettings: settings } };
	});
}

module.exports = { register, build, sign, fire, control, RETRY, SIGNATURE_HEADER, webhookTransaction };
