'use strict';
// The contract allow-list, read from docs/providers/contract-allow-list.md:
// - the table headed `| provider | operation | field | reason |`: each row names one provider, one operation
//   ("GET /api/transactions/{id}", "webhook transaction.complete") and one field path exactly as the check
//   prints it ("answer 200 /history/[]/type", "answer 413"), with its reason;
// - the table headed `| provider | status | source |`: the one status per provider allowed on every
//   operation (429, which neither document lists), citing where the provider says it answers it.
// No wildcards; an entry that matches nothing in a run is stale and fails the check.
const fs = require('fs');

const unquote = (cell) => cell.trim().replace(/^`(.*)`$/, '$1').trim();

function tables(text) {
	const out = [];
	let current = null;
	for (const line of text.split('\n')) {
		if (!line.startsWith('|')) {
			current = null;
			continue;
		}
		const cells = line.split('|').slice(1, -1).map((c) => c.trim());
		if (!current) {
			current = { header: cells.map((c) => c.toLowerCase()), rows: [] };
			out.push(current);
		} else if (!/^:?-+/.test(cells[0])) current.rows.push({ cells, line });
	}
	return out;
}

function readAllowList(file) {
	const text = file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const entries = [];
	for (const t of tables(text)) {
		const h = t.header.join('|');
		if (h !== 'provider|operation|field|reason' && h !== 'provider|status|source') continue;
		for (const { cells, line } of t.rows) {
			const [provider, second, third] = cells.map(unquote);
			if ([provider, second, third].some((c) => c.includes('*'))) throw new Error(`allow-list entries take no wildcards: ${line}`);
			if (h === 'provider|status|source') {
				if (!/^\d{3}$/.test(second) || !third) throw new Error(`allow-list status row needs a status and its source: ${line}`);
				if (entries.some((e) => e.provider === provider && e.status)) throw new Error(`one status entry per provider: ${line}`);
				entries.push({ provider, status: second, operation: '(any operation)', field: `answer ${second}`, reason: third });
			} else {
				const reason = cells.slice(3).join('|').trim();
				if (!reason) throw new Error(`allow-list entry without a reason: ${line}`);
				entries.push({ provider, operation: second, field: third, reason });
			}
		}
	}
	return {
		entries,
		match: (provider, operation, field) =>
			entries.find((e) => e.provider === provider && e.field === field && (e.status ? true : e.operation === operation)) || null,
	};
}

module.exports = { readAllowList };
