#!/usr/bin/env node
'use strict';
// Derives, from a provider's full published API description, the subset this package relies on: the
// paths, parameters, security and request/response schemas of every operation it calls
// (test/contract/operations.js) and the webhook payload schemas, with every component schema they reach.
//
//   node scripts/derive-specs.js vivenu <vivenu-openapi.json> [--source "<where it came from>"]
//   node scripts/derive-specs.js constant-contact <v3-swagger.yml> [--source "<where it came from>"]
//   node scripts/derive-specs.js --own fourvenues flexiown restrict-content-pro   (our own derivations, no document)
//
// Writes test/contract/specs/<provider>.json with `x-derived` (source, file digest, document version,
// date). Swagger 2.0 is converted once to OpenAPI 3 here (swagger2openapi), so the check reads OpenAPI 3 only.
// The vivenu document does not validate against the OpenAPI meta-schema: it is read as plain JSON and only
// its schemas are used (the lenient load the check needs).
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const operations = require('../test/contract/operations');

const OUT_DIR = path.join(__dirname, '..', 'test', 'contract', 'specs');

function parseArgs(argv) {
	const [provider, file, ...rest] = argv;
	const opts = { provider, file };
	for (let i = 0; i < rest.length; i++) {
		if (rest[i] === '--source') opts.source = rest[++i];
		else if (rest[i] === '--out') opts.out = rest[++i];
		else throw new Error(`unknown argument ${rest[i]}`);
	}
	if (!operations[provider] || !file) {
		throw new Error(`usage: derive-specs.js <${Object.keys(operations).join('|')}> <document> [--source TEXT] [--out DIR]`);
	}
	return opts;
}

async function loadOpenApi3(file) {
	const text = fs.readFileSync(file, 'utf8');
	const doc = /\.ya?ml$/i.test(file) ? require('js-yaml').load(text) : JSON.parse(text);
	if (doc.swagger === '2.0') {
		const converter = require('swagger2openapi');
		const { openapi } = await converter.convertObj(doc, { patch: true, warnOnly: true, resolveInternal: false });
		return { doc: openapi, original: doc, text };
	}
	return { doc, original: doc, text };
}

/** Every `#/components/<kind>/<name>` reached from `value`, transitively, added to `into`. */
function collectRefs(doc, value, into) {
	const stack = [value];
	while (stack.length) {
		const v = stack.pop();
		if (!v || typeof v !== 'object') continue;
		if (Array.isArray(v)) {
			stack.push(...v);
			continue;
		}
		for (const [k, child] of Object.entries(v)) {
			if (k === '$ref' && typeof child === 'string') {
				const m = /^#\/components\/([^/]+)\/(.+)$/.exec(child);
				if (!m) throw new Error(`unsupported $ref ${child}`);
				const [, kind, rawName] = m;
				const name = rawName.replace(/~1/g, '/').replace(/~0/g, '~');
				const key = `${kind}/${name}`;
				if (into.has(key)) continue;
				const target = doc.components && doc.components[kind] && doc.components[kind][name];
				if (!target) throw new Error(`$ref ${child} not found in the document`);
				into.set(key, target);
				stack.push(target);
			} else stack.push(child);
		}
	}
	return into;
}

function derive({ provider, doc, spec }) {
	const paths = {};
	const missing = [];
	for (const op of spec.operations) {
		const item = doc.paths[op.path];
		const operation = item && item[op.method.toLowerCase()];
		if (!operation) {
			missing.push(`${op.method} ${op.path}`);
			continue;
		}
		paths[op.path] = paths[op.path] || {};
		if (item.parameters) paths[op.path].parameters = item.parameters;
		const { parameters, security, requestBody, responses, operationId, summary, description } = operation;
		paths[op.path][op.method.toLowerCase()] = {
			operationId,
			summary: summary || (description ? String(description).split('\n')[0] : undefined),
			'x-used-by': op.usedBy,
			parameters,
			security: security || doc.security,
			requestBody,
			responses,
		};
	}
	if (missing.length) throw new Error(`${provider}: not in the document: ${missing.join(', ')}`);

	const webhooks = {};
	for (const type of spec.webhooks) {
		const name = `webhook.${type}`;
		if (!doc.components.schemas[name]) throw new Error(`${provider}: no payload schema ${name}`);
		webhooks[type] = { $ref: `#/components/schemas/${name}` };
	}

	const reached = collectRefs(doc, { paths, webhooks }, new Map());
	const components = {};
	for (const key of [...reached.keys()].sort()) {
		const [kind, ...rest] = key.split('/');
		const name = rest.join('/');
		components[kind] = components[kind] || {};
		components[kind][name] = reached.get(key);
	}
	components.securitySchemes = {};
	for (const op of Object.values(paths).flatMap((p) => Object.values(p).filter((o) => o && o.responses))) {
		for (const requirement of op.security || []) {
			for (const scheme of Object.keys(requirement)) components.securitySchemes[scheme] = doc.components.securitySchemes[scheme];
		}
	}
	return { paths, webhooks, components };
}

