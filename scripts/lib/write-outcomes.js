'use strict';
// The write-outcome table (issue 21): every write operation × every odd answer, run through n8n-core's engine
// (test/harness) against the emulator's fault injection. Per cell: the outcome the item reports (an output
// item = done; a Continue On Fail error item's `outcome`) is the one the table expects, the emulator's log
// shows exactly one write request per item (per chunk for Constant Contact's bulk PUTs, never re-sent), an item
// reported not-done changed nothing at the provider and one reported done changed it. Cells run in lanes, each
// on an emulator of its own.
// docs/write-outcomes.md states the same table in words.
//   node scripts/lib/write-outcomes.js [operation name part] [--lanes=N]      (alone; needs a build)
//   require('./lib/write-outcomes').writeOutcomeTable({ client, reset, run, check }, { lanes })   (from scripts/reliability.js)

const path = require('node:path');

const { providers } = require('./soak-providers');

/** The odd answers: a fault spec each (emulators/README.md). `after`: the provider carries the request out first. */
const ANSWERS = {
	'500': { status: 500 },
	'502': { status: 502 },
	'503': { status: 503 },
	'504': { status: 504 },
	'502 after done': { status: 502, after: true },
	'empty 200': { status: 200, body: '' },
	null: { status: 200, headers: { 'content-type': 'application/json' }, body: 'null' },
	'204': { status: 204, body: '' },
	'HTML 200': { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>Checking your browser</h1></body></html>' },
	'truncated JSON': { status: 200, malformed: true, body: { id: 1, success: true } },
	'timeout after send': { delayMs: 1500 },
	'connection reset': { drop: true },
	'reset after done': { drop: true, after: true },
	'429': { status: 429, retryAfter: 0 },
	'400 input': { status: 400 },
	'documented refusal': null,
	// Constant Contact's bulk PUTs: a 207 that lists some of a chunk's IDs (met through IDs of another event, not a fault).
	'207 partial': null,
	// Constant Contact, Track left empty: a 404 on the event's default track, the track unchanged (read again: the same).
	'404 track': { status: 404 },
	// Constant Contact, Track left empty: the default track the process remembers was replaced since (met through the stage).
	'stale track': null,
};

/** A create-like write that must never be repeated: every answer that confirms nothing is unknown. */
const STRICT = {
	'500': 'unknown',
	'502': 'unknown',
	'503': 'unknown',
	'504': 'unknown',
	'502 after done': 'unknown',
	'empty 200': 'unknown',
	null: 'unknown',
	'204': 'unknown',
	'HTML 200': 'unknown',
	'truncated JSON': 'unknown',
	'timeout after send': 'unknown',
	'connection reset': 'unknown',
	'reset after done': 'unknown',
	'429': 'not-done',
	'400 input': 'not-done',
};

const rl = (value) => ({ __rl: true, mode: 'id', value });
const vivenuOfSeller = (s) => {
	const seller = s.vivenu.transactions.find((t) => t._id === s.vivenu.fixtures.completeTransactionId).sellerId;
	return s.vivenu.transactions.filter((t) => t.sellerId === seller);
};
const vivenuTx = (s, id) => s.vivenu.transactions.find((t) => t._id === id);
const rcp = (s) => s['restrict-content-pro'];
const flexiownPayment = (s, id) => s.flexiown.payments.find((p) => p.id === id);
const cc = (s) => s['constant-contact'];
const ccRegistration = (s, id) => cc(s).registrations.find((r) => r.registration_id === id);

/**
 * Constant Contact's bulk PUTs (nodes/ConstantContact/helpers/bulk.ts): the items of a run go into as few PUTs as
 * Registrations per Request allows, so the table runs three items of one registration each with 2 per request:
 * one PUT carries items 0 and 1 (and meets the odd answer), a second one item 2. Per cell: each item's outcome,
 * and exactly one PUT per chunk, never re-sent.
 */
const BULK_CHUNK = 2;
/** A Get Many of one registration with Track empty: the process remembers the event's default track. */
async function rememberTrack(run, eventId) {
	await run('constant-contact', { resource: 'registration', operation: 'getAll', eventId: rl(eventId), trackId: { __rl: true, mode: 'list', value: '' }, returnAll: false, limit: 1 }, [{ json: {} }]);
}

/** The answers met with Track left empty (see `stage`). */
const TRACK_CELLS = ['404 track', 'stale track'];
function ccBulk({ name, operation, path, fields, pick, changed, idempotent }) {
	const ids = (s) => cc(s).registrations.filter((r) => r.event_id === cc(s).fixtures.eventId && r.track_key === cc(s).fixtures.trackId);
	// Of another event, and not yet as the write would leave them: unchanged proves the refusal changed nothing.
	const others = (s) => cc(s).registrations.filter((r) => r.event_id === cc(s).fixtures.secondEventId && pick(r)).map((r) => r.registration_id);
	return {
		name,
		provider: 'constant-contact',
		method: 'PUT',
		path,
		bulk: true,
		params: (s, answer) => ({
			resource: 'registration',
			operation,
			eventId: rl(cc(s).fixtures.eventId),
			// The track cells leave Track empty: the event's default track, looked up and remembered by the process.
			trackId: TRACK_CELLS.includes(answer) ? { __rl: true, mode: 'list', value: '' } : rl(cc(s).fixtures.trackId),
			registrationIds: '={{ $json.ids }}',
			...fields,
			options: { chunkSize: BULK_CHUNK },
		}),
		inputs: (s, n) => ids(s).filter(pick).slice(0, n).map((r) => ({ ids: [r.registration_id] })),
		// An item is applied when any of its registrations changed (a 207 item may be partly applied: then it is done).
		applied: (s, json) => json.ids.some((id) => changed(ccRegistration(s, id))),
		/**
		 * IDs that exist, but in another event: Constant Contact lists them in a 207's failed_registration_ids.
		 * 'documented refusal': every item's ID is one (each item not-done). '207 partial': item 0 has only
		 * such an ID (not-done), item 1 one of each (done, with an error naming the one not updated), item 2 a
		 * good one (done).
		 */
		odd: {
			'documented refusal': (s) => {
				if (others(s).length < 3) throw new Error(`${name}: the seed has too few registrations of another event`);
				return others(s).slice(0, 3).map((id) => ({ ids: [id] }));
			},
			'207 partial': (s) => {
				const [a, b] = others(s);
				const [x, y] = ids(s).filter(pick).map((r) => r.registration_id);
				if (!b || !y) throw new Error(`${name}: the seed has too few registrations for a 207 partial success`);
				return [{ ids: [a] }, { ids: [x, b] }, { ids: [y] }];
			},
		},
		/**
		 * 'stale track': a run with Track empty remembers the event's default track (a Get Many of one record), then
		 * the organiser replaces it. The cell's first PUT goes to the old key and answers 404 (nothing changed), the
		 * node reads the track again and sends that PUT once more to the new one: every item done, 3 PUTs.
		 */
		stage: {
			// The process may remember a track from an earlier cell (the soak does not forget between cells): the Get
			// Many reads past a stale one, so both cells start with the event's current track remembered.
			'404 track': async ({ run }, s) => await rememberTrack(run, cc(s).fixtures.eventId),
			'stale track': async ({ client, run }, s) => {
				const eventId = cc(s).fixtures.eventId;
				await rememberTrack(run, eventId);
				await client.call('PATCH', `/constant-contact/events/${eventId}`, { default_track_id: 'nw7trk' });
			},
		},
		// A 2xx with no body or a JSON one is Constant Contact's success answer (it documents 200 without a body):
		// these cells let the emulator make the change first, as the real answer would.
		after: ['empty 200', 'null', '204'],
		expected: {
			...STRICT,
			'empty 200': 'done',
			null: 'done',
			'204': 'done',
			'documented refusal': ['not-done', 'not-done', 'not-done'],
			'207 partial': ['not-done', 'done', 'done'],
			'404 track': 'not-done',
			'stale track': ['done', 'done', 'done'],
		},
		/** The second chunk: done, unless the first one's answer stops the run (a 429 would meet every request). */
		rest: { '429': 'not-done' },
		/** PUTs per cell: one per chunk; after a 429 the second chunk is not sent. */
		puts: { '429': 1, 'stale track': 3 },
		// Whether the node may re-send a chunk (Update Payment Status) or not (Update Status); Max Retries is 0 here.
		idempotent,
	};
}

/**
 * The write operations: where the write goes (method, path as a fault matches it), the parameters, n input
 * items from a fresh state, whether an item's change exists at the provider, and the expected outcome per
 * answer (a missing cell: the answer does not apply to the operation).
 */
const OPERATIONS = [
	{
		name: 'vivenu Complete',
		provider: 'vivenu',
		method: 'POST',
		path: '/complete',
		params: { resource: 'transaction', operation: 'complete', transactionId: rl('={{ $json.id }}') },
		inputs: (s, n) => vivenuOfSeller(s).filter((t) => t.status === 'NEW').slice(0, n).map((t) => ({ id: t._id })),
		applied: (s, json) => vivenuTx(s, json.id).status === 'COMPLETE',
		// Read back after an unknown outcome: COMPLETE means done.
		expected: { ...STRICT, '502 after done': 'done', 'reset after done': 'done' },
	},
	{
		name: 'vivenu Cancel',
		provider: 'vivenu',
		method: 'POST',
		path: '/cancel',
		params: { resource: 'transaction', operation: 'cancel', transactionId: rl('={{ $json.id }}') },
		inputs: (s, n) => vivenuOfSeller(s).filter((t) => t.status === 'COMPLETE').slice(0, n).map((t) => ({ id: t._id })),
		applied: (s, json) => vivenuTx(s, json.id).status === 'CANCELED',
		expected: { ...STRICT, '502 after done': 'done', 'reset after done': 'done' },
	},
	{
		name: 'vivenu Create Cancellation',
		provider: 'vivenu',
		method: 'POST',
		path: '/cancellations',
		params: { resource: 'transaction', operation: 'createCancellation', transactionId: rl('={{ $json.id }}'), itemsMode: 'ids', cartItemIds: '={{ $json.item }}' },
		inputs: (s, n) =>
			vivenuOfSeller(s)
				.filter((t) => t.status === 'COMPLETE' && t.tickets.length)
				.slice(0, n)
				.map((t) => ({ id: t._id, item: t.tickets[0]._id })),
		applied: (s, json) => s.vivenu.cancellations.some((c) => c.transactionId === json.id),
		expected: STRICT,
	},
	{
		name: 'vivenu Send Ticket Mail',
		provider: 'vivenu',
		method: 'POST',
		path: '/ticket-mail',
		params: { resource: 'transaction', operation: 'sendTicketMail', transactionId: rl('={{ $json.id }}') },
		inputs: (s, n) => vivenuOfSeller(s).filter((t) => t.status === 'COMPLETE').slice(0, n).map((t) => ({ id: t._id })),
		expected: STRICT,
	},
	{
		name: 'vivenu Send Invitation Mail',
		provider: 'vivenu',
		method: 'POST',
		path: '/invitationmail',
		params: { resource: 'transaction', operation: 'sendInvitationMail', transactionId: rl('={{ $json.id }}') },
		inputs: (s, n) => vivenuOfSeller(s).slice(0, n).map((t) => ({ id: t._id })),
		// vivenu documents 201 without a body: any 2xx is its success answer.
		expected: { ...STRICT, 'empty 200': 'done', null: 'done', '204': 'done', 'HTML 200': 'done' },
	},
	{
		name: 'Flexiown Create',
		provider: 'flexiown',
		method: 'POST',
		path: 'payment/create',
		params: require(path.join(__dirname, '../../test/flexiown/create-params')).createPaymentParams(),
		inputs: (_s, n) => Array.from({ length: n }, (_, k) => ({ orderId: `wo-${k}-${Date.now() % 1e9}` })),
		applied: (s, json) => s.flexiown.payments.some((p) => p.orderId === json.orderId),
		refusal: { status: 200, body: { success: false, errors: { 'products[0].sku': ["Product 'WB-100' is not eligible for Flexiown"] } } },
		expected: { ...STRICT, 'documented refusal': 'not-done' },
	},
	{
		name: 'RCP Create',
		provider: 'restrict-content-pro',
		method: 'POST',
		path: '/payments/new',
		params: { resource: 'payment', operation: 'create', userId: '10', amount: 10, level: { __rl: true, mode: 'name', value: 'Bronze' }, additionalFields: { transaction_id: '={{ $json.tx }}' } },
		inputs: (_s, n) => Array.from({ length: n }, (_, k) => ({ tx: `wo_${k}_${Date.now() % 1e9}` })),
		applied: (s, json) => rcp(s).payments.some((p) => p.transaction_id === json.tx),
		// RCP answers false for a transaction ID it already has.
		refusal: { status: 200, headers: { 'content-type': 'application/json' }, body: 'false' },
		expected: { ...STRICT, 'documented refusal': 'not-done' },
	},
	{
		name: 'RCP Update',
		provider: 'restrict-content-pro',
		method: 'POST',
		path: '/payments/update/',
		params: { resource: 'payment', operation: 'update', paymentId: rl('={{ $json.id }}'), updateFields: { status: 'abandoned' } },
		inputs: (s, n) => rcp(s).payments.filter((p) => p.status !== 'abandoned').slice(0, n).map((p) => ({ id: String(p.id) })),
		applied: (s, json) => rcp(s).payments.find((p) => String(p.id) === json.id)?.status === 'abandoned',
		// An answer that says nothing is resolved by reading the payment back: not stored = not done.
		refusal: { status: 200, headers: { 'content-type': 'application/json' }, body: 'false' },
		expected: { ...STRICT, 'empty 200': 'not-done', null: 'not-done', '204': 'not-done', 'documented refusal': 'not-done' },
	},
	{
		name: 'RCP Delete',
		provider: 'restrict-content-pro',
		method: 'DELETE',
		path: '/payments/delete',
		params: { resource: 'payment', operation: 'delete', paymentId: rl('={{ $json.id }}') },
		inputs: (s, n) => rcp(s).payments.slice(0, n).map((p) => ({ id: String(p.id) })),
		applied: (s, json) => !rcp(s).payments.some((p) => String(p.id) === json.id),
		refusal: { status: 200, headers: { 'content-type': 'application/json' }, body: 'false' },
		// Read back after an unknown outcome: gone means done.
		expected: { ...STRICT, '502 after done': 'done', 'reset after done': 'done', 'documented refusal': 'not-done' },
	},
	{
		name: 'vivenu Update Payment Status',
		provider: 'vivenu',
		method: 'POST',
		path: '/paymentstatus',
		params: { resource: 'transaction', operation: 'updatePaymentStatus', transactionId: rl('={{ $json.id }}'), paymentStatus: 'LOCAL-RECEIVED' },
		inputs: (s, n) => vivenuOfSeller(s).filter((t) => t.paymentStatus !== 'LOCAL-RECEIVED').slice(0, n).map((t) => ({ id: t._id })),
		applied: (s, json) => vivenuTx(s, json.id).paymentStatus === 'LOCAL-RECEIVED',
		// vivenu documents 201 without a body: any 2xx is its success answer. A fault answers without the change,
		// so these cells let vivenu make it first (as a 201 would).
		after: ['empty 200', 'null', '204', 'HTML 200'],
		expected: { ...STRICT, 'empty 200': 'done', null: 'done', '204': 'done', 'HTML 200': 'done' },
	},
	{
		name: 'Flexiown Update Status',
		provider: 'flexiown',
		method: 'POST',
		path: 'status/',
		params: {
			resource: 'payment',
			operation: 'updateStatus',
			paymentId: '={{ $json.id }}',
			status: 'completed',
			trustSeed: '={{ $json.seed }}',
			trustValueSource: 'value',
			trustValue: '={{ $json.value }}',
		},
		inputs: (s, n) =>
			s.flexiown.payments
				.filter((p) => p.merchantId === s.flexiown.fixtures.merchantId && ['confirmed', 'processing', 'on-hold'].includes(p.status))
				.slice(0, n)
				.map((p) => ({ id: p.id, seed: p.trustSeed, value: p.trustValue })),
		applied: (s, json) => flexiownPayment(s, json.id).status === 'completed',
		refusal: { status: 200, body: { success: false, errors: { status: ['A payment in status Expired cannot be changed to completed.'] } } },
		expected: { ...STRICT, 'documented refusal': 'not-done' },
	},
	ccBulk({
		name: 'Constant Contact Update Payment Status',
		operation: 'updatePaymentStatus',
		path: '/registrations/payment_status',
		fields: { paymentStatus: 'Paid' },
		// Free registrations are skipped silently: only payable, pending ones show the change.
		pick: (r) => r.payment_method && r.payment_status === 'PENDING' && r.registration_status === 'REGISTERED',
		changed: (r) => r.payment_status === 'PAID',
		idempotent: true,
	}),
	ccBulk({
		name: 'Constant Contact Update Status',
		operation: 'updateStatus',
		path: '/registrations',
		fields: { registrationStatus: 'CANCELED' },
		pick: (r) => r.registration_status === 'REGISTERED',
		changed: (r) => r.registration_status === 'CANCELED',
		idempotent: false,
	}),
];

/** The cells of the table: every operation × every answer it has an expectation for. */
function cells() {
	const out = [];
	for (const op of OPERATIONS) {
		for (const [answer, spec] of Object.entries(ANSWERS)) {
			const expected = op.expected[answer];
			if (!expected) continue;
			// Met through the input (Constant Contact's 207s) rather than a fault.
			const odd = op.odd?.[answer];
			let fault = answer === 'documented refusal' ? op.refusal : spec;
			if (!fault && !odd && !op.stage?.[answer]) continue;
			if (fault && op.after?.includes(answer)) fault = { ...fault, after: true };
			out.push({ op, answer, fault: odd ? undefined : fault, odd, expected });
		}
	}
	return out;
}

/**
 * What a cell must show with `count` items, item `faulted` meeting the odd answer: the outcome per item and the
 * number of write requests. A bulk operation always runs 3 items in 2 chunks (see ccBulk).
 */
function expectation(cell, count, faulted) {
	const { op, answer, expected } = cell;
	if (!op.bulk) return { items: Array.from({ length: count }, (_, i) => (i === faulted ? expected : 'done')), requests: count };
	const rest = op.rest[answer] ?? 'done';
	return { items: Array.isArray(expected) ? expected : [expected, expected, rest], requests: op.puts[answer] ?? 2 };
}

/** Request Options of every cell: nothing retried, so each item sends its write once whatever the answer. */
const OPTIONS = { maxRetries: 0, timeoutSeconds: 1, maxRetryWaitSeconds: 1, concurrency: 1 };

/**
 * Runs one cell with `count` items, the odd answer given to item `faulted` (the items before it pass; FIFO
 * faults); a bulk operation with its own 3 items, the first chunk meeting the answer. Returns what each item
 * reported, what the emulator saw, and what the table expects of both.
 */
async function runCell({ client, reset, run, state: stateAfter }, cell, count = 1, faulted = 0) {
	const { op, answer, fault, odd } = cell;
	if (op.bulk) [count, faulted] = [3, 0];
	const state = await reset();
	const input = odd ? odd(state) : op.inputs(state, count);
	if (input.length < count) throw new Error(`${op.name}: the seed has ${input.length} inputs, ${count} needed`);
	if (op.stage?.[answer]) await op.stage[answer]({ client, run }, state);
	await client.clearRequests();
	if (fault) {
		for (let k = 0; k < faulted; k++) await client.fault({ provider: op.provider, method: op.method, path: op.path, delayMs: 1 });
		await client.fault({ provider: op.provider, method: op.method, path: op.path, ...fault });
	}
	const params = typeof op.params === 'function' ? op.params(state, answer) : op.params;
	const result = await run(op.provider, { ...params, requestOptions: OPTIONS }, input.map((json) => ({ json })), `${op.name} × ${answer}`);
	// A stalled request lands after the client gave up: let it, before reading the state.
	if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, 700));
	const requests = (await client.requests(op.provider)).filter((r) => r.method === op.method && r.providerPath.includes(op.path));
	const reported = input.map((_, i) => {
		const item = result.items.find((it) => it.pairedItem && it.pairedItem.item === i);
		if (!item) return 'missing';
		return item.json.error === undefined ? 'done' : item.json.outcome;
	});
	return { input, result, requests, reported, state: state ? stateAfter() : undefined, expected: expectation(cell, count, faulted) };
}

