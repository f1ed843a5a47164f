#!/usr/bin/env node
'use strict';
// The contract check: validates the exchanges and webhook deliveries recorded while jest ran
// (CONTRACT_LOG=<file>, see emulators/core/contract-log.js) against the providers' published API
// descriptions as derived into test/contract/specs/ (scripts/derive-specs.js), with the allow-list of
// docs/providers/contract-allow-list.md.
//
//   node scripts/contract.js <log> [--allow <file>] [--specs <dir>] [--quiet]
//
// Prints the totals, a table per operation and webhook type, every violation, and last
// "contract: N passed, M failed" (one check per operation and webhook type: exercised and without
// violation; plus one per allow-list entry: still needed). Exit code 1 on any failure.
const fs = require('fs');
const path = require('path');
const { loadSpecs } = require('./lib/contract-specs');
const { checkExchange, checkDelivery } = require('./lib/contract-check');
const { readAllowList } = require('./lib/contract-allow');

function parseArgs(argv) {
	const opts = { allow: path.join(__dirname, '..', 'docs', 'providers', 'contract-allow-list.md') };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--allow') opts.allow = argv[++i];
		else if (argv[i] === '--specs') opts.specs = argv[++i];
		else if (argv[i] === '--quiet') opts.quiet = true;
		else if (!opts.log) opts.log = argv[i];
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (!opts.log) throw new Error('usage: contract.js <log> [--allow FILE] [--specs DIR]');
	return opts;
}

function readLog(file) {
	const text = fs.readFileSync(file, 'utf8');
	const records = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		records.push(JSON.parse(line));
	}
	return records;
}

/** Runs the check; returns the figures and the report's lines (used by the tests as well). */
function runCheck({ log, allow, specs }) {
	const providers = loadSpecs(specs);
	const allowList = readAllowList(allow);
	const records = Array.isArray(log) ? log : readLog(log);
	const rows = new Map(); // operation key -> { provider, usedBy, requests, answers, statuses: Map, violations }
	for (const p of Object.values(providers)) {
		for (const op of p.operations) rows.set(`${p.name} ${op.key}`, { provider: p.name, name: op.key, usedBy: op.usedBy, own: p.own, requests: 0, answers: 0, statuses: new Map(), violations: 0 });
		for (const type of Object.keys(p.webhooks)) rows.set(`${p.name} webhook ${type}`, { provider: p.name, name: `webhook ${type}`, own: p.own, deliveries: 0, violations: 0 });
	}
	const figures = { requests: 0, answers: 0, deliveries: 0, excluded: {}, violations: [], allowed: 0 };
	const used = new Set();
	const record = (provider, violations, test) => {
		for (const v of violations) {
			const entry = allowList.match(provider, v.operation, v.field);
			if (entry) {
				used.add(entry);
				figures.allowed++;
				continue;
			}
			figures.violations.push({ provider, ...v, test });
			const row = rows.get(`${provider} ${v.operation}`);
			if (row) row.violations++;
		}
	};
	for (const rec of records) {
		if (rec.kind === 'exchange') {
			const r = checkExchange(providers, rec);
			if (r.skipped) {
				figures.excluded[r.skipped] = (figures.excluded[r.skipped] || 0) + 1;
				continue;
			}
			if (r.op) {
				const row = rows.get(`${rec.provider} ${r.op.key}`);
				if (r.requestChecked) {
					row.requests++;
					figures.requests++;
				}
				row.answers++;
				figures.answers++;
				row.statuses.set(rec.status, (row.statuses.get(rec.status) || 0) + 1);
			}
			record(rec.provider, r.violations, rec.test);
		} else if (rec.kind === 'delivery') {
			const r = checkDelivery(providers, rec);
			if (r.skipped) {
				figures.excluded[`delivery ${r.skipped}`] = (figures.excluded[`delivery ${r.skipped}`] || 0) + 1;
				continue;
			}
			if (r.type) {
				rows.get(`${rec.provider} webhook ${r.type}`).deliveries++;
				figures.deliveries++;
			}
			record(rec.provider, r.violations, rec.test);
		}
	}
	const stale = allowList.entries.filter((e) => !used.has(e));
	const unexercised = [...rows.values()].filter((r) => ('deliveries' in r ? r.deliveries === 0 : r.requests === 0 || r.answers === 0));
	return { providers, rows: [...rows.values()], figures, stale, unexercised, allowList };
}

function report(result, { quiet } = {}) {
	const { rows, figures, stale, unexercised, allowList } = result;
	const lines = [];
	lines.push(
		`contract: ${figures.requests} requests, ${figures.answers} answers, ${figures.deliveries} deliveries checked against the published descriptions, ` +
			`${figures.violations.length} violations (${figures.allowed} allow-listed)`,
	);
	const excluded = Object.entries(figures.excluded).map(([k, n]) => `${n} ${k}`).join(', ');
	if (excluded) lines.push(`  not checked: ${excluded}`);
	lines.push('');
	lines.push(`${'operation'.padEnd(86)} ${'requests'.padStart(8)} ${'answers'.padStart(8)}  statuses seen`);
	let provider = '';
	for (const r of rows) {
		if (r.provider !== provider) {
			provider = r.provider;
			lines.push(`${provider}${r.own ? ' (our own derivation from the docs pages, not a published document)' : ''}`);
		}
		const name = `  ${r.name}`.padEnd(86);
		if ('deliveries' in r) lines.push(`${name} ${'-'.padStart(8)} ${String(r.deliveries).padStart(8)}  deliveries${r.violations ? `  ${r.violations} VIOLATIONS` : ''}`);
		else {
			const statuses = [...r.statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
			lines.push(`${name} ${String(r.requests).padStart(8)} ${String(r.answers).padStart(8)}  ${statuses}${r.violations ? `  ${r.violations} VIOLATIONS` : ''}`);
		}
	}
	if (figures.violations.length) {
		lines.push('', 'violations (first of each operation and field):');
		const seen = new Map();
		for (const v of figures.violations) {
			const key = `${v.provider} ${v.operation} ${v.field}`;
			if (!seen.has(key)) seen.set(key, { ...v, count: 0 });
			seen.get(key).count++;
		}
		for (const v of seen.values()) {
			lines.push(`  ${v.provider} ${v.operation} | ${v.field} | ${v.message} (${v.count}×${v.test ? `, e.g. ${v.test}` : ''})`);
		}
	}
	for (const r of unexercised) lines.push(`NOT EXERCISED: ${r.provider} ${r.name}${r.usedBy ? ` (${r.usedBy})` : ''}`);
	for (const e of stale) lines.push(`STALE ALLOW-LIST ENTRY (matched nothing): ${e.provider} | ${e.operation} | ${e.field}`);
	const checks = rows.length + allowList.entries.length;
	const failed = rows.filter((r) => r.violations || unexercised.includes(r)).length + stale.length;
	lines.push(`contract: ${checks - failed} passed, ${failed} failed`);
	if (quiet) return [lines[0], lines[lines.length - 1]];
	return lines;
}

if (require.main === module) {
	try {
		const opts = parseArgs(process.argv.slice(2));
		const started = Date.now();
		const result = runCheck(opts);
		const lines = report(result, opts);
		lines.splice(1, 0, `  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		process.stdout.write(`${lines.join('\n')}\n`);
		process.exit(/ 0 failed$/.test(lines[lines.length - 1]) ? 0 : 1);
	} catch (e) {
		process.stdout.write(`contract check could not run: ${e.stack}\ncontract: 0 passed, 1 failed\n`);
		process.exit(1);
	}
}

module.exports = { runCheck, report, readLog };
