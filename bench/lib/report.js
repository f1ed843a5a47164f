'use strict';
// The benchmark tables (plain text, Markdown-compatible).
const { fmtMs } = require('../../scripts/lib/util');
const targets = require('./targets');

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
  const header = ['Scenario', 'HTTP Request variant', 'Our node (warm)', 'Ours cold', 'HTTP Request', 'Speed-up', 'Physical limit', 'Ours ÷ physical', 'Our requests', 'HTTP Req. requests', 'Peak RSS ours / HTTP', 'Both succeeded?'];
  const body = rows.map((r) => {
    const both = r.ours && r.ours.ok && r.http.ok;
    const why = both ? 'yes' : `no (ours: ${okText(r.ours)}, HTTP Request: ${okText(r.http)})`;
    return [
      r.scenario, `${r.strongest ? '* ' : ''}${r.baseline}`, time(r.ours), time(r.oursCold), time(r.http), r.comparable === false ? 'n/a' : fmtRatio(r.ratio),
      physicalTime(r.physical), overPhysical(r.ours, r.physical), reqs(r.ours), reqs(r.http), `${mb(r.ours)} / ${mb(r.http)}`, why,
    ];
  });
  return table(header, body);
}

/** How many runs a row took and how far they spread ((max − min) ÷ median): "3 runs, spread 8 %". */
const runsText = (x) => (x && x.runs && x.runs.length > 1 ? `${x.runs.length} runs, spread ${Math.round((x.spread || 0) * 100)} %${x.sets > 1 ? `, set ${x.sets}` : ''}` : '1 run');

/** The target of a scenario's phase (`cold`/`warm`) and whether it is met: { text, met (true/false/null) }. */
function judge(r, phase) {
  const target = (typeof r.target === 'function' ? r.target(phase) : null) || targets.atLeastStrongest(1);
  const ours = phase === 'cold' ? r.oursCold : r.ours;
  const best = r.baselines.find((b) => b.strongest) || null;
  return { text: target.text, met: target.check({ ours, best, physical: r.physical }) };
}

/**
 * Two lines per scenario, cold and warm: our node against the strongest HTTP Request setup (or, when it
 * failed, what happened to it) and against the physical limit, with our 429 count, the load average
 * while the row ran, the issue's target and whether it is met.
 */
function renderHeadlines(results) {
  const header = ['Scenario', 'Phase', 'Our node', 'Runs', 'Load', 'Strongest HTTP Request setup', 'Speed-up vs strongest', 'Ours ÷ physical', 'Our 429s', 'Target', 'Met?'];
  const body = [];
  for (const r of results) {
    const best = r.baselines.find((b) => b.strongest) || null;
    for (const phase of ['cold', 'warm']) {
      const ours = phase === 'cold' ? r.oursCold : r.ours;
      let vs = '—';
      if (best && ours) vs = best.ok && ours.ok ? fmtRatio(best.nodeMs / ours.nodeMs) : best.ok ? 'ours failed' : 'HTTP Request failed';
      const { text, met } = judge(r, phase);
      r[`${phase}Target`] = { text, met };
      body.push([
        r.title, phase, time(ours), runsText(ours), ours && ours.load != null ? ours.load.toFixed(1) : '—',
        best ? `${best.label} (${best.ok ? time(best) : 'failed'})` : '—', vs,
        overPhysical(ours, r.physical), ours ? ours.status429 || 0 : '—', text, met == null ? '—' : met ? 'yes' : 'NO',
      ]);
    }
  }
  return table(header, body);
}

module.exports = { renderTable, renderHeadlines, fmtRatio };
