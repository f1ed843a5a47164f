#!/usr/bin/env node
'use strict';
/*
 * What a plain `{{ $json.id }}` costs per item, with and without n8n's expression engine (issue 24 item 1).
 * The vivenu node runs Get by ID for N items in this process through n8n-core's WorkflowExecute
 * (test/harness; isolated-vm engine on Node 24, as n8n 2.x runs it), against the emulator in a child process.
 *
 *   fast    transactionId = {{ $json.id }}        read from the item (nodes/common/base/fieldReference.ts)
 *   engine  transactionId = {{ $json.id + '' }}   the same ID, through the expression engine (the path before)
 *
 *   floor   a probe node that only sends the same GETs through n8n's request helper (50 at once, the
 *           credential handed over decrypted) and parses each answer into one output item: what n8n
 *           itself costs per request, so `fast − floor` is the vivenu node's own work per item.
 *
 * CPU is this process's user+system time over the run (the node, n8n-core, the HTTP client; not the
 * emulator), divided by N; alternating runs, the median of each. A second table reads only the parameter
 * (no request) N times in a probe node, to show the reader's own cost.
 *
 *   $NODE24 bench/field-reference.js [items=1000] [runs=5]
 *   $NODE24 --cpu-prof bench/field-reference.js 2000 1 fast   # only the given kinds (fast, engine, floor)
 *
 * Needs `npm run build` first (it loads dist/).
 */
const path = require('path');
const { freePort } = require('../scripts/lib/util');
const { startEmulatorProcess } = require('../scripts/lib/emulator');
const { runNode, shutdown } = require('../test/harness');
const { API_KEY } = require('./lib/vivenu');
const { readItemParameter } = require('../dist/nodes/common/base/fieldReference');

