'use strict';
// Fourvenues webhooks: endpoint registration (POST/GET /webhooks/endpoints, DELETE /webhooks/endpoints/:id;
// the DELETE and the `sign_secret`-only-once behaviour are UNVERIFIED), the delivery body
// {id, event, payload} and its headers x-webhook-id + x-webhook-signature (HMAC-SHA256 keyed with
// sign_secret over the raw body, hex; encoding and coverage UNVERIFIED, see docs/providers/fourvenues.md).
const crypto = require('crypto');
const { hmacHex } = require('../../core/webhooks');
const C = require('./constants');
const { ok, authed, badRequest, notFound } = require('./common');

/** Delivery headers: x-webhook-id (the body's id, for de-duplication) and x-webhook-signature. */
function sign(rawBody, secret) {
	let id;
	try {
		id = JSON.parse(rawBody).id;
	} catch {
		id = undefined;
	}
	return { ...(id ? { [C.WEBHOOK_ID_HEADER]: String(id) } : {}), [C.SIGNATURE_HEADER]: hmacHex('sha256', secret, rawBody) };
}

function payloadFor(type, data, state) {
	if (data && typeof data === 'object' && !data.payment_id && !data.ticket_id) return data;
	if (type === 'payment.success') {
		const p = (data && state.payments.find((x) => x._id === data.payment_id)) || state.payments.find((x) => x.status === 'paid' && x.resource_type === 'ticket');
		if (!p) throw badRequest('no payment to send');
		// resource_type is currently always "ticket" (docs); no status, total or currency.
		return { payment_id: p._id, resource_type: p.resource_type, resource_ids: p.resource_ids, metadata: p.metadata, send_resources: p.send_resources };
	}
	if (type === 'ticket.request_refund') {
		const t = (data && state.tickets.find((x) => x._id === data.ticket_id)) || state.tickets.find((x) => x.status === 'active');
		if (!t) throw badRequest('no ticket to send');
		return {
			qr_code: t.qr_code,
			client_name: t.full_name,
			client_email: t.email,
			event_id: t.event_id,
			ticket_id: t._id,
			amount_to_refund: t.total_price,
			currency: t.payment_currency,
			resource_type: 'ticket',
		};
	}
	return data || {};
}

/** Delivery body for the control API's /webhooks/trigger. data: omitted | {payment_id} | {ticket_id} | a payload. */
function build({ type, data, state }) {
	return { id: crypto.randomUUID(), event: type, payload: payloadFor(type, data, state) };
}

function register(router) {
	router.get('/webhooks/endpoints', authed('Webhook', (req, c, auth) =>
		ok(c.state.webhookEndpoints.filter((w) => w.channelId === auth.channel._id).map(({ _id, name, url }) => ({ _id, name, url }))),
	));
	router.post('/webhooks/endpoints', authed('Webhook', (req, c, auth) => {
		if (req.bodyError) throw badRequest(req.bodyError);
		const b = req.body;
		if (!b || typeof b !== 'object' || Array.isArray(b)) throw badRequest('"value" must be of type object');
		for (const k of Object.keys(b)) if (!['name', 'url'].includes(k)) throw badRequest(`"${k}" is not allowed`);
		if (typeof b.name !== 'string' || !b.name.trim()) throw badRequest('"name" is required');
		if (typeof b.url !== 'string' || !/^https?:\/\/\S+$/.test(b.url)) throw badRequest('"url" must be a valid uri');
		const endpoint = { _id: crypto.randomBytes(16).toString('hex'), name: b.name, url: b.url, sign_secret: `whsec_${crypto.randomBytes(24).toString('hex')}`, channelId: auth.channel._id };
		c.state.webhookEndpoints.push(endpoint);
		return ok({ _id: endpoint._id, name: endpoint.name, url: endpoint.url, sign_secret: endpoint.sign_secret });
	}));
	// Single endpoint (UNVERIFIED route; modelled like the list item, without the secret).
	router.get('/webhooks/endpoints/:id', authed('Webhook', (req, c, auth) => {
		const w = c.state.webhookEndpoints.find((x) => x._id === req.params.id && x.channelId === auth.channel._id);
		if (!w) throw notFound('Webhook endpoint');
		return ok({ _id: w._id, name: w.name, url: w.url });
	}));
	router.delete('/webhooks/endpoints/:id', authed('Webhook', (req, c, auth) => {
		const i = c.state.webhookEndpoints.findIndex((w) => w._id === req.params.id && w.channelId === auth.channel._id);
		if (i === -1) throw notFound('Webhook endpoint');
		const [removed] = c.state.webhookEndpoints.splice(i, 1);
		return ok({ _id: removed._id, deleted: true });
	}));
}

/** The organization a payload belongs to, to find the channels (and so the endpoints) that may see it. */
function organizationOf(type, payload, state) {
	if (type === 'payment.success' && payload.payment_id) {
		const p = state.payments.find((x) => x._id === payload.payment_id);
		return p ? p.organization_id : undefined;
	}
	if (type === 'ticket.request_refund' && payload.event_id) {
		const ev = state.events.find((e) => e._id === payload.event_id);
		return ev ? ev.organization_id : undefined;
	}
	return undefined;
}

/**
 * Queue one delivery of `{id, event, payload}` per registered endpoint whose channel sees the organization
 * (every endpoint when the payload names none). Every endpoint receives every event type (UNVERIFIED:
 * only name and url are seen at registration). Retries resend the same body, so `x-webhook-id` repeats.
 */
function deliverEvent({ type, payload, ctx, source = 'event' }) {
	const state = ctx.state;
	const org = organizationOf(type, payload, state);
	const out = [];
	for (const w of state.webhookEndpoints) {
		const channel = state.channels.find((ch) => ch._id === w.channelId);
		if (org && channel && !channel.host_ids.includes(org)) continue;
		const body = { id: crypto.randomUUID(), event: type, payload };
		const rawBody = JSON.stringify(body);
		out.push(ctx.deliverWebhook({ url: w.url, body: rawBody, headers: sign(rawBody, w.sign_secret), type, eventId: body.id, source }));
	}
	return out;
}

/** POST /_emulator/webhooks/fire. data: omitted | {payment_id} | {ticket_id} | a whole payload. */
function fire({ type, data, ctx, source }) {
	return deliverEvent({ type, payload: payloadFor(type, data, ctx.state), ctx, source });
}

/**
 * Redelivery as independent summaries of the docs describe it (UNVERIFIED): up to 40 attempts on a non-2xx
 * answer, jittered exponential backoff, 5 s to answer. The backoff base (10 s, doubling, at most 1 h) is the
 * emulator's choice. Real-time values; the core compresses them (PUT /_emulator/webhooks/config).
 */
const RETRY = {
	maxAttempts: 40,
	delaysMs: Array.from({ length: 39 }, (_, k) => Math.min(10000 * 2 ** k, 3600000)),
	jitter: 0.2,
	timeoutMs: 5000,
};

module.exports = { register, build, sign, fire, deliverEvent, payloadFor, RETRY };