/** Our own derivation (a provider without a published document): test/contract/own/<provider>.js. */
function deriveOwn(provider) {
	const own = require(`../test/contract/own/${provider}`);
	const doc = own.document;
	const spec = {
		basePath: own.basePath,
		operations: Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => ({ method: m.toUpperCase(), path: p, usedBy: item[m].summary }))),
		webhooks: own.webhooks,
	};
	const { paths, webhooks, components } = derive({ provider, doc, spec });
	return {
		'x-derived': {
			provider,
			ownDerivation: true,
			note: 'OUR OWN derivation from the provider\'s documentation pages, not a published description (see x-source per operation).',
			source: own.source,
			sourceFile: `test/contract/own/${provider}.js`,
			derivedAt: new Date().toISOString().slice(0, 10),
			basePath: own.basePath,
			webhookEnvelope: own.webhookEnvelope,
			wordpressRest: own.wordpressRest,
			operations: spec.operations.length,
			webhooks: spec.webhooks.length,
			schemas: Object.keys(components.schemas || {}).length,
		},
		openapi: doc.openapi,
		info: doc.info,
		servers: doc.servers,
		paths,
		'x-webhooks': webhooks,
		components,
	};
}

function write(dir, provider, out) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${provider}.json`);
	fs.writeFileSync(file, `${JSON.stringify(out, null, '\t')}\n`);
	const d = out['x-derived'];
	process.stdout.write(`${path.relative(process.cwd(), file)}: ${d.operations} operations, ${d.webhooks} webhook payloads, ${d.schemas} component schemas (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)\n`);
}

async function main() {
	const argv = process.argv.slice(2);
	if (argv[0] === '--own') {
		for (const provider of argv.slice(1)) write(OUT_DIR, provider, deriveOwn(provider));
		return;
	}
	const opts = parseArgs(argv);
	const spec = operations[opts.provider];
	const { doc, original, text } = await loadOpenApi3(opts.file);
	const { paths, webhooks, components } = derive({ provider: opts.provider, doc, spec });
	const out = {
		'x-derived': {
			provider: opts.provider,
			note: 'A subset of the provider\'s published API description, derived by scripts/derive-specs.js; do not edit by hand.',
			source: opts.source || path.basename(opts.file),
			sourceFile: path.basename(opts.file),
			sourceFormat: original.swagger ? `Swagger ${original.swagger} (converted to OpenAPI 3 by swagger2openapi)` : `OpenAPI ${original.openapi}`,
			sourceVersion: original.info && original.info.version,
			sourceSha256: crypto.createHash('sha256').update(text).digest('hex'),
			derivedAt: new Date().toISOString().slice(0, 10),
			basePath: spec.basePath,
			operations: spec.operations.length,
			webhooks: spec.webhooks.length,
			schemas: Object.keys(components.schemas || {}).length,
		},
		openapi: doc.openapi,
		info: { title: doc.info && doc.info.title, version: doc.info && doc.info.version },
		servers: doc.servers,
		paths,
		'x-webhooks': webhooks,
		components,
	};
	write(opts.out || OUT_DIR, opts.provider, out);
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`derive-specs: ${e.message}\n`);
		process.exit(1);
	});
}

module.exports = { derive, collectRefs };