const ROOT = path.resolve(__dirname, '..');
const EXPRESSIONS = { fast: '={{ $json.id }}', engine: "={{ $json.id + '' }}", floor: 'floor' };

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function cpuOf(run) {
	const before = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	const result = await run();
	const cpu = process.cpuUsage(before);
	return { result, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function getById(emulator, ids, expression) {
	if (expression === 'floor') return runNode({ ...vivenuRun(emulator, ids), node: floorNode(`${emulator.url}/vivenu/api`), parameters: {} });
	return runNode({ ...vivenuRun(emulator, ids), parameters: { resource: 'transaction', operation: 'get', transactionId: { __rl: true, mode: 'id', value: expression } } });
}

function vivenuRun(emulator, ids) {
	return {
		node: path.join(ROOT, 'dist/nodes/Vivenu/Vivenu.node.js'),
		credentials: { vivenuApi: { apiKey: API_KEY, environment: 'custom', baseUrl: `${emulator.url}/vivenu/api` } },
		credentialTypes: [path.join(ROOT, 'dist/credentials/VivenuApi.credentials.js')],
		input: ids.map((id) => ({ json: { id } })),
	};
}

/** n8n's own cost per request: the same GETs and one output item each, without the vivenu node (see floor above). */
function floorNode(baseUrl) {
	return {
		description: {
			displayName: 'Request Probe', name: 'requestProbe', group: ['transform'], version: 1, defaults: { name: 'Request Probe' },
			inputs: ['main'], outputs: ['main'], credentials: [{ name: 'vivenuApi', required: true }], properties: [],
		},
		async execute() {
			const items = this.getInputData();
			const named = this.getNode().credentials.vivenuApi;
			const credentialsDecrypted = { id: named.id, name: named.name, type: 'vivenuApi', data: await this.getCredentials('vivenuApi') };
			const out = new Array(items.length);
			let next = 0;
			const lane = async () => {
				while (next < items.length) {
					const i = next++;
					const response = await this.helpers.httpRequestWithAuthentication.call(this, 'vivenuApi', {
						method: 'GET', url: `${baseUrl}/transactions/${items[i].json.id}`, headers: { Accept: 'application/json' },
						returnFullResponse: true, ignoreHttpStatusErrors: true, encoding: 'text', json: false, disableFollowRedirect: true, maxRedirects: 0, timeout: 60000,
					}, { credentialsDecrypted });
					out[i] = { json: JSON.parse(response.body), pairedItem: { item: i } };
				}
			};
			await Promise.all(Array.from({ length: 50 }, lane));
			return [out];
		},
	};
}

/** A node that only reads the parameter for every item: n8n's getNodeParameter, or the package's reader. */
function readOnlyNode(reader) {
	return {
		description: {
			displayName: 'Read Probe', name: 'readProbe', group: ['transform'], version: 1, defaults: { name: 'Read Probe' },
			inputs: ['main'], outputs: ['main'],
			properties: [{ displayName: 'ID', name: 'id', type: 'string', default: '' }],
		},
		async execute() {
			const items = this.getInputData();
			let read = 0;
			for (let i = 0; i < items.length; i++) {
				const value = reader === 'package' ? readItemParameter(this, 'id', i, '') : this.getNodeParameter('id', i, '');
				if (value === items[i].json.id) read++;
			}
			return [[{ json: { read } }]];
		},
	};
}

async function main() {
	const n = Number(process.argv[2] ?? 1000);
	const runs = Number(process.argv[3] ?? 5);
	const kinds = process.argv[4] ? process.argv[4].split(',') : ['fast', 'engine', 'floor'];
	const emulator = await startEmulatorProcess({ port: await freePort(), logFile: '/dev/null' });
	try {
		await emulator.client.reset({ seed: 1, size: { vivenu: { transactions: n } } });
		const ids = (await emulator.client.state('vivenu')).transactions.slice(0, n).map((t) => t._id);
		if (ids.length < n) throw new Error(`the emulator holds ${ids.length} transactions, not ${n}`);
		// Warm-up: modules, JIT, the isolate.
		for (const kind of kinds) await getById(emulator, ids.slice(0, 50), EXPRESSIONS[kind]);
		const samples = Object.fromEntries(kinds.map((kind) => [kind, []]));
		const walls = Object.fromEntries(kinds.map((kind) => [kind, []]));
		for (let r = 0; r < runs; r++) {
			// Each kind goes first in turn.
			for (const kind of kinds.map((_, k) => kinds[(k + r) % kinds.length])) {
				const { result, cpuMs, wallMs } = await cpuOf(() => getById(emulator, ids, EXPRESSIONS[kind]));
				if (result.error) throw result.error;
				if (result.items.map((item) => item.json._id).join() !== ids.join()) throw new Error(`${kind}: not every ID was got, in order`);
				samples[kind].push(cpuMs / n);
				walls[kind].push(wallMs);
			}
		}
		const reads = { package: [], engine: [] };
		const input = ids.map((id) => ({ json: { id } }));
		for (let r = 0; r < runs && !process.argv[4]; r++) {
			for (const reader of ['package', 'engine']) {
				const { result, cpuMs } = await cpuOf(() => runNode({ node: readOnlyNode(reader), parameters: { id: EXPRESSIONS.fast }, input }));
				if (result.error || result.items[0].json.read !== n) throw result.error ?? new Error(`${reader}: read ${result.items[0].json.read} of ${n}`);
				reads[reader].push(cpuMs / n);
			}
		}
		const f = (x) => x.toFixed(3);
		const load = require('os').loadavg().map((x) => x.toFixed(2)).join(' ');
		const labels = { engine: "engine  {{ $json.id + '' }} ", fast: 'fast    {{ $json.id }}      ', floor: "floor   n8n's helper alone   " };
		process.stdout.write(`vivenu Get by ID, ${n} items, median of ${runs} (load ${load}):\n`);
		for (const kind of kinds) process.stdout.write(`  ${labels[kind]} ${f(median(samples[kind]))} ms CPU per item, run ${Math.round(median(walls[kind]))} ms\n`);
		if (samples.fast && samples.floor) process.stdout.write(`  the node's own work (fast − floor): ${f(median(samples.fast) - median(samples.floor))} ms CPU per item\n`);
		if (reads.package.length) {
			process.stdout.write(`Reading the parameter only, ${n} items:\n`);
			process.stdout.write(`  getNodeParameter     ${f(median(reads.engine))} ms CPU per item\n`);
			process.stdout.write(`  readItemParameter    ${f(median(reads.package))} ms CPU per item\n`);
		}
		process.stdout.write(`${JSON.stringify({ n, runs, load, getById: samples, getByIdWallMs: walls, readOnly: reads })}\n`);
	} finally {
		await emulator.stop();
		await shutdown();
	}
}

main().catch((e) => {
	process.stderr.write(`${e.stack || e}\n`);
	process.exitCode = 1;
});
