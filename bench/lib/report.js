'use strict';
// The benchmark table (plain text, Markdown-compatible).
const { fmtMs } = require('../../scripts/lib/util');

function fmtRatio(ratio) {
  if (ratio == null || !Number.isFinite(ratio)) return '—';
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(2)}×`;
}

const time = (r) => (r && r.nodeMs != null ? fmtMs(r.nodeMs) : '—');
const okText = (r) => (r && r.ok ? 'yes' : 'NO');

/** rows: [{ scenario, baseline, ours, http, ratio }] → Markdown table text. */
function renderTable(rows) {
  const header = ['Scenario', 'HTTP Request variant', 'Our node', 'HTTP Request', 'Speed-up', 'Our requests', 'HTTP Req. requests', 'Both succeeded?'];
  const body = rows.map((r) => {
    const both = r.ours && r.ours.ok && r.http.ok;
    const why = both ? 'yes' : `no (ours: ${okText(r.ours)}, HTTP Request: ${okText(r.http)})`;
    const reqs = (x) => (x && x.requests != null ? `${x.requests}${x.status429 ? ` (${x.status429}× 429)` : ''}` : '—');
    return [r.scenario, r.baseline, time(r.ours), time(r.http), r.comparable === false ? 'n/a' : fmtRatio(r.ratio), reqs(r.ours), reqs(r.http), why];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

module.exports = { renderTable, fmtRatio };
