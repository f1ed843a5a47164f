'use strict';
// Checks recorded exchanges and webhook deliveries (emulators/core/contract-log.js) against the derived
// API descriptions: one function per record, each returning its violations as
// { provider, operation, field, message, test }. `field` is the canonical field path the allow-list names:
// "request query <name>", "request body <pointer>", "request auth", "answer <status>", "answer <status> <pointer>",
// "delivery data <pointer>"; array indexes are written [] so that one entry covers every row of a list.
const { matchOperation, requestTarget } = require('./contract-specs');

const pointer = (instancePath) => instancePath.replace(/\/\d+(?=\/|$)/g, '/[]') || '/';

function schemaViolations(validate, value, field) {
	if (validate(value)) return [];
	const seen = new Set();
	const out = [];
	for (const e of validate.errors || []) {
		let at = pointer(e.instancePath);
		if (e.keyword === 'required') at = `${at === '/' ? '' : at}/${e.params.missingProperty}`;
		if (e.keyword === 'additionalProperties') at = `${at === '/' ? '' : at}/${e.params.additionalProperty}`;
		if (e.keyword === 'unevaluatedProperties') at = `${at === '/' ? '' : at}/${e.params.unevaluatedProperty}`;
		// anyOf/oneOf report every branch; the branch errors below them already say what is wrong.
		if (['anyOf', 'oneOf'].includes(e.keyword)) continue;
		const key = `${at}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const detail = e.keyword === 'enum'
			? `${e.message}: ${JSON.stringify(e.params.allowedValues)}`
			: e.keyword === 'unevaluatedProperties' ? 'a field the document does not have' : e.message;
		out.push({ field: `${field} ${at}`, message: `${detail}` });
	}
	return out;
}

/** Does the request's auth header have a form one of the operation's security requirements allows? */
function authAllowed(op, provider, forms) {
	if (!op.security.length) return { ok: true };
	const expected = [];
	for (const requirement of op.security) {
		const names = Object.keys(requirement);
		const ok = names.every((name) => {
			const s = provider.securitySchemes[name] || {};
			expected.push(`${name} (${describeScheme(s)})`);
			return forms.some((f) => formFits(s, f));
		});
		if (ok) return { ok: true };
	}
	return { ok: false, expected: [...new Set(expected)] };
}

function describeScheme(s) {
	if (s.type === 'http' && s.scheme === 'bearer') return s.bearerFormat === 'JWT' ? 'Bearer <JWT>' : 'Bearer <token>';
	if (s.type === 'apiKey') return `${s.name}: ${s.scheme === 'bearer' ? 'Bearer <API key>' : '<API key>'}`;
	if (s.type === 'oauth2') return 'Bearer <OAuth2 access token>';
	if (s.type === 'http' && s.scheme === 'basic') return 'Basic <user:password>';
	return s.type || 'unknown';
}

function formFits(s, f) {
	if (s.type === 'http' && s.scheme === 'bearer') {
		return f.header === 'authorization' && f.scheme === 'bearer' && (s.bearerFormat !== 'JWT' || f.form === 'jwt');
	}
	if (s.type === 'http' && s.scheme === 'basic') return f.header === 'authorization' && f.scheme === 'basic';
	if (s.type === 'oauth2') return f.header === 'authorization' && f.scheme === 'bearer';
	if (s.type === 'apiKey') {
		if (f.header !== String(s.name).toLowerCase()) return false;
		// vivenu's API key travels as "Bearer <key>": an opaque token, told apart from a user JWT by its form.
		if (s.scheme === 'bearer') return f.scheme === 'bearer' && f.form === 'opaque';
		return true;
	}
	return false;
}

function queryViolations(op, query) {
	const out = [];
	const documented = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
	for (const [name, value] of Object.entries(query || {})) {
		const p = documented.get(name);
		if (!p) {
			out.push({ field: `request query ${name}`, message: 'query parameter not in the document' });
			continue;
		}
		if (!p.validate) continue;
		const holder = { v: value };
		// Ajv coerces in place: validate a copy through a wrapper so the coerced value is checked.
		const ok = p.validate(holder.v);
		if (!ok) {
			out.push({ field: `request query ${name}`, message: `${JSON.stringify(value)}: ${(p.validate.errors || []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}` });
		}
	}
	for (const p of documented.values()) {
		if (p.required && !(p.name in (query || {}))) out.push({ field: `request query ${p.name}`, message: 'required query parameter missing' });
	}
	return out;
}

function checkRequest(op, provider, rec, pathParams) {
	const out = [];
	for (const p of op.parameters.filter((x) => x.in === 'path')) {
		if (!(p.name in pathParams)) out.push({ field: `request path ${p.name}`, message: 'path parameter missing' });
		else if (p.validate && !p.validate(pathParams[p.name])) out.push({ field: `request path ${p.name}`, message: `${JSON.stringify(pathParams[p.name])} does not fit its schema` });
	}
	out.push(...queryViolations(op, rec.query));
	if (rec.body !== undefined) {
		if (!op.body) out.push({ field: 'request body', message: 'a body the operation does not take' });
		else out.push(...schemaViolations(op.body.validate, rec.body, 'request body'));
	} else if (op.body && op.body.required) {
		out.push({ field: 'request body', message: 'required body missing' });
	}
	const auth = authAllowed(op, provider, rec.auth || []);
	if (!auth.ok) {
		const sent = (rec.auth || []).map((f) => `${f.header}: ${f.scheme ? `${f.scheme} ` : ''}<${f.form}>`).join(', ') || 'none';
		out.push({ field: 'request auth', message: `sent ${sent}; the document allows ${auth.expected.join(' or ')}` });
	}
	return out;
}

function checkAnswer(op, rec) {
	const status = String(rec.status);
	const documented = op.responses[status] || op.responses[`${status[0]}XX`] || op.responses.default;
	if (!documented) {
		return [{ field: `answer ${status}`, message: `status ${status} not documented (documented: ${Object.keys(op.responses).join(', ')})` }];
	}
	if (!documented.schema) return [];
	if (!rec.answer || !('json' in rec.answer)) return [{ field: `answer ${status}`, message: 'no JSON body where the document has a schema' }];
	return schemaViolations(documented.schema, rec.answer.json, `answer ${status}`);
}

/**
 * One exchange → { op, requestChecked, answerChecked, violations }. A request is the node's when its
 * User-Agent is n8n's (the helpers of n8n send it); a test's raw request (e.g. a deliberately bad one against
 * the emulator) is not checked, but the emulator's answer to it is.
 */
function checkExchange(providers, rec) {
	const provider = providers[rec.provider];
	if (!provider) return { skipped: 'no description' };
	// Injected faults are the tests' answers, not the emulated provider's. The limiter's 429s are the provider's.
	if (rec.tag === 'fault') return { skipped: rec.tag };
	const target = requestTarget(provider, rec);
	const match = matchOperation(provider, rec.method, target.path);
	const opName = `${rec.method} ${target.path}`;
	const nodeRequest = /^n8n\b/.test(rec.userAgent || '');
	if (!match || !match.op) {
		if (!nodeRequest) return { skipped: 'test request outside the package\'s operations' };
		return { violations: [{ field: 'request', operation: opName, message: match ? 'method not documented for this path' : 'path not among the package\'s documented operations' }] };
	}
	const { op } = match;
	const violations = [];
	if (nodeRequest) violations.push(...checkRequest(op, provider, { ...rec, query: target.query }, match.pathParams));
	violations.push(...checkAnswer(op, rec));
	return { op, requestChecked: nodeRequest, answerChecked: true, violations: violations.map((v) => ({ ...v, operation: op.key })) };
}

function checkDelivery(providers, rec) {
	const provider = providers[rec.provider];
	if (!provider) return { skipped: 'no description' };
	if (rec.tag) return { skipped: rec.tag };
	const validate = provider.webhooks[rec.type];
	const operation = `webhook ${rec.type}`;
	if (!validate) return { violations: [{ operation, field: 'delivery', message: `webhook type ${rec.type} not in the document` }] };
	// The webhook.<type> schema is the envelope's data: vivenu {id, type, mode, data}, Fourvenues {id, event, payload}.
	const keys = provider.derived.webhookEnvelope || { type: 'type', data: 'data' };
	const envelope = rec.payload || {};
	const violations = [];
	if (envelope[keys.type] !== rec.type) violations.push({ field: `delivery /${keys.type}`, message: `envelope ${keys.type} ${JSON.stringify(envelope[keys.type])} is not ${rec.type}` });
	violations.push(...schemaViolations(validate, envelope[keys.data], `delivery ${keys.data}`));
	return { type: rec.type, violations: violations.map((v) => ({ ...v, operation })) };
}

module.exports = { checkExchange, checkDelivery, formFits, pointer };
