#!/usr/bin/env node
'use strict';
/*
 * CPU per item of Constant Contact's Update Payment Status, warm (the default track remembered), in this
 * process through n8n-core's WorkflowExecute (test/harness; the isolated-vm engine on Node 24, as n8n 2.x
 * runs it), against the emulator in a child process (no latency: the requests are one PUT per run).
 *
 *   items   N input items, one registration ID each, {{ $json.registration_id }}   (bench scenario 04)
 *   one     one input item with all N IDs, {{ $json.registration_ids }}           (bench scenario 04d)
 *   http-once   n8n's HTTP Request: one PUT of $input.all()'s IDs, Execute Once      (04's strongest baseline)
 *   http-one    n8n's HTTP Request: one PUT of the one item's IDs                   (04d's baseline)
 *   echo-N  a node that does nothing but output its N input items, paired          (n8n's own per-item work)
 *   echo-1  the same node outputting one item for the N input items                (what Execute Once leaves)
 *   base:items, base:one   items and one with the build in CC_BASE (e.g. /tmp/base/dist of an earlier commit)
 *
 * CPU is this process's user+system time over the run (the node, n8n-core, the HTTP client; not the
 * emulator), and the part spent inside the node's execute() (what n8n does before and after, such as pairing
 * the 1,000 output items, left out); runs alternate, the median of each is printed in ms per run and per ID.
 *
 *   $NODE24 [--cpu-prof] bench/constant-contact-cpu.js [ids=1000] [runs=7] [kinds=items,one,echo-N,echo-1]
 *
 * Needs `npm run build` first (it loads dist/).
 */
