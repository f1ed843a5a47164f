'use strict';
// Request readers several provider modules share. Providers whose real API words these errors
// differently keep their own (e.g. constant-contact/common.js).
const { HttpError } = require('./http-error');

/** Bearer token from the Authorization header (scheme case-insensitive), or null. */
function bearer(req) {
	const h = req.headers.authorization;
	if (typeof h !== 'string') return null;
	const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
	return m ? m[1] : null;
}

/** An integer query parameter: undefined or '' → def; not an integer or out of range → 400. */
function intParam(query, name, { def, min, max }) {
	const v = query[name];
	if (v === undefined || v === '') return def;
	if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw new HttpError(400, `"${name}" must be a number`);
	const n = Number(v);
	if (min !== undefined && n < min) throw new HttpError(400, `"${name}" must be greater than or equal to ${min}`);
	if (max !== undefined && n > max) throw new HttpError(400, `"${name}" must be less than or equal to ${max}`);
	return n;
}

module.exports = { bearer, intParam };
