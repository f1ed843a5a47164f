'use strict';
// Fourvenues webhooks: endpoint registration (POST/GET /webhooks/endpoints, DELETE /webhooks/endpoints/:id;
// the DELETE and the `sign_secret`-only-once behaviour are UNVERIFIED), the delivery body
// {id, event, payload} and its headers x-webhook-id + x-webhook-signature (HMAC-SHA256 keyed with
// sign_secret over the raw body, hex; encoding and coverage UNVERIFIED, see docs/providers/fourvenues.md).
const crypto = require('crypto');
const C = require('./constants');
const { ok, authed, badRequest, notFound } = require('./common');

/**
 * How deliveries are signed (UNVERIFIED which one Fourvenues uses): HMAC-SHA256 keyed with sign_secret over
 * `raw-body` (the bytes sent), `parsed-body` (JSON.stringify of the event object; the bytes are then sent
 * pretty-printed, as a sender that signs its object but serialises differently would) or `payload`
 * (JSON.stringify of body.payload only), as `hex` or `base64`, with an optional `sha256=` prefix.
 * Default `raw-body:hex`. Set with POST /_emulator/fourvenues/webhook-settings {signatureForm}.
 */
const SIGNATURE_FORMS = ['raw-body', 'parsed-body', 'payload'].flatMap((part) =>
	['hex', 'base64', 'sha256=hex', 'sha256=base64'].map((encoding) => `${part}:${encoding}`));
const DEFAULT_FORM = 'raw-body:hex';

function checkForm(form) {
	if (!SIGNATURE_FORMS.includes(form)) throw badRequest(`signatureForm must be one of ${SIGNATURE_FORMS.join(', ')}`);
	return form;
}

function signatureOf(rawBody, secret, form) {
	const [part, written] = form.split(':');
	const encoding = written.replace('sha256=', '');
	let message = rawBody;
	if (part === 'parsed-body') message = JSON.stringify(JSON.parse(rawBody));
	if (part === 'payload') message = JSON.stringify(JSON.parse(rawBody).payload);
	const digest = crypto.createHmac('sha256', secret).update(message, 'utf8').digest(encoding);
	return `${written.startsWith('sha256=') ? 'sha256=' : ''}${digest}`;
}

/** Delivery headers: x-webhook-id (the body's id) and x-webhook-signature in `form` (default raw-body:hex). */
function sign(rawBody, secret, form = DEFAULT_FORM) {
	let id;
	try {
		id = JSON.parse(rawBody).id;
	} catch {
		id = undefined;
	}
	return { ...(id ? { [C.WEBHOOK_ID_HEADER]: String(id) } : {}), [C.SIGNATURE_HEADER]: signatureOf(rawBody, secret, checkForm(form)) };
}

/** The bytes sent for an event object: compact JSON, pretty-printed when the signature covers the parsed object. */
function bytesFor(body, form) {
	return form.startsWith('parsed-body:') ? JSON.stringify(body, null, 2) : JSON.stringify(body);
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
		const form = (state.webhookSettings || {}).signatureForm || DEFAULT_FORM;
		const rawBody = bytesFor(body, form);
		out.push(ctx.deliverWebhook({ url: w.url, body: rawBody, headers: sign(rawBody, w.sign_secret, form), type, eventId: body.id, source }));
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

/** POST /_emulator/fourvenues/webhook-settings {signatureForm}: how automatic deliveries are signed. A reset clears it. */
function webhookSettings(router) {
	router.post('/webhook-settings', (req, ctx) => {
		const b = req.body || {};
		for (const k of Object.keys(b)) if (k !== 'signatureForm') throw badRequest(`"${k}" is not a webhook setting`);
		const settings = { ...(ctx.state.webhookSettings || {}) };
		if (b.signatureForm !== undefined) settings.signatureForm = checkForm(b.signatureForm);
		ctx.state.webhookSettings = settings;
		return { status: 200, body: { webhookSettings: settings } };
	});
}

module.exports = { register, build, sign, fire, deliverEvent, payloadFor, webhookSettings, RETRY, SIGNATURE_FORMS };
