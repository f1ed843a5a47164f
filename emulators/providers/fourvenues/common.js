'use strict';
// Shared Fourvenues helpers: envelopes, error bodies, API-key auth and scope, Joi-like query validation.
const { HttpError, statusText } = require('../../core/http-error');
const C = require('./constants');
const { intParam } = require('../../core/params');

/** Success envelope. Key order varies in the real API; lists carry no total/cursor. */
const ok = (data, { successFirst = false } = {}) => ({
	status: 200,
	body: successFirst ? { success: true, data } : { data, success: true },
});

/**
 * Error body. No error schema is documented (UNVERIFIED): independent clients read `error`, then
 * `message`, so the emulator sends `{success: false, error}`.
 */
function errorResult(status, message) {
	return { status, body: { success: false, error: message || statusText(status) } };
}

const fail = (status, message) => new HttpError(status, message);
const badRequest = (message) => fail(400, message);
const notFound = (what) => fail(404, `${what} not found`);

/** Express answers unknown routes with an HTML page (e.g. /ticketrates without the hyphen). */
function routeNotFound(req) {
	const text = `Cannot ${req.method} ${req.providerPath}`;
	return {
		status: 404,
		headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" },
		body: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>${text}</pre>\n</body>\n</html>\n`,
	};
}

function apiKeyOf(req) {
	const v = req.headers['x-api-key'];
	return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** Returns { key, channel, hostIds:Set } or throws 401/403. */
function authenticate(req, state, permission) {
	const key = apiKeyOf(req);
	if (!key) throw fail(401, 'API key is required');
	const rec = state.apiKeys.find((k) => k.key === key);
	if (!rec || rec.revoked) throw fail(401, 'Invalid API key');
	if (Date.parse(rec.expires_at) <= Date.now()) throw fail(401, 'API key expired');
	if (permission && !rec.permissions.includes('*') && !rec.permissions.includes(permission)) {
		throw fail(403, `The API key has no "${permission}" permission`);
	}
	const channel = state.channels.find((c) => c._id === rec.channelId);
	return { key: rec, channel, hostIds: new Set(channel.host_ids) };
}

/** Wraps a handler so it runs only for an authenticated request with the permission: handler(req, ctx, auth). */
const authed = (permission, handler) => (req, ctx) => handler(req, ctx, authenticate(req, ctx.state, permission));

/** Joi-like: every query key must be one of `allowed`. */
function allowOnly(query, allowed) {
	for (const k of Object.keys(query)) if (!allowed.includes(k)) throw badRequest(`"${k}" is not allowed`);
}

function stringParam(query, name, { required = false } = {}) {
	const v = query[name];
	if (v === undefined || v === '') {
		if (required) throw badRequest(`"${name}" is required`);
		return undefined;
	}
	if (typeof v !== 'string') throw badRequest(`"${name}" must be a string`);
	return v;
}

/** A date filter: YYYY-MM-DD (UTC midnight) or an ISO 8601 date-time. Returns epoch ms or undefined. */
function dateParam(query, name) {
	const v = stringParam(query, name);
	if (v === undefined) return undefined;
	const ok8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v);
	const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00.000Z` : v);
	if (!ok8601 || Number.isNaN(ms)) throw badRequest(`"${name}" must be a valid date`);
	return ms;
}

/** limit/offset paging: the documented default is 50; limits above state.maxLimit are capped silently. */
function page(list, query, state) {
	const limit = intParam(query, 'limit', { def: C.DEFAULT_LIMIT, min: 1 });
	const offset = intParam(query, 'offset', { def: 0, min: 0 });
	const size = Math.min(limit, state.maxLimit);
	return list.slice(offset, offset + size);
}

/**
 * start_date inclusive, end_date exclusive (independent integrations report start_date == end_date
 * returns nothing; UNVERIFIED).
 */
function inRange(ms, start, end) {
	if (start !== undefined && ms < start) return false;
	if (end !== undefined && ms >= end) return false;
	return true;
}

module.exports = {
	ok, errorResult, fail, badRequest, notFound, routeNotFound, apiKeyOf, authenticate, authed, allowOnly,
	stringParam, intParam, dateParam, page, inRange,
};