/** Whether a cell ran as the table expects; the details for a failure. */
function judge(cell, { requests, reported, input, state, expected }) {
	const same = reported.every((got, i) => got === expected.items[i]);
	const once = requests.length === expected.requests;
	const applied = (i) => cell.op.applied(state, input[i]);
	// An item reported not-done changed nothing at the provider; one reported done changed it.
	const truthful = !cell.op.applied || !state || reported.every((got, i) => got !== 'not-done' || !applied(i));
	const doneIsReal = !cell.op.applied || !state || reported.every((got, i) => got !== 'done' || applied(i));
	return { ok: same && once && truthful && doneIsReal, detail: { writeRequests: requests.length, expectedRequests: expected.requests, truthful, doneIsReal } };
}

/**
 * The table, tallied through `check(name, ok, detail)`. `ctx`: { client (EmulatorClient), reset() → state,
 * run(provider, parameters, input, label) → runNode result with Continue On Fail on, state?() → the emulator's live
 * state, to check that an item reported not-done changed nothing and one reported done did }. `lanes`: contexts
 * of their own emulators (ctx's among them) that run cells at once: every cell resets its emulator, so cells
 * share nothing but the process. Most of a cell's time is waiting (a timeout, a stall landing), not work.
 */
async function writeOutcomeTable(ctx, { log = console.log, only, lanes = [ctx] } = {}) {
	const started = Date.now();
	const table = cells().filter((c) => !only || c.op.name.includes(only));
	const runs = new Array(table.length);
	// Cells that rely on what the process remembers between runs (a default track) run alone afterwards:
	// every lane's reset forgets the whole process's memory (resetSharedLimits).
	const alone = (k) => TRACK_CELLS.includes(table[k].answer);
	const order = [...table.keys()].filter((k) => !alone(k));
	let next = 0;
	const cell = async (lane, k) => {
		// Judged at once: the lane's next reset replaces the emulator's state.
		const run = await runCell(lane, table[k]);
		runs[k] = { ...run, verdict: judge(table[k], run) };
	};
	await Promise.all(
		lanes.map(async (lane) => {
			while (next < order.length) await cell(lane, order[next++]);
		}),
	);
	for (const k of table.keys()) if (alone(k)) await cell(lanes[0], k);
	const rows = new Map();
	let passed = 0;
	const shown = (list) => (list.length === 1 ? list[0] : list.join('/'));
	table.forEach((cell, k) => {
		const { ok, detail } = runs[k].verdict;
		if (ok) passed++;
		ctx.check(`write outcome: ${cell.op.name} × ${cell.answer} → ${shown(runs[k].expected.items)}`, ok, { got: shown(runs[k].reported), ...detail });
		const row = rows.get(cell.op.name) ?? [];
		row.push(`${cell.answer}: ${shown(runs[k].reported)}${ok ? '' : ' ✗'}`);
		rows.set(cell.op.name, row);
	});
	const total = table.length;
	for (const [name, row] of rows) log(`write outcomes ${name}: ${row.join(', ')}`);
	log(
		`write outcomes: ${total} cells (${OPERATIONS.length} write operations × ${Object.keys(ANSWERS).length} odd answers), ${passed} as expected, one write request per item (one PUT per chunk for bulk writes), ${lanes.length} at once, ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	return { total, passed };
}

/** The table's cells at once by default: each lane has an emulator of its own. */
const LANES = 3;

/** An emulator and a runner for the table (and the property test), closed with `close()`; `lanes`: that many, itself first. */
async function standalone({ lanes = LANES } = {}) {
	const root = path.join(__dirname, '../..');
	const { startEmulator, EmulatorClient } = require(path.join(root, 'emulators'));
	const { runNode } = require(path.join(root, 'test/harness'));
	const { resetSharedLimits } = require(path.join(root, 'dist/nodes/common/limits/throttle.js'));
	const size = { vivenu: { transactions: 60 }, 'restrict-content-pro': { payments: 20 } };
	const lane = async () => {
		const emu = await startEmulator({ port: 0 });
		const client = new EmulatorClient(emu.url);
		const P = providers(emu.url);
		return {
			client,
			state: () => emu.state,
			reset: async () => {
				// Each lane's credentials point at its own emulator, so its limiters are its own (scoped by URL).
				resetSharedLimits();
				await client.reset({ size });
				return emu.state;
			},
			run: async (provider, parameters, input) => {
				const p = P[provider];
				return await runNode({ node: path.join(root, p.node), credentialTypes: p.credentialTypes.map((c) => path.join(root, c)), credentials: p.credentials, parameters, input, continueOnFail: true });
			},
			close: () => emu.close(),
		};
	};
	const all = await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
	return { ...all[0], lanes: all, close: async () => await Promise.all(all.map((l) => l.close())) };
}

module.exports = { writeOutcomeTable, runCell, cells, expectation, OPERATIONS, ANSWERS, standalone };

if (require.main === module) {
	(async () => {
		const lanesArg = process.argv.find((a) => a.startsWith('--lanes='));
		const env = await standalone(lanesArg ? { lanes: Number(lanesArg.slice(8)) } : undefined);
		const tally = { passed: 0, failed: 0 };
		const check = (name, ok, detail) => {
			if (ok) tally.passed++;
			else {
				tally.failed++;
				console.log(`FAIL ${name}: ${JSON.stringify(detail)}`);
			}
		};
		try {
			await writeOutcomeTable({ ...env, check }, { only: process.argv.slice(2).find((a) => !a.startsWith('--')), lanes: env.lanes });
		} finally {
			await env.close();
		}
		console.log(`write outcomes: ${tally.passed} passed, ${tally.failed} failed`);
		process.exitCode = tally.failed ? 1 : 0;
	})().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