const path = require('path');
const { freePort } = require('../scripts/lib/util');
const { startEmulatorProcess } = require('../scripts/lib/emulator');
const { runNode, shutdown } = require('../test/harness');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
/** CC_BASE: another build (e.g. of the base commit) whose runs alternate with these as base:items, base:one. */
const BASE = process.env.CC_BASE ? path.resolve(process.env.CC_BASE) : undefined;
const PROVIDER = 'constant-contact';
const CLIENT = { clientId: 'cc_emulator_client', clientSecret: 'cc_emulator_client_secret' };
const TOKEN = { token_type: 'Bearer', access_token: 'cc_emulator_access_token', refresh_token: 'cc_emulator_refresh_token', expires_in: 86400, scope: 'campaign_data offline_access' };

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function cpuOf(run) {
	const before = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	const result = await run();
	const cpu = process.cpuUsage(before);
	return { result, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** CPU spent inside the node's execute() (the node, and the n8n helpers and HTTP client it calls), per build. */
const nodeCpu = new Map();
const instances = new Map();

/** The node of a build, its execute() wrapped to add its CPU time to nodeCpu. */
function measuredNode(dist) {
	if (!instances.has(dist)) {
		const { ConstantContact } = require(path.join(dist, 'nodes/ConstantContact/ConstantContact.node.js'));
		const node = new ConstantContact();
		const execute = node.execute;
		node.execute = async function (...args) {
			const before = process.cpuUsage();
			try {
				return await execute.apply(this, args);
			} finally {
				const cpu = process.cpuUsage(before);
				nodeCpu.set(dist, (cpu.user + cpu.system) / 1000);
			}
		};
		instances.set(dist, node);
	}
	return instances.get(dist);
}

function markPaid(dist, emulator, eventId, registrationIds, input) {
	const url = `${emulator.url}/constant-contact`;
	return runNode({
		node: measuredNode(dist),
		parameters: {
			resource: 'registration',
			operation: 'updatePaymentStatus',
			eventId: { __rl: true, mode: 'id', value: eventId },
			trackId: { __rl: true, mode: 'list', value: '' },
			registrationIds,
			paymentStatus: 'Paid',
			options: {},
		},
		credentials: {
			constantContactOAuth2Api: {
				...CLIENT,
				baseUrl: `${url}/v3`,
				authUrl: `${url}/oauth2/default/v1/authorize`,
				accessTokenUrl: `${url}/oauth2/default/v1/token`,
				oauthTokenData: TOKEN,
			},
		},
		credentialTypes: [path.join(dist, 'credentials/ConstantContactOAuth2Api.credentials.js')],
		input,
	});
}

/** n8n's own HTTP Request node (4.2, Generic → OAuth2 API) from the cached n8n install, as bench scenarios 04 and 04d set it up. */
const N8N_BASE = path.join(require('os').homedir(), '.cache/n8n-nodes-event-payments/n8n-2.40.7/node_modules/n8n-nodes-base/dist');

let httpRequestNode;

function httpRequest(emulator, fixtures, jsonBody, nodeSettings) {
	const url = `${emulator.url}/constant-contact`;
	if (!httpRequestNode) {
		const { HttpRequest } = require(path.join(N8N_BASE, 'nodes/HttpRequest/HttpRequest.node.js'));
		httpRequestNode = new HttpRequest();
		// Under its own type name: n8n lets only that node use any credential type (Generic → OAuth2 API).
		httpRequestNode.description.name = 'n8n-nodes-base.httpRequest';
	}
	return (input) =>
		runNode({
			node: httpRequestNode,
			typeVersion: 4.2,
			parameters: {
				method: 'PUT',
				url: `${url}/v3/events/${fixtures.eventId}/tracks/${fixtures.trackId}/registrations/payment_status`,
				authentication: 'genericCredentialType',
				genericAuthType: 'oAuth2Api',
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody,
				options: {},
			},
			credentials: {
				oAuth2Api: {
					grantType: 'authorizationCode',
					authUrl: `${url}/oauth2/default/v1/authorize`,
					accessTokenUrl: `${url}/oauth2/default/v1/token`,
					...CLIENT,
					scope: 'campaign_data offline_access',
					authQueryParameters: '',
					authentication: 'header',
					oauthTokenData: TOKEN,
				},
			},
			credentialTypes: [path.join(N8N_BASE, 'credentials/OAuth2Api.credentials.js')],
			nodeSettings,
			input,
		});
}

/** A node that outputs its input items (`all`) or one item, each paired: what n8n does per output item. */
function echoNode(all) {
	return {
		description: {
			displayName: 'Echo', name: 'echo', group: ['transform'], version: 1, defaults: { name: 'Echo' },
			inputs: ['main'], outputs: ['main'], properties: [],
		},
		async execute() {
			const items = this.getInputData();
			if (!all) return [[{ json: { count: items.length }, pairedItem: { item: 0 } }]];
			return [items.map((item, i) => ({ json: { id: item.json.registration_id, updated: true }, pairedItem: { item: i } }))];
		},
	};
}

async function main() {
	const n = Number(process.argv[2] ?? 1000);
	const runs = Number(process.argv[3] ?? 7);
	const kinds = (process.argv[4] ?? 'items,one,echo-N,echo-1').split(',');
	const emulator = await startEmulatorProcess({ port: await freePort(), logFile: '/dev/null' });
	try {
		await emulator.client.reset({ seed: 1, size: { [PROVIDER]: { registrations: Math.max(500, Math.round(n * 2.4)) } } });
		const { fixtures } = await emulator.client.state(PROVIDER);
		const ids = fixtures.offlinePendingRegistrationIds.slice(0, n);
		if (ids.length < n) throw new Error(`the emulator holds ${ids.length} pending offline registrations, not ${n}`);
		const perItem = ids.map((registration_id) => ({ json: { registration_id } }));
		const oneItem = [{ json: { registration_ids: ids } }];
		const run = {
			items: () => markPaid(DIST, emulator, fixtures.eventId, '={{ $json.registration_id }}', perItem),
			one: () => markPaid(DIST, emulator, fixtures.eventId, '={{ $json.registration_ids }}', oneItem),
			'base:items': () => markPaid(BASE, emulator, fixtures.eventId, '={{ $json.registration_id }}', perItem),
			'base:one': () => markPaid(BASE, emulator, fixtures.eventId, '={{ $json.registration_ids }}', oneItem),
			'http-once': () => httpRequest(emulator, fixtures, "={{ JSON.stringify({ registration_ids: $input.all().map((i) => i.json.registration_id), payment_status: 'Paid' }) }}", { executeOnce: true })(perItem),
			'http-one': () => httpRequest(emulator, fixtures, "={{ JSON.stringify({ registration_ids: $json.registration_ids, payment_status: 'Paid' }) }}")(oneItem),
			'echo-N': () => runNode({ node: echoNode(true), parameters: {}, input: perItem }),
			'echo-1': () => runNode({ node: echoNode(false), parameters: {}, input: perItem }),
		};
		const expected = { 'http-once': 1, 'http-one': 1, items: n, one: 1, 'base:items': n, 'base:one': 1, 'echo-N': n, 'echo-1': 1 };
		if (!BASE && kinds.some((k) => k.startsWith('base:'))) throw new Error('base:… needs CC_BASE=<a build directory holding nodes/ and credentials/>');
		// Warm-up: modules, JIT, the isolate, the remembered track.
		for (const kind of kinds) {
			const { error } = await run[kind]();
			if (error) throw error;
			await sleep(300);
		}
		const samples = Object.fromEntries(kinds.map((k) => [k, []]));
		const inNode = Object.fromEntries(kinds.map((k) => [k, []]));
		const distOf = (kind) => (kind.startsWith('base:') ? BASE : ['items', 'one'].includes(kind) ? DIST : undefined);
		for (let r = 0; r < runs; r++) {
			for (const kind of r % 2 ? kinds.slice().reverse() : kinds) {
				const { result, cpuMs } = await cpuOf(run[kind]);
				if (result.error) throw result.error;
				if (result.items.length !== expected[kind]) throw new Error(`${kind}: ${result.items.length} items, expected ${expected[kind]}`);
				samples[kind].push(cpuMs);
				if (distOf(kind)) inNode[kind].push(nodeCpu.get(distOf(kind)));
				// Constant Contact allows 4 requests per second: let the one PUT of this run leave the window.
				await sleep(300);
			}
		}
		const load = require('os').loadavg().map((x) => x.toFixed(2)).join(' ');
		process.stdout.write(`Constant Contact Update Payment Status, ${n} IDs, warm, median of ${runs} (load ${load}):\n`);
		for (const kind of kinds) {
			const ms = median(samples[kind]);
			const own = inNode[kind].length ? `; in execute() ${median(inNode[kind]).toFixed(1).padStart(6)} ms, ${(median(inNode[kind]) / n).toFixed(4)} ms per ID` : '';
			process.stdout.write(`  ${kind.padEnd(10)} ${ms.toFixed(1).padStart(7)} ms CPU per run, ${(ms / n).toFixed(4)} ms per ID${own}\n`);
		}
		process.stdout.write(`${JSON.stringify({ n, runs, load, cpuMs: samples, executeCpuMs: inNode })}\n`);
	} finally {
		await emulator.stop();
		await shutdown();
	}
}

main().catch((e) => {
	process.stderr.write(`${e.stack || e}\n`);
	process.exitCode = 1;
});
