'use strict';
// Fault injection. A fault spec:
//   { provider, method?, path? ('substring' or '/regex/flags' against providerPath),
//     status?, headers?, body? (JSON or string), retryAfter? (seconds or HTTP-date),
//     delayMs?, drop?, malformed?, after?, times? (default 1; -1 = unlimited) }
// With `after: true` the provider's handler runs first (the change is made), then the fault answers.
// Matching requests consume faults FIFO (first added, first used).
// A fault with only delayMs (no status/body/headers/retryAfter/drop/malformed) delays the
// request and then lets it through to the real handler.

let nextId = 1;

function compilePath(path) {
	if (path === undefined || path === null || path === '') return () => true;
	// '/api/x/' style strings with only valid RegExp flags after the last slash are regexes
	const m = /^\/(.+)\/([dgimsuy]*)$/s.exec(String(path));
	if (m) {
		const re = new RegExp(m[1], m[2]);
		return (p) => re.test(p);
	}
	return (p) => p.includes(String(path));
}

function validate(spec) {
	if (!spec || typeof spec !== 'object') throw new Error('fault spec must be an object');
	if (!spec.provider) throw new Error('fault.provider is required');
	if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)) {
		throw new Error('fault.status must be an integer HTTP status');
	}
	if (spec.times !== undefined && !Number.isInteger(spec.times)) throw new Error('fault.times must be an integer');
	if (spec.delayMs !== undefined && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0)) {
		throw new Error('fault.delayMs must be a number >= 0');
	}
	if (spec.headers !== undefined && (typeof spec.headers !== 'object' || spec.headers === null)) {
		throw new Error('fault.headers must be an object');
	}
	compilePath(spec.path); // throws on a bad regex
}

class FaultStore {
	constructor() {
		this.faults = [];
	}

	add(spec) {
		validate(spec);
		const fault = {
			id: nextId++,
			...spec,
			method: spec.method ? String(spec.method).toUpperCase() : undefined,
			times: spec.times === undefined ? 1 : spec.times,
			hits: 0,
		};
		Object.defineProperty(fault, 'matchPath', { value: compilePath(spec.path), enumerable: false });
		this.faults.push(fault);
		return fault;
	}

	/** Find the first matching fault, consume one use and return it (or null). */
	take(provider, method, providerPath) {
		const i = this.faults.findIndex(
			(f) =>
				f.provider === provider &&
				(!f.method || f.method === method.toUpperCase()) &&
				f.matchPath(providerPath),
		);
		if (i === -1) return null;
		const f = this.faults[i];
		f.hits++;
		if (f.times >= 0 && f.hits >= f.times) this.faults.splice(i, 1);
		return f;
	}

	list() {
		return this.faults.map((f) => ({ ...f }));
	}

	clear(provider) {
		this.faults = provider ? this.faults.filter((f) => f.provider !== provider) : [];
	}
}

/** true when the fault only delays the request and then lets it through */
function isPassThrough(f) {
	return (
		f.status === undefined &&
		f.body === undefined &&
		f.headers === undefined &&
		f.retryAfter === undefined &&
		!f.drop &&
		!f.malformed
	);
}

/**
 * Build the HTTP result of a (non-pass-through, non-drop) fault.
 * errorFor(status) gives the provider's default error body for that status.
 */
function faultResult(f, errorFor) {
	const headers = { ...(f.headers || {}) };
	if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
	if (f.malformed) {
		const full = f.body === undefined ? '{"docs":[{"_id":"000000000000000000000000","status":"COMPLETE"}],"total":1}'
			: typeof f.body === 'string' ? f.body : JSON.stringify(f.body);
		const truncated = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
		return {
			status: f.status || 200,
			headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
			body: truncated,
		};
	}
	const status = f.status || (f.retryAfter !== undefined ? 429 : 500);
	let body = f.body;
	if (body === undefined) body = errorFor(status);
	if (typeof body === 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
		headers['content-type'] = 'text/plain; charset=utf-8';
	}
	return { status, headers, body };
}

module.exports = { FaultStore, faultResult, isPassThrough, compilePath };
