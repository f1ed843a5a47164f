'use strict';
// The contract check can fail: the Constant Contact emulator's single-event answer, put back to the names it
// used before it followed the published document (event_status, start_time…), makes scripts/contract.js
// report violations at exactly those fields; the answer as it is passes. The exchanges go to this test's own
// log (CONTRACT_LOG is switched for the test and restored), never to the suite's.
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('../constant-contact/helpers');
const { runCheck, report } = require('../../scripts/contract');

const emu = h.emulatorPerFile();
const OP = 'GET /events/{event_id}';
const OLD_NAMES = { status: 'event_status', event_start: 'start_time', event_end: 'end_time', time_zone: 'time_zone_id', create_time: 'created_time', last_update_time: 'updated_time', event_type: 'type' };

let dir;
let saved;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-check-'));
	saved = process.env.CONTRACT_LOG;
});
afterEach(() => {
	if (saved === undefined) delete process.env.CONTRACT_LOG;
	else process.env.CONTRACT_LOG = saved;
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs Event → Get with the exchanges logged to a file of this test; returns the check's result. */
async function getEventChecked(name) {
	emu.reset();
	const log = path.join(dir, `${name}.jsonl`);
	process.env.CONTRACT_LOG = log;
	const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl(h.state(emu).fixtures.eventId) });
	process.env.CONTRACT_LOG = saved === undefined ? '' : saved;
	expect(result.error).toBeUndefined();
	return runCheck({ log, allow: path.join(dir, 'no-allow-list.md') });
}

/** Wraps the emulator's route for one event so its answer uses the old names. */
function answerWithOldNames() {
	const router = emu.emulator.routers['constant-contact'];
	const match = router.match.bind(router);
	router.match = (method, p) => {
		const m = match(method, p);
		if (!m || !m.handler || method !== 'GET' || !/^\/v3\/events\/[^/]+$/.test(p)) return m;
		return {
			...m,
			handler: async (...args) => {
				const out = await m.handler(...args);
				for (const [now, old] of Object.entries(OLD_NAMES)) {
					out.body[old] = out.body[now];
					delete out.body[now];
				}
				return out;
			},
		};
	};
	return () => {
		router.match = match;
	};
}

const violationsOf = (result) => result.figures.violations.filter((v) => v.operation === OP).map((v) => v.field).sort();

test('the event as the emulator answers it has no violation', async () => {
	const result = await getEventChecked('as-documented');
	const row = result.rows.find((r) => r.name === OP);
	expect([row.requests, row.answers, [...row.statuses.entries()]]).toEqual([1, 1, [[200, 1]]]);
	expect(violationsOf(result)).toEqual([]);
});

test('putting event_status and the other old names back into the answer fails the check at those fields', async () => {
	const restore = answerWithOldNames();
	let result;
	try {
		result = await getEventChecked('old-names');
	} finally {
		restore();
	}
	expect(violationsOf(result)).toEqual(
		[
			'answer 200 /created_time', 'answer 200 /end_time', 'answer 200 /event_end', 'answer 200 /event_start', 'answer 200 /event_status',
			'answer 200 /event_type', 'answer 200 /start_time', 'answer 200 /time_zone', 'answer 200 /time_zone_id', 'answer 200 /type', 'answer 200 /updated_time',
		].sort(),
	);
	const lines = report(result);
	expect(lines[0]).toMatch(/^contract: 1 requests, 1 answers, 0 deliveries checked against the published descriptions, 11 violations \(0 allow-listed\)$/);
	expect(lines).toContain(`  constant-contact ${OP} | answer 200 /event_status | a field the document does not have (1×, e.g. test/contract/check.test.js › putting event_status and the other old names back into the answer fails the check at those fields)`);
	expect(lines[lines.length - 1]).toMatch(/^contract: \d+ passed, [1-9]\d* failed$/);
});
