#!/usr/bin/env node
'use strict';

/**
 * Model-based test of the polling triggers (docs/triggers.md, "The guarantee"): fast-check generates
 * histories of the provider's list, interleaved with polls, budget exhaustion, faults and n8n restarts;
 * each drives the trigger's real poll() (dist/) with n8n's HTTP helper answered by the model.
 *
 *   node scripts/model.js [--runs=1000] [--seed=N] [--only=rcp|cc] [--find=<regex>] [--path=<fast-check path>] [--no-shrink]
 *
 * --find makes only failures whose message matches count (to look for one defect class at a time).
 * Prints, per trigger, "model <trigger>: N histories, M events, X missed, Y repeated" and a count per kind
 * of generated event; on a failure the seed, the path and the shrunk history. Last line:
 * "model: N passed, M failed" (histories). Needs `npm run build`.
 */

const fc = require('fast-check');
const { runHistory } = require('../test/model/core');
const { rcpSpec } = require('../test/model/rcp');
const { ccSpec } = require('../test/model/cc');
const { rcpHistories, ccHistories } = require('../test/model/histories');

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, ...v] = a.replace(/^--/, '').split('=');
		return [k, v.length ? v.join('=') : true];
	}),
);
const runs = Number(args.runs ?? 1000);
const find = args.find ? new RegExp(args.find) : undefined;

/** Kinds of generated events that every run must have exercised. */
const REQUIRED = {
	rcp: ['deletes during paging', 'budget exhaustion', 'restarts', 'garbage or future times', 'duplicate IDs', 'garbage IDs', 'failing pages', 'slow pages', 'same-second bursts', 'backlog bursts', 'status changes', 'inserts during paging'],
	cc: ['deletes during paging', 'budget exhaustion', 'restarts', 'garbage or future times', 'duplicate IDs', 'garbage IDs', 'failing pages', 'slow pages', 'same-second bursts', 'status changes', 'inserts during paging', 'reorders during paging'],
};

async function runModel(spec, arbitrary) {
	const totals = { histories: 0, events: 0, missed: 0, repeated: 0, counts: {} };
	let shrinking = false;
	const started = performance.now();
	const property = fc.asyncProperty(arbitrary, async (history) => {
		const result = await runHistory(spec, history);
		const failures = find ? result.failures.filter((f) => find.test(f)) : result.failures;
		if (!shrinking) {
			totals.histories++;
			totals.events += result.emitted;
			totals.missed += result.missed;
			totals.repeated += result.repeated;
			for (const [k, v] of Object.entries(result.counts)) totals.counts[k] = (totals.counts[k] ?? 0) + v;
			if (failures.length) {
				shrinking = true;
				console.log(`  first failure after ${totals.histories} histories (shrinking…): ${failures[0]}`);
			}
		}
		return failures.length === 0;
	});
	const options = { numRuns: runs, endOnFailure: Boolean(args['no-shrink']) };
	if (args.seed !== undefined) options.seed = Number(args.seed);
	if (args.path) options.path = String(args.path);
	const details = await fc.check(property, options);
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`model ${spec.name}: ${totals.histories} histories, ${totals.events} events, ${totals.missed} missed, ${totals.repeated} repeated (${seconds} s)`);
	console.log(`  generated: ${Object.entries(totals.counts).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
	let failed = 0;
	if (details.failed) {
		failed = 1;
		const [history] = details.counterexample;
		const result = await runHistory(spec, history);
		console.log(`  FAILED after ${details.numRuns} histories: seed ${details.seed}, path "${details.counterexamplePath}", ${details.numShrinks} shrinks`);
		console.log(`  replay: node scripts/model.js --only=${spec.short} --seed=${details.seed} --path=${details.counterexamplePath}${find ? ` --find='${args.find}'` : ''}`);
		console.log(`  shrunk history: ${JSON.stringify(history)}`);
		for (const f of (find ? result.failures.filter((x) => find.test(x)) : result.failures).slice(0, 8)) console.log(`    ${f}`);
		if (details.errorInstance && !details.counterexample) console.log(details.errorInstance);
	} else if (!find) {
		const missing = REQUIRED[spec.short].filter((k) => !(totals.counts[k] > 0));
		if (missing.length) {
			failed = 1;
			console.log(`  FAILED: no generated ${missing.join(', ')}`);
		}
	}
	return { passed: totals.histories - failed, failed };
}

(async () => {
	let passed = 0;
	let failed = 0;
	const plan = [
		['rcp', rcpSpec, rcpHistories()],
		['cc', ccSpec, ccHistories()],
	].filter(([short]) => !args.only || args.only === short);
	for (const [, spec, arbitrary] of plan) {
		const r = await runModel(spec, arbitrary);
		passed += r.passed;
		failed += r.failed;
	}
	console.log(`model: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
})().catch((error) => {
	console.error(error);
	console.log('model: 0 passed, 1 failed');
	process.exit(1);
});
