'use strict';
// The contract allow-list: the table of docs/providers/contract-allow-list.md. Each row names one provider,
// one operation ("GET /api/transactions/{id}", "webhook transaction.complete") and one field path exactly as
// the check prints it ("answer 200 /history/[]/type"), with its reason. No wildcards; an entry that matches
// nothing in a run is stale and fails the check.
const fs = require('fs');

const unquote = (cell) => cell.trim().replace(/^`(.*)`$/, '$1').trim();

function readAllowList(file) {
	const entries = [];
	const text = file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	let inTable = false;
	for (const line of text.split('\n')) {
		if (/^\|\s*provider\s*\|\s*operation\s*\|\s*field\s*\|\s*reason\s*\|/i.test(line)) {
			inTable = true;
			continue;
		}
		if (!inTable) continue;
		if (!line.startsWith('|')) {
			inTable = false;
			continue;
		}
		if (/^\|\s*-+/.test(line)) continue;
		const cells = line.split('|').slice(1, -1);
		if (cells.length < 4) throw new Error(`allow-list row without 4 cells: ${line}`);
		const [provider, operation, field] = cells.map(unquote);
		const reason = cells.slice(3).join('|').trim();
		if ([provider, operation, field].some((c) => c.includes('*'))) throw new Error(`allow-list entries take no wildcards: ${line}`);
		if (!reason) throw new Error(`allow-list entry without a reason: ${line}`);
		entries.push({ provider, operation, field, reason });
	}
	return {
		entries,
		match: (provider, operation, field) => entries.find((e) => e.provider === provider && e.operation === operation && e.field === field) || null,
	};
}

module.exports = { readAllowList };
