'use strict';
// Shared Flexiown emulator helpers: ASP.NET problem-details errors, api-key auth, case-insensitive
// JSON binding (ASP.NET binds property names case-insensitively), validators.
const crypto = require('crypto');
const { HttpError, statusText } = require('../../core/http-error');
const C = require('./constants');

const traceId = () => crypto.randomUUID();

/** Problem details for a status: {type, title, status, traceId} (+ errors for validation failures). */
function problem(status, title, errors) {
	const body = {
		type: C.PROBLEM_TYPES[status] || C.PROBLEM_TYPES[400],
		title: title || (status === 500 ? 'An error occurred.' : statusText(status)),
		status,
		traceId: traceId(),
	};
	if (errors) body.errors = errors;
	return body;
}

/** provider.error(status, message): used for thrown HttpErrors, faults without a body and 429s. */
function errorResult(status, message) {
	let title = message;
	if (status === 400 && !title) title = 'One or more validation errors occurred.';
	if (status === 500) title = 'An error occurred.';
	return { status, body: problem(status, title) };
}

/** The 400 "One or more validation errors occurred." with an errors map {field: [messages]}. */
function validationError(errors) {
	return new HttpError(400, 'validation', { body: problem(400, 'One or more validation errors occurred.', errors) });
}

function notFoundError(title) {
	return new HttpError(404, title, { body: problem(404, title) });
}

function unauthorized() {
	return new HttpError(401, 'Unauthorized', { body: problem(401, 'Unauthorized') });
}

/** The merchant behind the request's api-key header, or a 401. */
function authenticate(req, state) {
	const key = req.headers['api-key'];
	if (typeof key !== 'string' || !key) throw unauthorized();
	const rec = state.apiKeys.find((k) => k.key === key);
	if (!rec || !rec.active) throw unauthorized();
	return rec;
}

const authed = (handler) => (req, ctx) => handler(req, ctx, authenticate(req, ctx.state));

/** Case-insensitive property read (ASP.NET's default JSON binding). */
function field(obj, name) {
	if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
	if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
	const lower = name.toLowerCase();
	for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
	return undefined;
}

/** A JSON object body, or a 400 in ASP.NET's shape. */
function objectBody(req) {
	if (req.bodyError) throw validationError({ $: [req.bodyError] });
	if (!req.hasBody || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
		throw validationError({ '': ['A non-empty request body is required.'] });
	}
	return req.body;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s) => typeof s === 'string' && UUID_RE.test(s);

const isBlank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A price given as a number or numeric string ("12657.00"). */
function toAmount(v) {
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
	return undefined;
}

const round2 = (x) => Math.round(x * 100) / 100;

function isAbsoluteUrl(s) {
	if (typeof s !== 'string') return false;
	try {
		const u = new URL(s);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

/** "on-hold" -> "On-Hold", "completed" -> "Completed" (the docs show GET status values in title case). */
const titleCase = (s) => String(s).replace(/(^|[-\s])([a-z])/g, (_, sep, ch) => sep + ch.toUpperCase());

module.exports = {
	problem, errorResult, validationError, notFoundError, unauthorized, authenticate, authed, field, objectBody,
	isUuid, isBlank, toAmount, round2, isAbsoluteUrl, titleCase,
};
