'use strict';
// The contract log: when CONTRACT_LOG names a file, every exchange with a provider route and every webhook
// delivery the emulator builds is appended to it once, as one JSON line, for scripts/contract.js to check
// against the providers' published API descriptions. Without CONTRACT_LOG nothing is recorded.
// Secrets never go in: the auth header is reduced to its form (scheme, and "jwt" or "opaque" token).
const fs = require('fs');

const LIST_SAMPLE = 6; // items kept from each end of a long array: every item of a page is built the same way
const AUTH_HEADERS = ['authorization', 'api-key', 'x-api-key', 'apikey'];

function target() {
	return process.env.CONTRACT_LOG || '';
}

/** Long arrays keep their first and last items, so a 1,000-row page costs what a 12-row one does. */
function sample(value, depth = 0) {
	if (Array.isArray(value)) {
		const kept = value.length > 2 * LIST_SAMPLE ? [...value.slice(0, LIST_SAMPLE), ...value.slice(-LIST_SAMPLE)] : value;
		return kept.map((v) => sample(v, depth + 1));
	}
	if (value && typeof value === 'object' && depth < 64) {
		const out = {};
		for (const [k, v] of Object.entries(value)) out[k] = sample(v, depth + 1);
		return out;
	}
	return value;
}

/** `Bearer <jwt>` → {scheme: 'bearer', form: 'jwt'}; an API key header → {header, form: 'opaque'}. */
function authForm(headers) {
	const forms = [];
	for (const name of AUTH_HEADERS) {
		const v = headers[name];
		if (v === undefined) continue;
		const text = String(v).trim();
		const m = /^(\S+)\s+(\S+)$/.exec(text);
		const token = m ? m[2] : text;
		forms.push({
			header: name,
			scheme: m ? m[1].toLowerCase() : null,
			form: /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token) ? 'jwt' : 'opaque',
		});
	}
	return forms;
}

/** Which test made the exchange (the emulator runs inside the jest worker): for the check's messages. */
function currentTest() {
	try {
		const state = typeof expect === 'function' && expect.getState ? expect.getState() : null;
		if (!state || !state.testPath) return undefined;
		const rel = state.testPath.replace(/^.*?\/test\//, 'test/');
		return state.currentTestName ? `${rel} › ${state.currentTestName}` : rel;
	} catch {
		return undefined;
	}
}

function write(record) {
	const file = target();
	if (!file) return;
	try {
		fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
	} catch (e) {
		process.stderr.write(`[emulator] CONTRACT_LOG ${file}: ${e.message}\n`);
	}
}

/**
 * One exchange. `tag` says why the answer is not the provider's own: 'fault' (injected), 'rate-limit'
 * (the emulator's limiter), or undefined for an answer made by the provider's route.
 */
function recordExchange({ provider, request, result, tag }) {
	if (!target()) return;
	const body = result.body;
	write({
		kind: 'exchange',
		provider,
		method: request.method,
		path: request.providerPath,
		query: request.query,
		auth: authForm(request.headers),
		contentType: request.headers['content-type'] || null,
		userAgent: request.headers['user-agent'] || null,
		body: request.hasBody ? (request.body === undefined ? { unparsed: request.rawBody.slice(0, 200) } : sample(request.body)) : undefined,
		status: result.status || 200,
		answer: body === undefined || body === null ? null : Buffer.isBuffer(body) || typeof body === 'string' ? { text: String(body).slice(0, 200) } : { json: sample(body) },
		tag,
		test: currentTest(),
	});
}

/** One webhook delivery as built (not its retries or injected copies). `supplied`: the test gave the payload. */
function recordDelivery({ provider, type, rawBody, supplied }) {
	if (!target()) return;
	let payload;
	try {
		payload = JSON.parse(rawBody);
	} catch {
		payload = { unparsed: String(rawBody).slice(0, 200) };
	}
	write({ kind: 'delivery', provider, type, payload: sample(payload), tag: supplied ? 'supplied' : undefined, test: currentTest() });
}

/** A payload the test wrote itself (not a lookup such as {transactionId}) is the test's, not the emulator's. */
function isSuppliedPayload(data) {
	if (data === undefined || data === null) return false;
	if (typeof data !== 'object' || Array.isArray(data)) return true;
	const keys = Object.keys(data);
	return !(keys.length === 1 && ['transactionId', 'payment_id', 'ticket_id'].includes(keys[0]));
}

module.exports = { recordExchange, recordDelivery, isSuppliedPayload, authForm, sample };
