#!/usr/bin/env node
'use strict';
// npm run test:reliability (issue 11): a fault soak, a hostile-input corpus and a secret scan, all through
// n8n-core's real execution engine (test/harness) against the in-process emulators. Prints tallies; the
// last line is `reliability: N passed, M failed` (exit code 1 when M > 0). See docs/reliability.md and
// docs/dev/testing.md.
//   node scripts/reliability.js [--items 5000] [--jobs 6] [--seed 11] [--verbose]
// --jobs: soak processes at once, each with its own emulator (1: all in this process). The soak's rounds,
// their seeds and their faults are the same for any --jobs, so --seed replays a failure with any of them.
// Needs a build (dist/). Runs with Node >= 20 (Node 24 uses n8n's isolated-vm expression engine).

const { fork } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');

process.chdir(path.join(__dirname, '..'));
const { startEmulator, EmulatorClient } = require('../emulators');
const { runNode } = require('../test/harness');
const { createPaymentParams } = require('../test/flexiown/create-params');
const { providers } = require('./lib/soak-providers');

const arg = (name, fallback) => {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? process.argv[at + 1] : fallback;
};
const TARGET_ITEMS = Number(arg('items', 5000));
const VERBOSE = process.argv.includes('--verbose');
/** Soak processes at once: the soak waits on timeouts, retries and the adaptive pace far more than it computes. */
const JOBS = Math.max(1, Math.floor(Number(arg('jobs', 6))) || 1);
const WORKER = process.argv.includes('--worker');
const SEED = Number(arg('seed', 11)) >>> 0;
let seed = SEED;
/** Deterministic PRNG (mulberry32), so a failing soak can be replayed with the same --seed. */
const random = () => {
	seed = (seed + 0x6d2b79f5) >>> 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const tally = { passed: 0, failed: 0 };
const counts = { runs: 0, operations: 0, outputs: 0, errorItems: 0, faultsInjected: 0, faultsHit: 0, soakRuns: 0, soakTrapHits: 0, timedOut: 0, hostile: 0, refused: 0, encoded: 0, scans: 0, requests: 0 };
const faultKinds = {};
function check(name, ok, detail) {
	if (ok) tally.passed++;
	else {
		tally.failed++;
		if (tally.failed <= 40) console.log(`FAIL ${name}${detail ? `: ${typeof detail === 'string' ? detail : JSON.stringify(detail).slice(0, 600)}` : ''}`);
	}
	return ok;
}

// ---------------------------------------------------------------------------------------------------------
// Providers: node, credential, the secrets it holds (scripts/lib/soak-providers.js).

/** Every form a secret can take in text the package produces. */
function encodings(secret) {
	const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
	return [...new Set([secret, JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret)).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), b64(secret)])];
}

/** The secret scan after every run: outputs, the error (message, description, context), the node's run data and n8n's log. */
function scan(label, provider, result) {
	counts.scans++;
	const error = result.error ?? result.nodeError;
	const text = [
		JSON.stringify(result.items),
		error ? JSON.stringify({ message: error.message, description: error.description, context: error.context, messages: error.messages, response: error.errorResponse }) : '',
		JSON.stringify(result.node ? result.runData[result.node.name] : result.runData),
		(result.logs || []).join('\n'),
	].join('\n');
	const leaks = [];
	for (const secret of provider.secrets) for (const form of encodings(secret)) if (text.includes(form)) leaks.push(form.slice(0, 6));
	for (const pair of provider.pairs ?? []) if (text.includes(Buffer.from(pair).toString('base64'))) leaks.push('base64(user:password)');
	check(`${label}: no secret in outputs, errors, run data or log`, leaks.length === 0, leaks.join(', '));
}

// ---------------------------------------------------------------------------------------------------------

/** An emulator and a trap listener of this process's own, and `run`: one node execution with the secret scan. */
async function startStack() {
	const trap = { hits: 0 };
	const trapServer = http.createServer((req, res) => {
		trap.hits++;
		res.end('{}');
	});
	await new Promise((resolve) => trapServer.listen(0, '127.0.0.1', resolve));
	const trapUrl = `http://127.0.0.1:${trapServer.address().port}/steal`;
	const emu = await startEmulator({ port: 0 });
	const client = new EmulatorClient(emu.url);
	const P = providers(emu.url);
	const size = { vivenu: { transactions: 400 }, 'restrict-content-pro': { payments: 120 }, 'constant-contact': { registrations: 200 } };
	const reset = async () => {
		await client.reset({ size });
		return emu.state;
	};
	const run = async (providerName, parameters, input, label) => {
		const provider = P[providerName];
		const result = await runNode({ node: provider.node, credentialTypes: provider.credentialTypes, credentials: provider.credentials, parameters, input, continueOnFail: true });
		counts.runs++;
		scan(label, provider, result);
		return result;
	};
	const close = async () => {
		await emu.close();
		trapServer.close();
	};
	return { client, emu, reset, run, trapUrl, trap, close };
}

