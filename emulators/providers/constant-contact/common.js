'use strict';
// Shared Constant Contact emulator helpers: error shapes, bearer auth with scopes, the app-wide
// 4 requests/second + daily quota, cursors and query validation.
const { HttpError } = require('../../core/http-error');
const C = require('./constants');
const { bearer } = require('../../core/params');

const ERROR_KEYS = {
	400: ['bad.request', 'The request is invalid.'],
	401: ['unauthorized', 'Unauthorized'],
	403: ['forbidden', 'This user or application does not have permission to perform this action.'],
	404: ['not.found', 'The requested resource was not found.'],
	405: ['method.not.allowed', 'Method not allowed'],
	409: ['conflict', 'Conflict'],
	413: ['request.entity.too.large', 'Request Entity Too Large'],
	415: ['unsupported.media.type', 'Unsupported media type'],
	429: ['throttled', 'Too Many Requests'],
	500: ['server.error', 'There was a problem with our internal service.'],
	502: ['bad.gateway', 'Bad Gateway'],
	503: ['service_unavailable', 'Our internal service is temporarily unavailable.'],
	504: ['gateway.timeout', 'Gateway Timeout'],
};

/**
 * Constant Contact's usual error body is a JSON array [{error_key, error_message}];
 * 401 and 429 come as one bare object (glossary_responses.html vs. the rate-limit and auth examples).
 */
function errorResult(status, message, errorKey) {
	const [key, text] = ERROR_KEYS[status] || ['error', `HTTP ${status}`];
	const entry = { error_key: errorKey || key, error_message: message || text };
	return { status, body: status === 401 || status === 429 ? entry : [entry] };
}

function ccError(status, message, errorKey) {
	const r = errorResult(status, message, errorKey);
	return new HttpError(status, message, { body: r.body, headers: r.headers });
}

const badRequest = (message, key = 'bad.request') => ccError(400, message, key);
const notFound = (message) => ccError(404, message, 'not.found');

/** App (client_id) a request belongs to, for the core limiter's buckets. */
function appOf(req, state) {
	const token = bearer(req);
	const rec = token && state && state.accessTokens.get(token);
	return rec ? rec.client_id : token || 'anonymous';
}

function utcDay(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

function nextUtcMidnight(ms) {
	const d = new Date(ms);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/**
 * The documented limits, per app: the daily quota (10,000, resets 00:00 UTC) and 4 requests per
 * second. Only accepted requests count. No Retry-After / X-RateLimit-* headers (none documented).
 */
function enforceLimits(state, clientId, now = Date.now()) {
	const day = utcDay(now);
	let q = state.quota.get(clientId);
	if (!q || q.day !== day) state.quota.set(clientId, (q = { day, used: 0 }));
	if (q.used >= state.config.dailyQuota) throw ccError(429, 'Limit Exceeded', 'quota_exceeded');
	let hits = state.recent.get(clientId);
	if (!hits) state.recent.set(clientId, (hits = []));
	while (hits.length && hits[0] <= now - 1000) hits.shift();
	if (hits.length >= state.config.perSecond) throw ccError(429, 'Too Many Requests', 'throttled');
	hits.push(now);
	q.used += 1;
}

/** Bearer token -> token record, or 401. `scope` (e.g. campaign_data) -> 403 when missing. */
function authenticate(req, state, { scope } = {}) {
	const token = bearer(req);
	if (!token) throw ccError(401, 'Unauthorized', 'unauthorized');
	const rec = state.accessTokens.get(token);
	if (!rec || rec.revoked) throw ccError(401, 'Unauthorized', 'unauthorized');
	if (rec.expiresAt <= Date.now()) throw ccError(401, 'Unauthorized', 'unauthorized');
	enforceLimits(state, rec.client_id);
	if (scope && !rec.scope.includes(scope)) {
		throw ccError(403, 'This user or application does not have permission to perform this action.', 'forbidden');
	}
	return rec;
}

/** Wraps a route handler: handler(req, ctx, tokenRecord). */
const authed = (handler, opts) => (req, ctx) => handler(req, ctx, authenticate(req, ctx.state, opts));

function stringParam(query, name) {
	const v = query[name];
	if (v === undefined) return undefined;
	if (typeof v !== 'string') throw badRequest(`The parameter ${name} is invalid.`);
	return v;
}

function intParam(query, name, { def, min, max }) {
	const v = query[name];
	if (v === undefined || v === '') return def;
	if (typeof v !== 'string' || !/^\d+$/.test(v)) throw badRequest(`The parameter ${name} must be an integer.`);
	const n = Number(v);
	if (n < min || n > max) throw badRequest(`The parameter ${name} must be between ${min} and ${max}.`);
	return n;
}

function enumParam(query, name, values) {
	const v = stringParam(query, name);
	if (v === undefined || v === '') return undefined;
	if (!values.includes(v)) throw badRequest(`The parameter ${name} must be one of ${values.join(', ')}.`);
	return v;
}

function encodeCursor(obj) {
	return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

function decodeCursor(text, kind) {
	try {
		const obj = JSON.parse(Buffer.from(String(text), 'base64url').toString('utf8'));
		if (!obj || obj.k !== kind || !Number.isInteger(obj.o) || obj.o < 0) throw new Error('bad');
		return obj;
	} catch {
		throw badRequest('The cursor is invalid or expired.', 'cursor.invalid');
	}
}

/**
 * Cursor paging. The cursor carries the filters of the first call, so `next` alone is enough.
 * Returns { records, total_records, next_cursor?, prev_cursor?, _links }.
 */
function page({ all, offset, limit, kind, filters, selfPath }) {
	const records = all.slice(offset, offset + limit);
	const body = { records, total_records: all.length, _links: { self: { href: selfPath } } };
	const q = (cursorName, cursor) => `${selfPath.split('?')[0]}?${cursorName}=${cursor}&limit=${limit}`;
	if (offset + limit < all.length) {
		body.next_cursor = encodeCursor({ k: kind, o: offset + limit, l: limit, f: filters });
		body._links.next = { href: q('next', body.next_cursor) };
	}
	if (offset > 0) {
		body.prev_cursor = encodeCursor({ k: kind, o: Math.max(0, offset - limit), l: limit, f: filters });
		body._links.prev = { href: q('prev', body.prev_cursor) };
	}
	return body;
}

function jsonBody(req) {
	if (req.bodyError) throw badRequest(req.bodyError);
	if (!req.hasBody || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
		throw badRequest('The request body must be a JSON object.');
	}
	return req.body;
}

module.exports = {
	C, errorResult, ccError, badRequest, notFound, bearer, appOf, authenticate, authed, enforceLimits,
	stringParam, intParam, enumParam, encodeCursor, decodeCursor, page, jsonBody, utcDay, nextUtcMidnight,
};
