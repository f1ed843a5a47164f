'use strict';
// Issue 15: with no API limit the adaptive pace reaches its full in-flight window within the run, never past it;
// since issue 24 vivenu starts with it (its start window is its maximum), so the first burst is the whole window.
// The growth of a smaller start window is proven in test/unit/pace.test.ts. Measured on what the emulator received:
// how many requests it was still answering when each one arrived. No timing thresholds: a busy machine changes
// how long the run takes, not the shape of the ramp. Each answer takes 500 ms, so that even a slow client has sent
// a whole window before the first of it is answered.
const path = require('path');
const { vivenuFixture, byId } = require('../vivenu/setup');

const { VIVENU_PACE } = require(path.resolve(__dirname, '../../dist/nodes/Vivenu/transport/index.js'));

const ctx = vivenuFixture();
const { inFlight: START, maxInFlight: MAX } = VIVENU_PACE.adaptive;

/** Records, for every vivenu request the emulator logs from now on, how many vivenu requests were unanswered then (itself included). */
function concurrencyAtArrival() {
	const log = ctx.emulator.emulator.log;
	const add = log.add.bind(log);
	const seen = [];
	log.add = (entry) => {
		const logged = add(entry);
		if (entry.provider === 'vivenu') seen.push(log.entries.filter((e) => e.provider === 'vivenu' && e.status === null).length);
		return logged;
	};
	return { seen, restore: () => (log.add = add) };
}

test('300 Get by ID: the first burst is the start window, the window reaches its maximum, never past it', async () => {
	await ctx.reset({ transactions: 300 });
	const ids = ctx.state.transactions.map((t) => t._id);
	await ctx.client.fault({ provider: 'vivenu', delayMs: 500, times: -1 });
	const arrivals = concurrencyAtArrival();
	try {
		const result = await ctx.run({ operation: 'get', transactionId: byId('={{ $json.id }}'), simplify: true }, { input: ids.map((id) => ({ json: { id } })) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json._id)).toEqual(ids);
	} finally {
		arrivals.restore();
	}
	const requests = await ctx.requests();
	expect(requests).toHaveLength(300);
	expect(requests.filter((r) => r.status !== 200)).toEqual([]);
	const { seen } = arrivals;
	// Request START + 1 goes out only once one of the first START is answered.
	expect(Math.max(...seen.slice(0, START + 1))).toBeLessThanOrEqual(START);
	expect(Math.max(...seen)).toBe(MAX);
}, 60000);
