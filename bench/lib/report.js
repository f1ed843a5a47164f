'use strict';
// The benchmark tables (plain text, Markdown-compatible).
const { fmtMs } = require('../../scripts/lib/util');

function fmtRatio(ratio) {
  if (ratio == null || !Number.isFinite(ratio)) return '—';
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(2)}×`;
}

const time = (r) => (r && r.nodeMs != null ? fmtMs(r.nodeMs) : '—');
const okText = (r) => (r && r.ok ? 'yes' : 'NO');
const reqs = (x) => (x && x.requests != null ? `${x.requests}${x.status429 ? ` (${x.status429}× 429)` : ''}` : '—');
/** Peak RSS of n8n during the run, and in brackets how far it rose above where the run started. */
const mb = (x) => (x && x.rssPeakMb ? `${x.rssPeakMb} MB (+${Math.max(0, x.rssPeakMb - (x.rssBeforeMb || x.rssPeakMb))})` : '—');
const physicalTime = (p) => (!p ? '—' : p.error ? 'failed' : fmtMs(p.ms));
const overPhysical = (ours, p) => (ours && ours.ok && p && !p.error && p.ms ? `${(ours.nodeMs / p.ms).toFixed(2)}×` : '—');

function table(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** rows: [{ scenario, baseline, ours, http, ratio, comparable, physical, strongest }] → Markdown table text. */
function renderTable(rows) {
  const header = ['Scenario', 'HTTP Request variant', 'Our node', 'HTTP Request', 'Speed-up', 'Physical limit', 'Ours ÷ physical', 'Our requests', 'HTTP Req. requests', 'Peak RSS ours / HTTP', 'Both succeeded?'];
  const body = rows.map((r) => {
    const both = r.ours && r.ours.ok && r.http.ok;
    const why = both ? 'yes' : `no (ours: ${okText(r.ours)}, HTTP Request: ${okText(r.http)})`;
    return [
      r.scenario, `${r.strongest ? '* ' : ''}${r.baseline}`, time(r.ours), time(r.http), r.comparable === false ? 'n/a' : fmtRatio(r.ratio),
      physicalTime(r.physical), overPhysical(r.ours, r.physical), reqs(r.ours), reqs(r.http), `${mb(r.ours)} / ${mb(r.http)}`, why,
    ];
  });
  return table(header, body);
}

/**
 * One line per scenario: our node against the strongest HTTP Request setup (or, when it failed, what
 * happened to it) and against the physical limit, with our 429 count.
 */
function renderHeadlines(results) {
  const header = ['Scenario', 'Our node', 'Strongest HTTP Request setup', 'Speed-up vs strongest', 'Ours ÷ physical', 'Our 429s', 'Ours lost work?'];
  const body = results.map((r) => {
    const best = r.baselines.find((b) => b.strongest) || null;
    let vs = '—';
    if (best && r.ours) vs = best.ok && r.ours.ok ? fmtRatio(best.nodeMs / r.ours.nodeMs) : best.ok ? 'ours failed' : 'HTTP Request failed';
    return [
      r.title, time(r.ours), best ? `${best.label} (${best.ok ? time(best) : 'failed'})` : '—', vs,
      overPhysical(r.ours, r.physical), r.ours ? r.ours.status429 || 0 : '—', r.ours && r.ours.ok ? 'no' : 'YES',
    ];
  });
  return table(header, body);
}

module.exports = { renderTable, renderHeadlines, fmtRatio };
