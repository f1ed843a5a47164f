#!/usr/bin/env node
'use strict';
/*
 * Writes the output schemas n8n's editor shows before a node has run (the schema preview of the next
 * node's input): nodes/<Provider>/__schema__/v1.0.0/<resource>/<operation>.json, one JSON schema of one
 * output item per Get and Get Many operation. `npm run build` copies them beside the node's .js in
 * dist/, where n8n 2.x serves them at /schemas/<package>.<node>/1.0.0/<resource>/<operation>.json.
 *
 * The shape comes from real answers: every operation runs with its default parameters (Simplify on)
 * through n8n's execution engine (test/harness) against the emulator; a Get runs with an ID taken from
 * its Get Many's first item. Needs dist/ (npm run build) and Node 24. `--check` fails when a committed
 * schema differs from what the emulator gives now (nothing is written).
 */
const fs = require('fs');
const path = require('path');
const { startEmulator } = require('../emulators');
const { runNode } = require('../test/harness');
const { REPO_ROOT, substitute } = require('./lib/util');

const rl = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** dir, node, credential file, then [resource, operation, parameters(first item of the Get Many)]. */
const NODES = [
	{
		dir: 'Vivenu', node: 'Vivenu', cred: 'vivenu',
		ops: [
			['transaction', 'getAll', () => ({ limit: 3 })],
			['transaction', 'get', (x) => ({ transactionId: rl(x.id || x._id) })],
		],
	},
	{
		dir: 'ConstantContact', node: 'ConstantContact', cred: 'constant-contact',
		ops: [
			['event', 'getAll', () => ({ limit: 3 })],
			['event', 'get', (x) => ({ eventId: rl(x.event_id) })],
			['registration', 'getAll', (x, all) => ({ eventId: rl(all.event.getAll.event_id), limit: 3 })],
			['registration', 'get', (x, all) => ({ eventId: rl(all.event.getAll.event_id), registrationId: String(x.registration_id) })],
		],
	},
	{
		dir: 'Fourvenues', node: 'Fourvenues', cred: 'fourvenues',
		ops: [
			['organization', 'getAll', () => ({ limit: 3 })],
			['event', 'getAll', () => ({ limit: 3 })],
			['event', 'get', (x) => ({ eventId: rl(x._id) })],
			['payment', 'getAll', () => ({ limit: 3 })],
			['payment', 'get', (x) => ({ paymentId: rl(x._id) })],
			['ticket', 'getAll', (x, all) => ({ eventId: rl(all.event.getAll._id), limit: 3 })],
			['ticket', 'get', (x) => ({ code: String(x.qr_code) })],
		],
	},
	{
		dir: 'RestrictContentPro', node: 'RestrictContentPro', cred: 'restrict-content-pro',
		ops: [
			['payment', 'getAll', () => ({ limit: 3 })],
			['payment', 'get', (x) => ({ paymentId: String(x.id) })],
		],
	},
	{
		dir: 'Flexiown', node: 'Flexiown', cred: 'flexiown',
		ops: [['merchant', 'get', () => ({})]],
	},
];

/** JSON schema of a value, n8n's flavour (type + properties/items; no required lists). */
function schemaOf(value) {
	if (value === null || value === undefined) return { type: 'null' };
	if (Array.isArray(value)) {
		const items = value.map(schemaOf).reduce((a, b) => merge(a, b), undefined);
		return items ? { type: 'array', items } : { type: 'array' };
	}
	if (typeof value === 'object') {
		return { type: 'object', properties: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaOf(v)])) };
	}
	return { type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string' };
}

/** Merges two schemas of the same place (several items): union of properties; a null gives way to a type. */
function merge(a, b) {
	if (!a) return b;
	if (!b) return a;
	if (a.type === 'null') return b;
	if (b.type === 'null') return a;
	if (a.type !== b.type) return a;
	if (a.type === 'object') {
		const properties = { ...a.properties };
		for (const [k, v] of Object.entries(b.properties || {})) properties[k] = merge(properties[k], v);
		return { type: 'object', properties };
	}
	if (a.type === 'array') return a.items || b.items ? { type: 'array', items: merge(a.items, b.items) } : a;
	return a;
}

async function main() {
	const checkOnly = process.argv.includes('--check');
	const emulator = await startEmulator({ port: 0 });
	const vars = { EMULATOR_URL: emulator.url, EMULATOR_PORT: String(new URL(emulator.url).port) };
	const problems = [];
	let written = 0;
	try {
		for (const spec of NODES) {
			const creds = substitute(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'credentials', `${spec.cred}.json`), 'utf8')), vars);
			const credentialTypes = creds.map((c) => `dist/credentials/${c.type[0].toUpperCase()}${c.type.slice(1)}.credentials.js`);
			const credentials = Object.fromEntries(creds.map((c) => [c.type, c.data]));
			const firsts = {};
			for (const [resource, operation, params] of spec.ops) {
				const listed = firsts[resource] && firsts[resource].getAll;
				const parameters = { resource, operation, ...params(listed || {}, firsts) };
				const result = await runNode({ node: `dist/nodes/${spec.dir}/${spec.node}.node.js`, parameters, credentials, credentialTypes });
				if (result.error) { problems.push(`${spec.node} ${resource}/${operation}: ${result.error.message}`); continue; }
				const jsons = result.items.map((i) => i.json);
				if (!jsons.length) { problems.push(`${spec.node} ${resource}/${operation}: no items`); continue; }
				(firsts[resource] = firsts[resource] || {})[operation] = jsons[0];
				const schema = jsons.map(schemaOf).reduce((a, b) => merge(a, b), undefined);
				const file = path.join(REPO_ROOT, 'nodes', spec.dir, '__schema__', 'v1.0.0', resource, `${operation}.json`);
				const text = `${JSON.stringify(schema, null, '\t')}\n`;
				if (checkOnly) {
					if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) problems.push(`${path.relative(REPO_ROOT, file)} differs from the emulator's answer (run node scripts/gen-schemas.js)`);
				} else {
					fs.mkdirSync(path.dirname(file), { recursive: true });
					fs.writeFileSync(file, text);
					written += 1;
				}
			}
		}
	} finally {
		await emulator.close();
	}
	for (const p of problems) process.stderr.write(`${p}\n`);
	process.stdout.write(`schemas: ${checkOnly ? 'checked' : `${written} written`}, ${problems.length} problems\n`);
	process.exitCode = problems.length ? 1 : 0;
}

main().catch((e) => {
	process.stderr.write(`${e.stack || e}\n`);
	process.exitCode = 1;
});
