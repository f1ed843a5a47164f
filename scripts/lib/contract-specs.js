'use strict';
// Loads the derived API descriptions (test/contract/specs/*.json) into one Ajv instance, compiled once:
// operations matched by method + path template, schemas of parameters, bodies, answers and webhook payloads.
const fs = require('fs');
const path = require('path');
// Draft 2019-09 for unevaluatedProperties, which closes an object through anyOf/oneOf branches and $refs.
const Ajv = require('ajv/dist/2019');
const addFormats = require('ajv-formats');

const SPEC_DIR = path.join(__dirname, '..', '..', 'test', 'contract', 'specs');

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `nullable` becomes a null alternative, refs point into the
 * provider's schema container, and keywords that are only documentation (example, discriminator, xml,
 * metas, x-*) are dropped. The derived files stay as published; this runs in memory only.
 */
function toJsonSchema(schema, provider) {
	if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, provider));
	if (!schema || typeof schema !== 'object') return schema;
	const out = {};
	for (const [k, v] of Object.entries(schema)) {
		if (['example', 'examples', 'discriminator', 'xml', 'metas', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'nullable'].includes(k)) continue;
		if (k.startsWith('x-')) continue;
		if (k === '$ref') out.$ref = v.replace(/^#\/components\/schemas\//, `${provider}#/definitions/`);
		else if (k === 'properties' || k === 'patternProperties') {
			out[k] = {};
			for (const [name, s] of Object.entries(v)) out[k][name] = toJsonSchema(s, provider);
		} else if (typeof v === 'object') out[k] = toJsonSchema(v, provider);
		else out[k] = v;
	}
	// A field the document does not name is a violation too (a node reading it would find nothing live):
	// objects with documented properties are closed, unless the document leaves them open.
	if (out.properties && out.additionalProperties === undefined && out.patternProperties === undefined) out.unevaluatedProperties = false;
	if (schema.nullable === true) {
		if (typeof out.type === 'string') out.type = [out.type, 'null'];
		else if (Array.isArray(out.type)) out.type = [...new Set([...out.type, 'null'])];
		else return { anyOf: [out, { type: 'null' }] };
		if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
	}
	return out;
}

function newAjv(extra) {
	const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false, ...extra });
	addFormats(ajv);
	return ajv;
}

/** "/api/transactions/{id}" → /^\/api\/transactions\/([^/]+)$/ with names ['id']. */
function templateMatcher(template) {
	const names = [];
	const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, n) => {
		names.push(n);
		return '([^/]+)';
	});
	return { regex: new RegExp(`^${source}$`), names, literal: template.replace(/\{[^}]+\}/g, '').length };
}

function loadSpecs(dir = SPEC_DIR) {
	const answers = newAjv();
	const params = newAjv({ coerceTypes: 'array' });
	const providers = {};
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		const derived = doc['x-derived'];
		const name = derived.provider;
		const definitions = {};
		for (const [k, s] of Object.entries((doc.components && doc.components.schemas) || {})) definitions[k] = toJsonSchema(s, name);
		answers.addSchema({ $id: name, definitions });
		params.addSchema({ $id: name, definitions });
		const compile = (ajv, schema) => {
			const v = ajv.compile(toJsonSchema(schema, name));
			return v;
		};
		const operations = [];
		for (const [template, item] of Object.entries(doc.paths)) {
			for (const [method, op] of Object.entries(item)) {
				if (!op || !op.responses) continue;
				const parameters = [...(item.parameters || []), ...(op.parameters || [])].filter((p) => p.in !== 'header' || !/^authorization$/i.test(p.name));
				const responses = {};
				for (const [status, r] of Object.entries(op.responses)) {
					const media = r.content && (r.content['application/json'] || r.content['*/*'] || Object.values(r.content)[0]);
					responses[status] = { schema: media && media.schema ? compile(answers, media.schema) : null };
				}
				const body = op.requestBody && op.requestBody.content
					? op.requestBody.content['application/json'] || Object.values(op.requestBody.content)[0]
					: null;
				operations.push({
					provider: name,
					key: `${method.toUpperCase()} ${template}`,
					method: method.toUpperCase(),
					template,
					usedBy: op['x-used-by'],
					matchers: [].concat(derived.basePath || '').map((base) => templateMatcher(`${base}${template}`)),
					parameters: parameters.map((p) => ({ ...p, validate: p.schema ? compile(params, p.schema) : null })),
					security: op.security || [],
					body: body && body.schema ? { required: !!op.requestBody.required, validate: compile(answers, body.schema) } : null,
					responses,
				});
			}
		}
		const webhooks = {};
		for (const [type, schema] of Object.entries(doc['x-webhooks'] || {})) webhooks[type] = compile(answers, schema);
		providers[name] = {
			name,
			derived,
			own: !!derived.ownDerivation,
			securitySchemes: (doc.components && doc.components.securitySchemes) || {},
			operations,
			webhooks,
		};
	}
	return providers;
}

/**
 * The path a request names. WordPress REST routes (Restrict Content Pro) live under any REST prefix of the
 * site ({site}/wp-json/rcp/v1/…) or in the `rest_route` query parameter ({site}/?rest_route=/rcp/v1/…).
 */
function requestTarget(provider, rec) {
	if (!provider.derived.wordpressRest) return { path: rec.path, query: rec.query };
	const query = { ...(rec.query || {}) };
	if (typeof query.rest_route === 'string') {
		const path = query.rest_route;
		delete query.rest_route;
		return { path, query };
	}
	const at = rec.path.indexOf('/rcp/v1');
	return { path: at === -1 ? rec.path : rec.path.slice(at), query };
}

/** The operation a request is for: the most literal template that matches (e.g. /rich before /{id}). */
function matchOperation(provider, method, requestPath) {
	let best = null;
	for (const op of provider.operations) {
		let m = null;
		let matcher = null;
		for (const candidate of op.matchers) {
			m = candidate.regex.exec(requestPath);
			if (m) {
				matcher = candidate;
				break;
			}
		}
		if (!m) continue;
		if (op.method !== method) {
			if (!best) best = { op: null, pathOnly: op };
			continue;
		}
		if (!best || !best.op || matcher.literal > best.literal) {
			const pathParams = {};
			matcher.names.forEach((n, i) => {
				pathParams[n] = decodeURIComponent(m[i + 1]);
			});
			best = { op, pathParams, literal: matcher.literal };
		}
	}
	return best;
}

module.exports = { loadSpecs, matchOperation, requestTarget, toJsonSchema, SPEC_DIR };
