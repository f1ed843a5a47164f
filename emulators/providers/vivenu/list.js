'use strict';
// GET /api/transactions and /api/transactions/rich: query validation, filtering, sorting, paging.
const C = require('./constants');
const { sortTransactions } = require('./order');
const { badRequest, intParam, stringParam, isIsoDate } = require('./common');

/** Validate updatedAt deepObject: { $gte: iso, ... } -> array of [op, ms]. */
function parseUpdatedAt(v) {
	if (v === undefined) return [];
	if (typeof v !== 'object' || Array.isArray(v) || v === null) {
		throw badRequest('"updatedAt" must be of type object');
	}
	const conds = [];
	for (const [op, val] of Object.entries(v)) {
		if (!C.UPDATED_AT_OPS.includes(op)) throw badRequest(`"updatedAt.${op}" is not allowed`);
		if (!isIsoDate(val)) throw badRequest(`"updatedAt.${op}" must be a valid ISO 8601 date`);
		conds.push([op, Date.parse(val)]);
	}
	return conds;
}

function dateParam(query, name) {
	const v = stringParam(query, name);
	if (v === undefined || v === '') return undefined;
	if (!isIsoDate(v)) throw badRequest(`"${name}" must be a valid ISO 8601 date`);
	return Date.parse(v);
}

const CMP = {
	$gt: (a, b) => a > b,
	$gte: (a, b) => a >= b,
	$lt: (a, b) => a < b,
	$lte: (a, b) => a <= b,
	$eq: (a, b) => a === b,
	$ne: (a, b) => a !== b,
};

const lc = (s) => String(s || '').toLowerCase();

/** @returns {{ filters: Function[], top, skip }} or throws 400 */
function parseListQuery(query, { rich }) {
	const allowed = new Set(C.LIST_PARAMS);
	if (rich) {
		for (const p of C.RICH_EXCLUDED_PARAMS) allowed.delete(p);
		allowed.add('seller');
	}
	for (const key of Object.keys(query)) {
		if (C.REJECTED_PARAMS.includes(key) || (rich && C.RICH_EXCLUDED_PARAMS.includes(key))) {
			throw badRequest(`"${key}" is not allowed`);
		}
	}
	const top = intParam(query, 'top', { def: 25, min: 1, max: 1000 });
	const skip = intParam(query, 'skip', { def: 0, min: 0 });
	const filters = [];
	const eq = (name, get, { ci = false } = {}) => {
		const v = allowed.has(name) ? stringParam(query, name) : undefined;
		if (v === undefined || v === '') return;
		filters.push(ci ? (t) => lc(get(t)) === lc(v) : (t) => get(t) === v);
	};
	eq('id', (t) => t._id);
	eq('status', (t) => t.status);
	eq('paymentStatus', (t) => t.paymentStatus);
	eq('psp', (t) => t.psp);
	eq('customer', (t) => t.customerId);
	eq('email', (t) => t.email, { ci: true });
	eq('seller', (t) => t.sellerId);
	eq('subscriptionId', (t) => t.subscriptionId);
	eq('posPaymentMethods', (t) => t.posInfo && t.posInfo.paymentMethod);

	const name = stringParam(query, 'name');
	if (name) filters.push((t) => lc(`${t.name} ${t.prename} ${t.lastname} ${t.company}`).includes(lc(name)));
	const coupon = stringParam(query, 'coupon');
	if (coupon) filters.push((t) => (t.appliedCoupons || []).some((c) => lc(c.code) === lc(coupon) || c._id === coupon));

	const event = stringParam(query, 'event');
	if (event) {
		const ids = new Set(event.split(',').map((s) => s.trim()).filter(Boolean));
		filters.push((t) => ids.has(t.eventId));
	}
	const start = dateParam(query, 'start');
	if (start !== undefined) filters.push((t) => Date.parse(t.createdAt) >= start);
	const end = dateParam(query, 'end');
	if (end !== undefined) filters.push((t) => Date.parse(t.createdAt) <= end);
	for (const [op, ms] of parseUpdatedAt(query.updatedAt)) filters.push((t) => CMP[op](Date.parse(t.updatedAt), ms));

	return { filters, top, skip };
}

function richDoc(tx, state) {
	const ev = state.events.find((e) => e._id === tx.eventId);
	return {
		...tx,
		event: ev ? { _id: ev._id, name: ev.name, start: ev.start, end: ev.end, locationName: ev.locationName, locationCity: ev.locationCity, timezone: ev.timezone } : null,
		seller: { _id: state.seller._id, name: state.seller.name },
	};
}

function listTransactions(state, query, { rich = false, sellerId } = {}) {
	const { filters, top, skip } = parseListQuery(query, { rich });
	// state.transactions is kept in list order (createdAt desc, _id desc) by the seeder and by the control call
	// that inserts transactions (control.js), so filtering preserves the order and no per-request sort is needed.
	const matching = state.transactions.filter((t) => (!sellerId || t.sellerId === sellerId) && filters.every((f) => f(t)));
	const page = matching.slice(skip, skip + top);
	return { docs: rich ? page.map((t) => richDoc(t, state)) : page, total: matching.length };
}

module.exports = { listTransactions, parseListQuery, sortTransactions };
