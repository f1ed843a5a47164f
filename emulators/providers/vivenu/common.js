'use strict';
// Shared vivenu helpers: error shape, auth, lookups, small validators.
const { HttpError, statusText } = require('../../core/http-error');
const C = require('./constants');
const { bearer, intParam } = require('../../core/params');

/** vivenu error body: the OAS `HttpError` schema {statusCode, error, message}. */
function errorResult(status, message) {
	return { status, body: { statusCode: status, error: statusText(status), message: message || statusText(status) } };
}

const badRequest = (message) => new HttpError(400, message);
const notFound = (message) => new HttpError(404, message);

/** Returns the API key record for the request or throws 401. */
function authenticate(req, state) {
	const key = bearer(req);
	if (!key) throw new HttpError(401, 'Unauthorized');
	const rec = state.apiKeys.find((k) => k.key === key);
	if (rec && rec.active) return rec;
	if (!rec && key === C.DEMO_KEY) return { key, active: true, sellerId: state.seller._id };
	throw new HttpError(401, 'Unauthorized');
}

/** Wrap a handler so it runs only for an authenticated request: handler(req, ctx, apiKey). */
const authed = (handler) => (req, ctx) => handler(req, ctx, authenticate(req, ctx.state));

const txIndex = new WeakMap();
function findTransaction(state, id) {
	let idx = txIndex.get(state);
	if (!idx || idx.size !== state.transactions.length) {
		idx = new Map(state.transactions.map((t) => [t._id, t]));
		txIndex.set(state, idx);
	}
	return idx.get(id) || null;
}

const ticketIndex = new WeakMap();
/** The tickets of a transaction, through an index built once per state (tickets are only created by the seeder). */
function ticketsOf(state, tx) {
	let idx = ticketIndex.get(state);
	if (!idx || idx.count !== state.tickets.length) {
		idx = { count: state.tickets.length, byTx: new Map() };
		for (const t of state.tickets) {
			const list = idx.byTx.get(t.transactionId);
			if (list) list.push(t);
			else idx.byTx.set(t.transactionId, [t]);
		}
		ticketIndex.set(state, idx);
	}
	return (idx.byTx.get(tx._id) || []).slice();
}

function requireTransaction(state, id, sellerId) {
	const tx = findTransaction(state, id);
	if (!tx || (sellerId && tx.sellerId !== sellerId)) throw notFound('Transaction not found');
	return tx;
}

/** A POST whose body is not valid JSON is a 400; `required` also rejects a missing body. */
function jsonBody(req, { required = false } = {}) {
	if (req.bodyError) throw badRequest(req.bodyError);
	if (!req.hasBody || req.body === null || req.body === undefined) {
		if (required) throw badRequest('"body" is required');
		return null;
	}
	return req.body;
}

function requireObjectBody(req) {
	const b = jsonBody(req, { required: true });
	if (typeof b !== 'object' || Array.isArray(b)) throw badRequest('"body" must be of type object');
	return b;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isEmail = (s) => typeof s === 'string' && EMAIL_RE.test(s);

/** ISO 8601 date-time (date alone is accepted too, like most validators). */
function isIsoDate(s) {
	return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s));
}

function stringParam(query, name) {
	const v = query[name];
	if (v === undefined) return undefined;
	if (typeof v !== 'string') throw badRequest(`"${name}" must be a string`);
	return v;
}

/** Append a history entry and bump updatedAt. */
function touch(tx, ctx, { title, type, data = {} }) {
	const now = ctx.now().toISOString();
	tx.updatedAt = now;
	const id = newObjectId(now);
	tx.history = tx.history || [];
	tx.historyEntries = tx.historyEntries || [];
	tx.history.push({ _id: id, date: now, title, message: '', type: 'YOURTICKET', risk: 'NEUTRAL' });
	tx.historyEntries.push({ _id: id, date: now, data, type, risk: 'NEUTRAL' });
	return now;
}

const newObjectId = (date) =>
	(Math.floor(new Date(date).getTime() / 1000) >>> 0).toString(16).padStart(8, '0') + require('crypto').randomBytes(8).toString('hex');

module.exports = {
	errorResult, badRequest, notFound, bearer, authenticate, authed, findTransaction, requireTransaction, ticketsOf,
	jsonBody, requireObjectBody, isEmail, isIsoDate, intParam, stringParam, touch, newObjectId,
};