async function main() {
	const started = Date.now();
	if (WORKER) return soakWorker();
	const stack = await startStack();
	let soakSeconds;
	try {
		// The soak's runs go out from JOBS processes at once (each with its own emulator); the hostile corpus runs here meanwhile.
		const soaked = (JOBS > 1 ? soakInWorkers() : soakHere()).then(() => {
			soakSeconds = (Date.now() - started) / 1000;
		});
		await hostile(stack);
		await soaked;
		// Every write operation × every odd answer: the outcome each item reports, one write request per item.
		// Cells run 3 at once, each lane on an emulator of its own (every cell resets it).
		const extra = await Promise.all([startStack(), startStack()]);
		try {
			const lanes = [stack, ...extra].map((s) => ({ client: s.client, reset: s.reset, run: s.run, check, state: () => s.emu.state }));
			await require('./lib/write-outcomes').writeOutcomeTable(lanes[0], { lanes });
		} finally {
			await Promise.all(extra.map((s) => s.close()));
		}
	} finally {
		await stack.close();
	}
	const kinds = FAULTS.map(([kind]) => kind);
	const unmet = kinds.filter((kind) => !(faultKinds[kind]?.met > 0));
	check(`soak: every fault kind was injected and met at least once (${kinds.length} kinds)`, unmet.length === 0, `never met: ${unmet.join(', ')}`);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(
		`soak: ${counts.operations} item operations in ${counts.soakRuns} runs, ${counts.requests} requests, ${counts.faultsInjected} faults injected, ${counts.faultsHit} met (${kinds
			.map((kind) => `${kind} ${faultKinds[kind]?.met ?? 0}/${faultKinds[kind]?.injected ?? 0}`)
			.join(', ')}), ${counts.outputs} outputs + ${counts.errorItems} error items (${counts.timedOut} of them timed out); ${counts.soakTrapHits} requests reached another host`,
	);
	console.log(`soak time: ${soakSeconds.toFixed(1)} s, ${JOBS} process(es) at once, ${(counts.operations / soakSeconds).toFixed(1)} item operations/s`);
	console.log(`hostile: ${counts.hostile} values, ${counts.refused} refused naming field and item, ${counts.encoded} sent safely encoded; ${stack.trap.hits} requests reached another host`);
	console.log(`secret scans: ${counts.scans} (every run, every credential value in ${encodings('a "b" c/d').length} encodings + base64 of user:password)`);
	console.log(`time: ${seconds} s`);
	console.log(`reliability: ${tally.passed} passed, ${tally.failed} failed`);
	process.exitCode = tally.failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Fault soak

/**
 * A stall and the timeout it exceeds: the stalled request gets no answer within the timeout, so a read is
 * retried and a write fails saying its outcome is unknown, and the emulator still carries the request out
 * afterwards. Not shorter: with 1,000 operations and 8 stalls on a 2-core machine at load 20, 56 items timed out
 * with a 0.5 s timeout (0.8 s stalls) and 102 with 0.75 s (1.2 s stalls), against 11 with 1 s: requests that were
 * merely slow, so the soak would test a busy machine instead of its faults.
 */
const TIMEOUT_MS = 1000;
const STALL_MS = 1600;
/** After a run with a stall, how long its stalled request may still take to land (its stall minus the timeout, plus slack). */
const STALL_LANDS_MS = STALL_MS - TIMEOUT_MS + 200;
const FAULTS = [
	['429 Retry-After', { status: 429, retryAfter: 0 }],
	['429', { status: 429 }],
	['500', { status: 500 }],
	['502', { status: 502 }],
	['503', { status: 503 }],
	['504', { status: 504 }],
	['reset', { drop: true }],
	['stall', { delayMs: STALL_MS }],
	['truncated', { malformed: true, status: 200 }],
	['html', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>Checking your browser</h1></body></html>' }],
	['redirect', null],
];
/** Request Options for the soak: a short timeout (see STALL_MS), the shortest retry wait the node takes (1 s), no cap of its own. */
const SOAK_OPTIONS = { timeoutSeconds: TIMEOUT_MS / 1000, maxRetries: 3, maxRetryWaitSeconds: 1, requestsPerSecond: 500, concurrency: 8 };
const BATCH = 50;
/** About 10 % of a batch's items meet a fault. */
const FAULTS_PER_BATCH = Math.round(BATCH * 0.1);

/** Each scenario: which provider path gets the faults, the parameters, the input from the fresh state, and checks. */
function scenarios() {
	const rl = (value) => ({ __rl: true, mode: 'id', value });
	const ofSeller = (s) => {
		const seller = s.vivenu.transactions.find((t) => t._id === s.vivenu.fixtures.completeTransactionId).sellerId;
		return s.vivenu.transactions.filter((t) => t.sellerId === seller);
	};
	return [
		{ name: 'vivenu get', provider: 'vivenu', path: '/api/transactions/', params: { resource: 'transaction', operation: 'get', transactionId: rl('={{ $json.id }}') }, input: (s) => ofSeller(s).map((t) => ({ id: t._id })) },
		{
			name: 'vivenu complete',
			provider: 'vivenu',
			path: '/complete',
			write: { key: (json) => json.id, method: 'POST', requestKey: (r) => r.providerPath.split('/')[3], done: (s, id) => s.vivenu.transactions.find((t) => t._id === id).status === 'COMPLETE' },
			params: { resource: 'transaction', operation: 'complete', transactionId: rl('={{ $json.id }}') },
			input: (s) => ofSeller(s).filter((t) => t.status === 'NEW').map((t) => ({ id: t._id })),
		},
		{
			name: 'vivenu cancel',
			provider: 'vivenu',
			path: '/cancel',
			write: { key: (json) => json.id, method: 'POST', requestKey: (r) => r.providerPath.split('/')[3], done: (s, id) => s.vivenu.transactions.find((t) => t._id === id).status === 'CANCELED' },
			params: { resource: 'transaction', operation: 'cancel', transactionId: rl('={{ $json.id }}') },
			input: (s) => ofSeller(s).filter((t) => t.status === 'COMPLETE').map((t) => ({ id: t._id })),
		},
		{ name: 'flexiown getStatus', provider: 'flexiown', path: '/api/status/', params: { resource: 'payment', operation: 'getStatus', paymentId: '={{ $json.id }}' }, input: (s) => s.flexiown.payments.filter((p) => !p.otherMerchant).map((p) => ({ id: p.id })).filter((p) => p.id !== s.flexiown.fixtures.otherMerchantPaymentId) },
		{
			name: 'flexiown create',
			provider: 'flexiown',
			path: 'payment/create',
			write: {
				key: (json) => json.orderId,
				method: 'POST',
				requestKey: (r) => r.body?.redirects?.order_Id,
				done: (s, orderId) => s.flexiown.payments.filter((p) => p.orderId === orderId).length,
			},
			params: createPaymentParams(),
			input: () => Array.from({ length: 400 }, (_, k) => ({ orderId: `soak-${k}-${Math.floor(random() * 1e9)}` })),
		},
		{ name: 'fourvenues payment get', provider: 'fourvenues', path: '/payments/', params: { resource: 'payment', operation: 'get', paymentId: rl('={{ $json.id }}') }, input: (s) => s.fourvenues.payments.map((p) => ({ id: p._id })) },
		{ name: 'rcp get', provider: 'restrict-content-pro', path: '/payments/', params: { resource: 'payment', operation: 'get', paymentId: rl('={{ $json.id }}') }, input: (s) => s['restrict-content-pro'].payments.map((p) => ({ id: String(p.id) })) },
		{
			name: 'rcp create',
			provider: 'restrict-content-pro',
			path: '/payments/new',
			write: {
				key: (json) => json.tx,
				method: 'POST',
				requestKey: (r) => r.body?.transaction_id,
				done: (s, tx) => s['restrict-content-pro'].payments.filter((p) => p.transaction_id === tx).length,
			},
			params: { resource: 'payment', operation: 'create', userId: '={{ $json.u }}', amount: 10, level: { __rl: true, mode: 'name', value: 'Bronze' }, additionalFields: { transaction_id: '={{ $json.tx }}' } },
			input: () => Array.from({ length: 400 }, (_, k) => ({ u: 10 + (k % 20), tx: `soak_${k}_${Math.floor(random() * 1e9)}` })),
		},
		{
			name: 'rcp update',
			provider: 'restrict-content-pro',
			path: '/payments/update/',
			params: { resource: 'payment', operation: 'update', paymentId: rl('={{ $json.id }}'), updateFields: { status: 'abandoned' } },
			input: (s) => s['restrict-content-pro'].payments.map((p) => ({ id: String(p.id) })),
			idempotent: { done: (s, json) => s['restrict-content-pro'].payments.find((p) => String(p.id) === json.id).status === 'abandoned' },
		},
		{
			name: 'constant-contact updatePaymentStatus',
			provider: 'constant-contact',
			path: '/payment_status',
			params: (s) => ({
				resource: 'registration',
				operation: 'updatePaymentStatus',
				eventId: { __rl: true, mode: 'id', value: s['constant-contact'].fixtures.eventId },
				trackId: { __rl: true, mode: 'id', value: s['constant-contact'].fixtures.trackId },
				registrationIds: '={{ $json.id }}',
				paymentStatus: 'Paid',
				options: { chunkSize: 10 },
			}),
			input: (s) => s['constant-contact'].fixtures.payableRegistrationIds.map((id) => ({ id })),
			idempotent: { done: (s, json) => s['constant-contact'].registrations.find((r) => r.registration_id === json.id).payment_status === 'PAID' },
			few: true,
		},
	];
}

/**
 * Every round of the soak, the same whatever JOBS is: its scenario, a seed of its own, and the fault kinds it
 * injects, dealt from shuffled decks of all kinds so that every kind comes up.
 */
function soakPlan() {
	seed = SEED;
	const deck = [];
	const deal = () => {
		if (!deck.length) {
			deck.push(...FAULTS.keys());
			for (let k = deck.length - 1; k > 0; k--) {
				const j = Math.floor(random() * (k + 1));
				[deck[k], deck[j]] = [deck[j], deck[k]];
			}
		}
		return deck.pop();
	};
	const list = scenarios();
	const perScenario = Math.ceil(TARGET_ITEMS / list.length / BATCH);
	const rounds = [];
	list.forEach((sc, scenario) => {
		for (let round = 0; round < perScenario; round++) {
			const roundSeed = (SEED + Math.imul(rounds.length + 1, 0x9e3779b1)) >>> 0;
			rounds.push({ scenario, round, seed: roundSeed, faults: Array.from({ length: sc.few ? 1 : FAULTS_PER_BATCH }, deal) });
		}
	});
	return rounds;
}

/** One batch of a scenario: a fresh emulator state, its faults injected, one run, then the accounting. */
async function soakRound({ client, emu, reset, run, trapUrl }, plan) {
	const sc = scenarios()[plan.scenario];
	const label = `${sc.name} #${plan.round}`;
	seed = plan.seed;
	const state = await reset();
	let input = sc.input(state);
	if (!input.length) {
		check(`${sc.name}: the seed has input`, false);
		return;
	}
	// A random window of BATCH items (repeated when the seed has fewer, except for writes).
	const offset = Math.floor(random() * input.length);
	input = Array.from({ length: sc.write ? Math.min(BATCH, input.length) : BATCH }, (_, k) => input[(offset + k) % input.length]);
	// Constant Contact allows 4 requests per second: its batch goes out in few PUTs, so fewer faults.
	const faultCount = sc.few ? 1 : Math.max(1, Math.round(input.length * 0.1));
	const injected = [];
	for (const k of plan.faults.slice(0, faultCount)) {
		const [kind, spec] = FAULTS[k];
		const fault = spec ?? { status: 307, headers: { location: trapUrl } };
		injected.push({ kind, id: (await client.fault({ provider: sc.provider, path: sc.path, ...fault })).id });
	}
	counts.faultsInjected += injected.length;
	const params = typeof sc.params === 'function' ? sc.params(state) : sc.params;
	const runStarted = Date.now();
	const result = await run(sc.provider, { ...params, requestOptions: SOAK_OPTIONS }, input.map((json) => ({ json })), label);
	if (VERBOSE) console.log(`${label}: ${input.length} items in ${Date.now() - runStarted} ms, faults: ${injected.map((f) => f.kind).join(', ')}`);
	counts.soakRuns++;
	counts.operations += input.length;
	// A stalled request is carried out by the emulator after the client gave up: let it land before the checks
	// (and before the next reset, which it would otherwise change).
	if (injected.some((f) => f.kind === 'stall')) await new Promise((resolve) => setTimeout(resolve, STALL_LANDS_MS));
	const after = emu.state;
	const requests = await client.requests(sc.provider);
	counts.requests += requests.length;
	// Faults are used up by matching requests; what is left was never met.
	const left = new Set((await client.faults()).map((f) => f.id));
	for (const { kind, id } of injected) {
		const kindTally = (faultKinds[kind] ??= { injected: 0, met: 0 });
		kindTally.injected++;
		if (!left.has(id)) {
			kindTally.met++;
			counts.faultsHit++;
		}
	}
	account(label, sc, input, result, after, requests);
}

/** Runs the rounds `next()` hands out, one after another, on a stack of this process's own. */
async function soakRounds(next) {
	const plan = soakPlan();
	const stack = await startStack();
	try {
		for (let index = await next(); index >= 0 && index < plan.length; index = await next()) {
			try {
				await soakRound(stack, plan[index]);
			} catch (error) {
				check(`soak round ${index} ran to the end`, false, error.stack);
			}
		}
		counts.soakTrapHits += stack.trap.hits;
		check('soak: no request reached another host (cross-host redirects not followed)', stack.trap.hits === 0, `${stack.trap.hits} requests`);
	} finally {
		await stack.close();
	}
}

async function soakHere() {
	let next = 0;
	await soakRounds(async () => next++);
}

/** In a worker: asks the parent for the next round until there is none, then reports its tallies. */
async function soakWorker() {
	const next = () =>
		new Promise((resolve) => {
			process.once('message', (message) => resolve(message.index));
			process.send({ type: 'next' });
		});
	await soakRounds(next);
	process.send({ type: 'done', tally, counts, faultKinds }, () => process.exit(0));
}

/** JOBS worker processes, each with its own emulator, take the rounds as they come free; their tallies are added up here. */
async function soakInWorkers() {
	const plan = soakPlan();
	let next = 0;
	const worker = (k) =>
		new Promise((resolve) => {
			const child = fork(__filename, [...process.argv.slice(2), '--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			let reported = false;
			child.on('message', (message) => {
				if (message.type === 'next') child.send({ index: next < plan.length ? next++ : -1 });
				if (message.type !== 'done') return;
				reported = true;
				for (const key of Object.keys(tally)) tally[key] += message.tally[key];
				for (const key of Object.keys(counts)) counts[key] += message.counts[key];
				for (const [kind, { injected, met }] of Object.entries(message.faultKinds)) {
					const kindTally = (faultKinds[kind] ??= { injected: 0, met: 0 });
					kindTally.injected += injected;
					kindTally.met += met;
				}
			});
			child.on('exit', (code, signal) => {
				check(`soak worker ${k} reported its tallies`, reported, `exit ${code ?? signal}`);
				resolve();
			});
		});
	await Promise.all(Array.from({ length: Math.min(JOBS, plan.length) }, (_, k) => worker(k)));
}

/** Every input item is an output or an error item, once, paired; the emulator state agrees with what was reported. */
function account(label, sc, input, result, after, requests) {
	check(`${label}: the run finished without a node-level error`, !result.error, result.error?.message);
	const paired = result.items.map((item) => (item.pairedItem && typeof item.pairedItem === 'object' ? item.pairedItem.item : -1)).sort((a, b) => a - b);
	check(
		`${label}: one output or error item per input item (${input.length})`,
		paired.length === input.length && paired.every((v, k) => v === k),
		{ got: paired.length },
	);
	const errors = result.items.filter((item) => item.json.error !== undefined);
	counts.errorItems += errors.length;
	counts.timedOut += errors.filter((item) => /did not answer within/.test(`${item.json.error} ${item.json.description ?? ''}`)).length;
	counts.outputs += result.items.length - errors.length;
	for (const item of errors) {
		check(`${label}: error item names its item`, / \[item \d+\]$/.test(String(item.json.error)) || typeof item.json.itemIndex === 'number', item.json.error);
	}
	if (sc.write) {
		const sent = new Map();
		for (const r of requests) {
			if (r.method !== sc.write.method || !r.providerPath.includes(sc.path)) continue;
			// A 429 provably did not act; everything else (answered, faulted, dropped, stalled) counts as sent.
			if (r.status === 429) continue;
			const key = sc.write.requestKey(r);
			sent.set(key, (sent.get(key) ?? 0) + 1);
		}
		const twice = [...sent.entries()].filter(([, n]) => n > 1);
		check(`${label}: no write sent twice without proof it was not acted on`, twice.length === 0, twice);
		result.items.forEach((item) => {
			const i = item.pairedItem.item;
			const key = sc.write.key(input[i]);
			const done = sc.write.done(after, key);
			check(`${label}: applied at most once (${key})`, done === true || done === false || done <= 1, { key, done });
			if (item.json.error === undefined) check(`${label}: an output item's change exists at the provider (item ${i})`, Boolean(done), { key, out: item.json, requests: requests.filter((r) => sc.write.requestKey(r) === key).map((r) => `${r.method} ${r.status} ${JSON.stringify(r.fault ?? '')}`) });
			else if (done) {
				// Applied although the item failed: the error must say the outcome is unknown (never a silent side effect).
				const text = `${item.json.error} ${item.json.description ?? ''}`;
				const trail = requests.filter((r) => sc.write.requestKey(r) === key).map((r) => `${r.method} ${r.status}${r.fault ? ` fault=${JSON.stringify(r.fault)}` : ''}${r.dropped ? ' dropped' : ''}`);
				check(`${label}: item ${i} failed but was applied, and says its outcome is unknown`, item.json.outcome === 'unknown', `${text.slice(0, 160)} | requests: ${trail.join('; ')}`);
			}
		});
	}
	if (sc.idempotent) {
		result.items.forEach((item) => {
			if (item.json.error !== undefined) return;
			const i = item.pairedItem.item;
			check(`${label}: an output item's change is applied (item ${i})`, sc.idempotent.done(after, input[i]), input[i]);
		});
	}
}

// ---------------------------------------------------------------------------------------------------------
// Hostile input corpus

const BIG = 2 ** 53 + 1;
const HOSTILE = {
	number: [NaN, Infinity, -Infinity, -1, -0.01, -1e308, 1e309, '', ' ', '0x10', '0b11', '0o7', '1e3', '1E-2', '12,50', '1 000', 'R12', '12 ZAR', '--1', '+-1', '١٢', '１２', '½', 'NaN', 'Infinity', '-Infinity', 'null', 'true', true, false, null, {}, { value: 1 }, [], [1], BIG, -BIG, '9'.repeat(400), '\u0000', '1\n2'],
	date: [
		'2026-02-30', '2026-02-29', '2025-02-29', '2026-04-31', '2026-06-31', '2026-09-31', '2026-11-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '0000-01-01', '2026-10-31T25:00:00', '2026-10-31T24:00:00', '2026-10-31T23:60:00', '2026-10-31T23:59:60', '2026-10-31T25:61:99', '2026-10-31T10:00:00+25:00', '2026-10-31T10:00:00+14:60',
		'31/10/2026', '10/31/2026', 'Oct 31 2026', 'tomorrow', 'now', '2026-1-5', '20261031', '2026-10-31T', '2026-10-31 10', 'T10:00', '  ', '2026-10-31; DROP TABLE', {}, [], true, 20261031, -1, '2026-10-31\u0000',
	],
	id: ['../x', '..', '.', 'a/b', 'a\\b', 'a?b=1', 'a#b', '%2e%2e', '%2F', 'a b', ' \t ', 'a\nb', 'a\u0000b', 'a\u007fb', 'ab\ud800', '\udc00x', 'http://evil.example/x', '//evil.example', '<script>alert(1)</script>', "' OR 1=1 --", '{{ $env }}', { id: 'x' }, ['x'], [], true, BIG, 1.5, -4, NaN, 'x'.repeat(2000), '\u202e', 'Ω≈ç√', '😀'],
	email: ['a@b', 'a@b.c', 'a b@c.de', 'a@b c.de', 'Name <a@b.de>', 'a@b.de, c@d.de', 'a@b.de;c@d.de', '@b.de', 'a@', 'a@@b.de', 'a@b..de', 42, { email: 'a@b.de' }, ['a@b.de'], true, 'a@b.de\r\nBcc: x@y.de', `${'a'.repeat(250)}@b.de`, 'ab\ud800@c.de'],
	text: ['\u0000', '\ud800', 'a\u2028b', '%00', '%0d%0aSet-Cookie: x=1', '../../etc/passwd', '\\\\evil\\share', 'javascript:alert(1)', '${7*7}', '{{7*7}}'],
	list: [[{}], [{ id: 'x' }], [['x']], [true], [null, { a: 1 }], { a: 1 }, true, ['ok', {}], ['ab\ud800'], ['a/b'], ['../x'], ['a?b']],
};

/** Where each parameter type is fed in: the parameters, the field as the error names it, and the paths a request may go to. */
function hostileTargets(state) {
	const rl = (value) => ({ __rl: true, mode: 'id', value });
	const fo = state.flexiown;
	const create = (extra) => ({
		resource: 'payment',
		operation: 'create',
		orderId: 'h-1',
		productsInput: 'fields',
		products: { product: [{ name: 'Bracket', sku: 'WB-1', quantity: 1, price: 650.5 }] },
		successRedirectUrl: 'https://shop.example/ok',
		failureRedirectUrl: 'https://shop.example/failed',
		...extra,
	});
	const vivenuTx = state.vivenu.fixtures.completeTransactionId;
	const cc = state['constant-contact'].fixtures;
	return [
		{ type: 'number', provider: 'flexiown', field: 'Additional Fields → Shipping Amount', params: create({ additionalFields: { shippingAmount: '={{ $json.v }}' } }), paths: [/^\/api\/payment\/create$/] },
		{ type: 'number', provider: 'flexiown', field: 'Products → Product 1 → Price', params: create({ products: { product: [{ name: 'Bracket', sku: 'WB-1', quantity: 1, price: '={{ $json.v }}' }] } }), paths: [/^\/api\/payment\/create$/] },
		{ type: 'number', provider: 'restrict-content-pro', field: 'Amount', params: { resource: 'payment', operation: 'create', userId: '10', amount: '={{ $json.v }}', level: { __rl: true, mode: 'name', value: 'Bronze' } }, paths: [/^\/wp-json\/rcp\/v1\/payments\/(new|\d+)$/] },
		{ type: 'number', provider: 'vivenu', field: 'Items → Item 1 → Amount', params: { resource: 'transaction', operation: 'createCancellation', transactionId: rl(vivenuTx), itemsMode: 'amounts', itemAmounts: { item: [{ _id: 'c1', amount: '={{ $json.v }}' }] } }, paths: [/^\/api\/transactions\/[0-9a-f]+\/cancellations$/] },
		{ type: 'number', provider: 'vivenu', field: 'Limit', params: { resource: 'transaction', operation: 'getAll', returnAll: false, limit: '={{ $json.v }}' }, paths: [/^\/api\/transactions$/] },
		{ type: 'number', provider: 'constant-contact', field: 'Options → Registrations per Request', params: { resource: 'registration', operation: 'updatePaymentStatus', eventId: rl(cc.eventId), trackId: rl(cc.trackId), registrationIds: cc.payableRegistrationIds[0], paymentStatus: 'Paid', options: { chunkSize: '={{ $json.v }}' } }, paths: [/^\/v3\/events\/[^/]+\/tracks\/[^/]+\/registrations\/payment_status$/] },
		{ type: 'date', provider: 'vivenu', field: 'Filters → Updated After', params: { resource: 'transaction', operation: 'getAll', returnAll: false, limit: 1, filters: { updatedAfter: '={{ $json.v }}' } }, paths: [/^\/api\/transactions$/] },
		{ type: 'date', provider: 'restrict-content-pro', field: 'Filters → Date From', params: { resource: 'payment', operation: 'getAll', returnAll: false, limit: 1, filters: { dateFrom: '={{ $json.v }}' } }, paths: [/^\/wp-json\/rcp\/v1\/payments$/] },
		{ type: 'date', provider: 'restrict-content-pro', field: 'Update Fields → Date', params: { resource: 'payment', operation: 'update', paymentId: rl('5'), updateFields: { date: '={{ $json.v }}' } }, paths: [/^\/wp-json\/rcp\/v1\/payments\/(update\/)?5$/] },
		{ type: 'date', provider: 'fourvenues', field: 'Filters → Start Date', params: { resource: 'payment', operation: 'getAll', returnAll: false, limit: 1, filters: { startDate: '={{ $json.v }}' } }, paths: [/^\/payments$/] },
		{ type: 'id', provider: 'vivenu', field: 'Transaction', params: { resource: 'transaction', operation: 'get', transactionId: rl('={{ $json.v }}') }, paths: [/^\/api\/transactions\/[^/]+$/] },
		{ type: 'id', provider: 'flexiown', field: 'Payment ID', params: { resource: 'payment', operation: 'getStatus', paymentId: '={{ $json.v }}' }, paths: [/^\/api\/status\/[0-9a-f-]{36}$/] },
		{ type: 'id', provider: 'restrict-content-pro', field: 'Payment', params: { resource: 'payment', operation: 'delete', paymentId: rl('={{ $json.v }}') }, paths: [/^\/wp-json\/rcp\/v1\/payments\/(\d+|delete)$/] },
		{ type: 'id', provider: 'fourvenues', field: 'Payment', params: { resource: 'payment', operation: 'get', paymentId: rl('={{ $json.v }}') }, paths: [/^\/payments\/[^/]+$/] },
		{ type: 'id', provider: 'constant-contact', field: 'Registration IDs', params: { resource: 'registration', operation: 'updateStatus', eventId: rl(cc.eventId), trackId: rl(cc.trackId), registrationIds: '={{ $json.v }}', registrationStatus: 'CANCELED' }, paths: [/^\/v3\/events\/[^/]+\/tracks\/[^/]+\/registrations$/] },
		{ type: 'email', provider: 'vivenu', field: 'Email', params: { resource: 'transaction', operation: 'sendTicketMail', transactionId: rl(vivenuTx), email: '={{ $json.v }}' }, paths: [/^\/api\/transactions\/[0-9a-f]+\/ticket-mail$/] },
		{ type: 'email', provider: 'flexiown', field: 'Additional Fields → Customer Email', params: create({ additionalFields: { customerEmail: '={{ $json.v }}' } }), paths: [/^\/api\/payment\/create$/] },
		{ type: 'text', provider: 'flexiown', field: 'Merchant Order ID', params: create({ orderId: '={{ $json.v }}' }), paths: [/^\/api\/payment\/create$/] },
		{ type: 'text', provider: 'vivenu', field: 'Transaction', params: { resource: 'transaction', operation: 'complete', transactionId: rl('={{ $json.v }}') }, paths: [/^\/api\/transactions\/[^/]+\/complete$/] },
		{ type: 'list', provider: 'vivenu', field: 'Cart Item IDs', params: { resource: 'transaction', operation: 'createCancellation', transactionId: rl(vivenuTx), itemsMode: 'ids', cartItemIds: '={{ $json.v }}' }, paths: [/^\/api\/transactions\/[0-9a-f]+\/cancellations$/] },
	].map((t) => ({ ...t, fo }));
}

async function hostile({ client, reset, run, trap }) {
	const distinct = Object.values(HOSTILE).reduce((n, values) => n + values.length, 0);
	check(`hostile corpus has at least 150 values (${distinct})`, distinct >= 150);
	const state = await reset();
	for (const target of hostileTargets(state)) {
		const values = HOSTILE[target.type];
		await client.clearRequests();
		const trapBefore = trap.hits;
		const label = `hostile ${target.type} → ${target.provider} ${target.field}`;
		const result = await run(target.provider, { ...target.params, requestOptions: { maxRetries: 0, timeoutSeconds: 5 } }, values.map((v) => ({ json: { v } })), label);
		counts.hostile += values.length;
		check(`${label}: one item per value`, result.items.length === values.length, { got: result.items.length, error: result.error?.message });
		const all = await client.requests();
		const own = all.filter((r) => r.provider === target.provider);
		const stray = all.filter((r) => r.provider !== target.provider || !target.paths.some((re) => re.test(r.providerPath)));
		check(`${label}: requests only to the operation's own paths`, stray.length === 0, stray.map((r) => `${r.provider} ${r.method} ${r.providerPath}`));
		check(`${label}: nothing sent to another host`, trap.hits === trapBefore);
		for (const item of result.items) {
			const i = item.pairedItem?.item;
			const message = String(item.json.error ?? '');
			if (!message) {
				counts.encoded++;
				continue;
			}
			const namesField = message.startsWith(`${target.field}`) || message.includes(`${target.field}:`) || message.includes(`${target.field} (entry`);
			if (namesField) {
				counts.refused++;
				check(`${label}: the refusal of ${JSON.stringify(String(values[i])).slice(0, 40)} names the item`, message.endsWith(`[item ${i}]`), message);
			} else {
				// Not refused: it was sent, URL-encoded, and the provider answered (an API error naming the item).
				counts.encoded++;
				check(`${label}: ${JSON.stringify(String(values[i])).slice(0, 40)} refused naming the field, or sent safely`, Boolean(item.json.httpCode) && message.endsWith(`[item ${i}]`) && own.length > 0, message);
			}
		}
	}
}

main().catch((error) => {
	console.error(error);
	console.log(`reliability: ${tally.passed} passed, ${tally.failed + 1} failed`);
	process.exitCode = 1;
});
