'use strict';
// Issue 21, item 5: a write's outcome, generated. For every generated write operation, odd answer, number of
// items and item that meets it, through n8n-core's engine against the emulator: the item that met the answer
// reports the table's outcome (scripts/lib/write-outcomes.js, docs/write-outcomes.md), every other item is
// done, exactly one write request went out per item (per chunk for Constant Contact's bulk PUTs), and an item
// reported not-done changed nothing.
const fc = require('fast-check');
// Loaded here, not inside a hook: the harness registers its own afterAll.
require('../harness');
const { cells, runCell, standalone } = require('../../scripts/lib/write-outcomes');

let env;
beforeAll(async () => {
	env = await standalone({ lanes: 1 });
});
afterAll(async () => {
	await env.close();
});

const RUNS = 60;

test(`the outcome a write reports matches the table, with one write request per item (${RUNS} generated cases)`, async () => {
	const table = cells();
	const seen = new Set();
	await fc.assert(
		fc.asyncProperty(fc.constantFrom(...table), fc.integer({ min: 1, max: 3 }), fc.nat(), async (cell, count, pick) => {
			const faulted = pick % count;
			// A bulk operation (Constant Contact) runs its own 3 items in 2 chunks; `expected` says what each shows.
			const { reported, requests, input, state, expected } = await runCell(env, cell, count, faulted);
			seen.add(`${cell.op.name} × ${cell.answer}`);
			expect({ cell: `${cell.op.name} × ${cell.answer}`, reported }).toEqual({ cell: `${cell.op.name} × ${cell.answer}`, reported: expected.items });
			expect(requests).toHaveLength(expected.requests);
			if (cell.op.applied) {
				input.forEach((json, i) => {
					if (reported[i] === 'not-done') expect({ item: i, applied: cell.op.applied(state, json) }).toEqual({ item: i, applied: false });
					if (reported[i] === 'done') expect({ item: i, applied: cell.op.applied(state, json) }).toEqual({ item: i, applied: true });
				});
			}
		}),
		{ numRuns: RUNS, seed: Number(process.env.FC_SEED) || undefined, verbose: 1 },
	);
	// The generator reached a fair part of the table.
	expect(seen.size).toBeGreaterThan(RUNS / 3);
}, 240000);
