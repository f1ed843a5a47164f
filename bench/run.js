#!/usr/bin/env node
'use strict';
/*
 * Benchmarks: our nodes vs the same work done with n8n's own HTTP Request node, in a real n8n
 * (run by `npm run bench`; see bench/README.md).
 *
 *   1. scripts/install-n8n.sh (cached Node 24 + n8n 2.40.7), build a snapshot of the working tree,
 *      npm pack, install the tarball into a throwaway n8n user folder (scripts/lib/package.js)
 *   2. start the emulator (emulators/server.js) on a free loopback port
 *   3. every bench/scenarios/*.js: reset the emulator, prepare() data, build one workflow per
 *      variant (our node + each HTTP Request baseline), import credentials and workflows
 *   4. one `n8n start`; per variant: reset the emulator, add latency / rate limits, run the
 *      workflow (POST /rest/workflows/:id/run, like the editor's button), read the "Measured"
 *      node's executionTime from the run data and the emulator's request log
 *   5. print the table, write bench/results/latest.json
 *
 * Options:
 *   --filter=<regex>   BENCH_FILTER     only scenarios whose file name matches
 *   --runs=N           BENCH_RUNS       runs of a row whose first run is under 2 s (median reported; default 3)
 *   --reruns=N         BENCH_RERUNS     times a row whose runs spread more than 20 % runs again (default 2)
 *   --scale=N          BENCH_SCALE      N times the work in every scenario (e.g. 10: 50,000 transactions, 3,000 gets)
 *   --slow             BENCH_SLOW=1     also run the baselines that take minutes (scenario 04's paced one PUT per item)
 *   --skip-build       BENCH_SKIP_BUILD=1  pack the repository's existing dist/ instead of building a snapshot
 *   --keep             BENCH_KEEP=1     keep the temp dir (n8n log, workflows, each run's emulator request log in requests/)
 *   --out=<file>       BENCH_OUT        results file (default bench/results/latest.json)
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { REPO_ROOT, fmtMs, Timings, tail, substitute, sleep } = require('../scripts/lib/util');
const { Stack, startStack } = require('../scripts/lib/stack');
const { buildOutput, runError } = require('../scripts/lib/cases');
const { installPackage } = require('./lib/package');
const { buildWorkflow, workflowId, TRIGGER, MEASURED } = require('./lib/workflow');
const { renderTable, renderHeadlines, fmtRatio } = require('./lib/report');
const { sampleRss } = require('./lib/rss');
const exec = require('./lib/execution');
const { measureRow, median, loadNow } = require('./lib/rows');

const SCENARIO_DIR = path.join(__dirname, 'scenarios');
const DEFAULT_TIMEOUT_MS = 60000;
const TOTAL_BUDGET_MS = 45 * 60 * 1000; // hard stop for the measuring phase

function parseArgs(argv) {
  const opts = {
    filter: process.env.BENCH_FILTER || '',
    runs: Number(process.env.BENCH_RUNS || 3),
    reruns: Number(process.env.BENCH_RERUNS || 2),
    scale: Number(process.env.BENCH_SCALE || 1),
    slow: process.env.BENCH_SLOW === '1',
    skipBuild: process.env.BENCH_SKIP_BUILD === '1',
    keep: process.env.BENCH_KEEP === '1',
    out: process.env.BENCH_OUT || path.join(__dirname, 'results', 'latest.json'),
  };
  for (const a of argv) {
    if (a.startsWith('--filter=')) opts.filter = a.slice(9);
    else if (a.startsWith('--runs=')) opts.runs = Number(a.slice(7));
    else if (a.startsWith('--reruns=')) opts.reruns = Number(a.slice(9));
    else if (a.startsWith('--scale=')) opts.scale = Number(a.slice(8));
    else if (a === '--slow') opts.slow = true;
    else if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--keep') opts.keep = true;
    else if (a.startsWith('--out=')) opts.out = path.resolve(a.slice(6));
    else if (a === '--help' || a === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1 || opts.runs > 10) throw new Error('--runs must be 1..10');
  if (!Number.isInteger(opts.reruns) || opts.reruns < 0 || opts.reruns > 5) throw new Error('--reruns must be 0..5');
  if (!Number.isInteger(opts.scale) || opts.scale < 1 || opts.scale > 20) throw new Error('--scale must be 1..20');
  // Scenarios size their work from it when they are loaded (bench/lib/scale.js).
  process.env.BENCH_SCALE = String(opts.scale);
  return opts;
}

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stderr.write(`# ${line}\n`);

function loadScenarios(filter) {
  const re = filter ? new RegExp(filter) : null;
  return fs.readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.js') && !f.startsWith('_'))
    .sort()
    .map((file) => {
      const mod = require(path.join(SCENARIO_DIR, file));
      const id = file.replace(/\.js$/, '');
      for (const key of ['title', 'provider', 'ours', 'baselines']) {
        if (!mod[key]) throw new Error(`bench/scenarios/${file} lacks "${key}"`);
      }
      // `limits: [0, 20, 10]`: the scenario once per emulated API limit (requests/s per key; 0 = none).
      return (mod.limits || [0]).map((limit) => ({
        ...mod,
        id: mod.limits ? `${id}@${limit || 'nolimit'}` : id,
        file,
        limit,
        title: mod.limits ? `${mod.title}, ${limit ? `API limit ${limit}/s` : 'no API limit'}` : mod.title,
      }));
    })
    .flat()
    // The filter sees the file name and, for a scenario per limit, its id (`01-vivenu-get-many@nolimit`).
    .filter((s) => !re || re.test(s.id));
}

/** The emulator's rate limit for an expanded scenario: sliding 1 s window per key, the provider's 429 style. */
function rateLimitOf(s) {
  return { provider: s.provider, limit: s.limit, windowMs: 1000, mode: 'sliding', ...(s.rateLimitExtra || {}) };
}

/** Resets the emulator into the scenario's starting state (data, latency, rate limits) with an empty request log. */
async function arrange(client, s, data, vars) {
  await client.reset(s.emulator || {});
  if (s.latencyMs) await client.fault({ provider: s.provider, delayMs: s.latencyMs, times: -1 });
  if (s.limit) await client.rateLimit(rateLimitOf(s));
  if (typeof s.arrange === 'function') await s.arrange({ emulator: client, vars, data });
  await client.clearRequests();
}

/**
 * One run of one variant → { ok, nodeMs, wallMs, requests, status429, count, expected, error, rss…, readMs }.
 * The RSS sampling and wallMs end when n8n reports the execution finished (bench/lib/execution.js reads
 * the status from the execution list); the run data is fetched after that, so n8n's work of sending it
 * through REST is not part of the peak.
 */
async function runOnce({ server, client, s, variant, vars, scale, logDir }) {
  await arrange(client, s, variant.data, vars);
  const t0 = Date.now();
  let execution = null;
  let error = '';
  let readMs = null;
  let executionMs = null;
  const rss = sampleRss(server.child && server.child.pid);
  let rssResult;
  try {
    const executionId = await server.startRun(variant.workflow.id, TRIGGER);
    const summary = await exec.finished(server, { workflowId: variant.workflow.id, executionId, timeoutMs: (s.timeoutMs || DEFAULT_TIMEOUT_MS) * scale });
    rssResult = rss.stop();
    executionMs = Date.parse(summary.stoppedAt) - Date.parse(summary.startedAt);
    const tRead = Date.now();
    execution = await exec.read(server, executionId);
    readMs = Date.now() - tRead;
  } catch (e) {
    error = e.message;
  }
  const { peak, before, cpuMs, mainCpuMs } = rssResult || rss.stop();
  const wallMs = (rssResult ? rssResult.at : Date.now()) - t0;
  const result = {
    ok: false, nodeMs: null, wallMs, executionMs, readMs, cpuMs, mainCpuMs, requests: null, status429: null, count: null, expected: variant.expected, error,
    rssPeakMb: peak == null ? null : Math.round(peak / 1048576), rssBeforeMb: before == null ? null : Math.round(before / 1048576),
  };
  if (execution) {
    const output = buildOutput(execution);
    const run = (output.runData[MEASURED] || [])[0];
    if (!run) {
      result.error = `node "${MEASURED}" did not run: ${runError(output) || execution.status}`;
    } else {
      result.nodeMs = run.executionTime;
      result.nodeStartedAt = run.startTime;
      const items = (run.data && run.data.main && run.data.main[0]) || [];
      // count may be async and may ask the emulator (e.g. how many registrations are now PAID).
      let countError = '';
      try {
        result.count = s.count ? await s.count({ items, emulator: client, data: variant.data }) : items.length;
      } catch (e) {
        countError = `counting results: ${e.message}`;
      }
      if (run.error) result.error = `${run.error.message}${run.error.description ? ` — ${run.error.description}` : ''}`;
      else if (runError(output)) result.error = runError(output);
      else if (execution.status && execution.status !== 'success') result.error = `execution status ${execution.status}`;
      else if (countError) result.error = countError;
      else if (result.expected != null && result.count !== result.expected) {
        result.error = `returned ${result.count} results, expected ${result.expected}`;
      }
    }
  }
  try {
    const log = await client.requests(s.provider);
    result.requests = log.length;
    result.status429 = log.filter((r) => r.status === 429).length;
    if (logDir) keepRequestLog(logDir, `${s.id} ${variant.workflow.name}`, log);
    result.arrivals = arrivals(log);
    Object.assign(result, nodeTimeline(result, log));
  } catch (e) {
    result.error = result.error || `request log: ${e.message}`;
  }
  result.ok = !result.error;
  result.load = loadNow();
  return result;
}

/** With --keep: the emulator's request log of a run (arrival time, method, path, status) in <temp dir>/requests/, to read a 429's cause from. */
function keepRequestLog(logDir, name, log) {
  const dir = path.join(logDir, 'requests');
  fs.mkdirSync(dir, { recursive: true });
  let file = path.join(dir, `${name.replace(/[^\w@.-]+/g, '_').slice(0, 120)}.jsonl`);
  for (let k = 2; fs.existsSync(file); k++) file = file.replace(/(-\d+)?\.jsonl$/, `-${k}.jsonl`);
  fs.writeFileSync(file, log.map((r) => JSON.stringify({ at: r.at, method: r.method, path: r.path, status: r.status })).join('\n') + '\n');
}

/**
 * When each request reached the emulator, in ms after the first (before its added latency), for runs of up to
 * 2,000 requests: how a client ramps up shows here (latest.json only).
 */
function arrivals(log) {
  if (!log.length || log.length > 2000) return undefined;
  const times = log.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  return times.map((t) => t - times[0]);
}

/**
 * Where the node's time went around its requests: from its start to the first request reaching the emulator
 * (`toFirstRequestMs`: credentials, client, parameters) and from the last one reaching it to the node's end
 * (`afterLastRequestMs`: the added latency, the answer, and the node's work on it). Same machine, same clock.
 */
function nodeTimeline(result, log) {
  if (result.nodeStartedAt == null || result.nodeMs == null || !log.length) return {};
  const times = log.map((r) => Date.parse(r.at));
  return {
    toFirstRequestMs: Math.min(...times) - result.nodeStartedAt,
    afterLastRequestMs: result.nodeStartedAt + result.nodeMs - Math.max(...times),
  };
}

/** The scenario's plain-script physical limit, measured after the same arrange() (data, latency, API limit). */
async function runPhysical({ client, s, vars, scale }) {
  await arrange(client, s, s.ctx.data, vars);
  const t0 = Date.now();
  const out = { ms: null, requests: null, status429: null, count: null, error: '' };
  try {
    const budget = new Promise((_, reject) => {
      const t = setTimeout(() => reject(new Error('timed out')), (s.timeoutMs || DEFAULT_TIMEOUT_MS) * scale);
      t.unref();
    });
    out.count = await Promise.race([s.physical({ ...s.ctx, emulator: client }), budget]);
    out.ms = Date.now() - t0;
  } catch (e) {
    out.error = e.message;
  }
  const log = await client.requests(s.provider);
  out.requests = log.length;
  out.status429 = log.filter((r) => r.status === 429).length;
  out.arrivals = arrivals(log);
  out.ok = !out.error;
  out.load = loadNow();
  return out;
}

function summarize({ runs, sets, spread, load }) {
  const last = runs[runs.length - 1];
  return {
    sets,
    spread,
    load,
    ok: runs.every((r) => r.ok),
    nodeMs: median(runs.map((r) => r.nodeMs)),
    wallMs: median(runs.map((r) => r.wallMs)),
    requests: last.requests,
    status429: median(runs.map((r) => r.status429)),
    count: last.count,
    expected: last.expected,
    rssPeakMb: Math.max(...runs.map((r) => r.rssPeakMb || 0)) || null,
    rssBeforeMb: Math.min(...runs.map((r) => r.rssBeforeMb || Infinity)) === Infinity ? null : Math.min(...runs.map((r) => r.rssBeforeMb || Infinity)),
    error: (runs.find((r) => r.error) || {}).error || '',
    runs,
  };
}

/** `node` with copies of its credentials under new IDs (`tag` makes them unique): { node, credentials }. */
function freshCredentials(node, s, vars, tag) {
  const known = substitute(s.credentials || [], vars);
  const refs = {};
  const credentials = [];
  for (const [type, ref] of Object.entries(node.credentials || {})) {
    const base = known.find((c) => c.id === ref.id);
    if (!base) throw new Error(`bench/scenarios/${s.file}: credential ${ref.id} is not in its credentials`);
    const id = `bc${crypto.createHash('sha1').update(`${s.id}/${tag}/${ref.id}`).digest('hex').slice(0, 14)}`;
    const name = `${base.name} [${s.id} ${tag}]`;
    credentials.push({ ...base, id, name });
    refs[type] = { id, name };
  }
  return { node: { ...node, credentials: refs }, credentials };
}

/**
 * Builds each scenario's variants (our node + each HTTP Request baseline) and one warm-up workflow per
 * distinct node type; returns what to import: { credentials, workflows } (warm-ups in `warmups`).
 */
async function prepareScenarios(scenarios, client, vars, opts) {
  const credentials = new Map();
  const workflows = [];
  const warmups = new Map();
  for (const s of scenarios) {
    for (const c of substitute(s.credentials || [], vars)) credentials.set(c.id, c);
    await client.reset(s.emulator || {});
    const data = (typeof s.prepare === 'function' ? await s.prepare({ emulator: client, vars }) : {}) || {};
    const ctx = { vars, data, limit: s.limit };
    const input = typeof s.input === 'function' ? s.input(ctx) : undefined;
    const expected = typeof s.expected === 'function' ? s.expected(ctx) : undefined;
    // Baselines that take minutes (slow: true) only with --slow.
    const baselines = s.baselines(ctx).filter((b) => opts.slow || !b.slow);
    const specs = [{ role: 'ours', ...s.ours(ctx) }, ...baselines.map((b) => ({ role: 'baseline', ...b }))];
    s.variants = specs.map((spec, i) => {
      const key = `${s.id}/${i}/${spec.label}`;
      const workflow = buildWorkflow({ id: workflowId(key), name: `bench ${s.id}: ${spec.label}`, node: spec.node, input });
      workflows.push(workflow);
      if (spec.role !== 'ours') return { ...spec, workflow, data, expected };
      // Our node's cold runs: each the first execution of a credential of its own, made for it (cheaper than
      // restarting n8n). The warm runs then use the first of them again.
      const cold = [];
      for (let k = 0; k < opts.runs * (1 + opts.reruns); k++) {
        const fresh = freshCredentials(spec.node, s, vars, `cold${k}`);
        for (const c of fresh.credentials) credentials.set(c.id, c);
        const wf = buildWorkflow({ id: workflowId(`${key}/cold${k}`), name: `bench ${s.id}: ${spec.label} (cold ${k})`, node: fresh.node, input });
        workflows.push(wf);
        cold.push(wf);
      }
      return { ...spec, workflow, cold, data, expected };
    });
    s.inputItems = input;
    s.ctx = ctx;
  }
  // Warm-up: each distinct node type once, so lazy loading and first connections are not part
  // of any measurement. Prefer a variant that takes input items (run with just one item).
  const byCost = [...scenarios.filter((s) => s.inputItems), ...scenarios.filter((s) => !s.inputItems)];
  for (const s of byCost) {
    for (const v of s.variants) {
      const wkey = `${s.provider}/${v.node.type}`;
      if (warmups.has(wkey)) continue;
      // At --scale=N a full run of a list scenario is as costly as the measurement itself (50,000
      // transactions): the scenario's warmup() gives a small version of the node (one page) instead.
      const node = opts.scale > 1 && typeof s.warmup === 'function' ? s.warmup(v.node, s.ctx) : v.node;
      const wf = buildWorkflow({ id: workflowId(`warmup/${wkey}/${s.id}`), name: `bench warm-up ${wkey}`, node, input: s.inputItems && s.inputItems.slice(0, 1) });
      warmups.set(wkey, { workflow: wf, s, data: v.data });
      workflows.push(wf);
    }
  }
  return { credentials: [...credentials.values()], workflows, warmups };
}

/** One row (a variant, cold or warm) as bench/lib/rows.js says, within the deadline. */
async function row(runOne, deadline, opts, maxRuns) {
  const timed = async () => {
    if (Date.now() > deadline) throw new Error(`time budget of ${fmtMs(TOTAL_BUDGET_MS)} for measuring exceeded`);
    return await runOne();
  };
  return summarize(await measureRow(timed, { runs: opts.runs, reruns: opts.reruns, maxRuns }));
}

function noteRow(s, label, sum) {
  const last = sum.runs[sum.runs.length - 1];
  note(`${s.id} | ${label}: ${sum.nodeMs == null ? '—' : fmtMs(sum.nodeMs)} (${sum.runs.map((r) => (r.nodeMs == null ? '—' : fmtMs(r.nodeMs))).join(', ')}; set ${sum.sets}, spread ${Math.round(sum.spread * 100)} %, load ${sum.load}), ${sum.requests} requests`
    + ` (execution ${last.executionMs == null ? '—' : fmtMs(last.executionMs)}, run data read in ${last.readMs == null ? '—' : fmtMs(last.readMs)}`
    + `, n8n CPU ${sum.runs.map((r) => (r.cpuMs == null ? '—' : fmtMs(r.cpuMs))).join(', ')}`
    + `, of it its main thread ${sum.runs.map((r) => (r.mainCpuMs == null ? '—' : fmtMs(r.mainCpuMs))).join(', ')})`
    + `${sum.status429 ? ` (${sum.status429}× 429)` : ''}`
    + `, ${sum.count == null ? '—' : sum.count}${sum.expected != null ? `/${sum.expected}` : ''} results, peak RSS ${sum.rssPeakMb} MB`
    + `, ${sum.ok ? 'ok' : `FAILED: ${sum.error.split('\n')[0].slice(0, 160)}`}`);
}

/**
 * Every variant of every scenario (and the plain-script physical limit); → results. Our node gives two rows:
 * cold (each run the first execution of a fresh credential) and warm (later executions of one of them).
 */
async function measure({ server, client, scenarios, vars, opts, results }) {
  const deadline = Date.now() + TOTAL_BUDGET_MS * opts.scale;
  for (const s of scenarios) {
    const entry = { id: s.id, title: s.title, provider: s.provider, limit: s.limit, latencyMs: s.latencyMs || 0, ours: null, oursCold: null, baselines: [], physical: null };
    // Not written to the JSON (a function); its verdicts are, as coldTarget / warmTarget.
    Object.defineProperty(entry, 'target', { value: s.target, enumerable: false });
    results.push(entry);
    for (const v of s.variants) {
      const base = { label: v.label, nodeType: v.node.type, strongest: Boolean(v.strongest) };
      // runGapMs: a pause before every run of every variant, so that a run does not wait for the slots of the previous
      // runs' requests in a provider's per-second window (Constant Contact: 4/s, which our node keeps per credential).
      const run = (workflow) => async () => {
        if (s.runGapMs) await sleep(s.runGapMs);
        return await runOnce({ server, client, s, variant: { ...v, workflow }, vars, scale: opts.scale, logDir: opts.keepDir });
      };
      if (v.role === 'ours') {
        let k = 0;
        entry.oursCold = { ...base, ...(await row(async () => await run(v.cold[k++])(), deadline, opts, v.maxRuns)) };
        noteRow(s, `${v.label} [cold]`, entry.oursCold);
        entry.ours = { ...base, ...(await row(run(v.cold[0]), deadline, opts, v.maxRuns)) };
        noteRow(s, `${v.label} [warm]`, entry.ours);
      } else {
        // A variant may cap its runs (maxRuns: 1 for one that takes minutes, e.g. a paced baseline).
        const sum = { ...base, ...(await row(run(v.workflow), deadline, opts, v.maxRuns)) };
        entry.baselines.push(sum);
        noteRow(s, v.label, sum);
      }
    }
    if (typeof s.physical === 'function') {
      const measured = await measureRow(async () => await runPhysical({ client, s, vars, scale: opts.scale }), { runs: opts.runs, reruns: opts.reruns, timeOf: (r) => r.ms });
      const runs = measured.runs;
      entry.physical = { ...runs[runs.length - 1], ms: median(runs.map((r) => r.ms)), error: (runs.find((r) => r.error) || {}).error || '', sets: measured.sets, spread: measured.spread, load: measured.load, runs };
      const p = entry.physical;
      note(`${s.id} | physical limit (plain script): ${p.ms == null ? '—' : fmtMs(p.ms)}, ${p.requests} requests${p.status429 ? ` (${p.status429}× 429)` : ''}, ${p.count} results${p.error ? `, FAILED: ${p.error.slice(0, 160)}` : ''}`);
    }
  }
}

/** The table and headlines on stdout, bench/results/latest.json (or --out). */
function report({ results, opts, meta, failure, timings, started }) {
  const rows = [];
  for (const r of results) {
    for (const b of r.baselines) {
      const ratio = r.ours && r.ours.nodeMs && b.nodeMs != null ? b.nodeMs / r.ours.nodeMs : null;
      b.speedup = ratio;
      // A ratio against a run that failed compares unequal work: shown as n/a, kept in the JSON.
      const comparable = Boolean(r.ours && r.ours.ok && b.ok);
      rows.push({ scenario: r.title, baseline: b.label, ours: r.ours, oursCold: r.oursCold, http: b, ratio, comparable, physical: r.physical, strongest: b.strongest });
    }
  }
  if (rows.length) {
    say('');
    say(renderTable(rows));
    say('');
    say('Times are the measured node\'s own execution time in n8n (runData executionTime; a row under 2 s: median of '
      + `${opts.runs} run${opts.runs > 1 ? 's' : ''}, run again up to ${opts.reruns}× while its runs spread more than 20 %); `
      + 'our node warm = a later execution of its credential, cold = the first one after n8n started; speed-up = HTTP Request time / our (warm) time; '
      + 'requests = HTTP requests the emulator received (incl. 429s); * = the strongest HTTP Request setup; '
      + 'physical = a plain Node script doing the same work against the same emulator; ours ÷ physical = our time / physical time; '
      + `peak RSS = the n8n process while the workflow ran. Scale ${opts.scale}×.`);
    say('');
    say(renderHeadlines(results));
  }
  for (const line of timings.lines()) note(`time ${line}`);
  note(`time total: ${fmtMs(Date.now() - started)}`);

  const doc = {
    generatedAt: new Date().toISOString(),
    totalMs: Date.now() - started,
    runsPerVariant: opts.runs,
    rerunsAllowed: opts.reruns,
    scale: opts.scale,
    loadAverage: os.loadavg(),
    ...meta,
    host: { platform: process.platform, cpus: os.cpus().length, cpuModel: (os.cpus()[0] || {}).model },
    error: failure ? failure.message : undefined,
    scenarios: results,
    table: rows.map((r) => ({
      scenario: r.scenario,
      baseline: r.baseline,
      oursMs: r.ours && r.ours.nodeMs,
      httpRequestMs: r.http.nodeMs,
      speedup: r.ratio == null ? null : Number(r.ratio.toFixed(2)),
      speedupText: r.comparable ? fmtRatio(r.ratio) : 'n/a (a run failed)',
      oursRequests: r.ours && r.ours.requests,
      httpRequestRequests: r.http.requests,
      oursOk: Boolean(r.ours && r.ours.ok),
      httpRequestOk: r.http.ok,
      strongest: Boolean(r.strongest),
      physicalMs: r.physical ? r.physical.ms : null,
      ours429: r.ours && r.ours.status429,
      oursRssPeakMb: r.ours && r.ours.rssPeakMb,
      httpRequestRssPeakMb: r.http.rssPeakMb,
    })),
  };
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
  note(`results written to ${path.relative(process.cwd(), opts.out) || opts.out}`);
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const timings = new Timings();
  const scenarios = loadScenarios(opts.filter);
  if (!scenarios.length) throw new Error(`no scenarios in bench/scenarios${opts.filter ? ` matching /${opts.filter}/` : ''}`);
  const stack = new Stack({ name: 'bench', timings, keep: opts.keep });
  note(`temp dir ${stack.tmp} (n8n log: ${stack.logFile})`);
  if (opts.keep) opts.keepDir = stack.tmp;
  stack.trapSignals({ label: 'bench', what: 'n8n and the emulator' });

  const results = [];
  let failure = null;
  let meta = {};
  try {
    let prepared;
    await startStack({
      stack, owner: { email: 'bench@example.com', password: 'Bench-Password-1', firstName: 'Bench', lastName: 'Runner' },
      install: (a) => installPackage({ ...a, mode: opts.skipBuild ? 'repo-dist' : 'snapshot' }),
      onInstalled: (i) => note(`installed ${i.name}@${i.version} into the n8n user folder`),
      content: async ({ emulator, vars }) => {
        prepared = await timings.time('prepare scenarios', () => prepareScenarios(scenarios, emulator.client, vars, opts));
        return prepared;
      },
      // n8n answers GET /rest/executions/:id without run data above 100 MB (the default); 50,000
      // vivenu transactions are about 150 MB. Only what REST may send changes, not how n8n runs.
      env: { EXECUTIONS_DATA_MAX_DISPLAY_SIZE: String(1024 * 1048576) },
    });
    const { server, emulator: { client }, vars, installed } = stack;
    meta = { n8nVersion: stack.n8nVersion || '?', nodeVersion: execFileSync(stack.nodeBin, ['--version']).toString().trim(), package: `${installed.name}@${installed.version}` };
    await timings.time('warm-up', async () => {
      for (const [wkey, w] of prepared.warmups) {
        const r = await runOnce({ server, client, s: w.s, variant: { workflow: w.workflow, data: w.data, expected: undefined }, vars, scale: opts.scale });
        note(`warm-up ${wkey}: ${r.ok ? 'ok' : `failed (${r.error.split('\n')[0]})`}`);
      }
    });
    await measure({ server, client, scenarios, vars, opts, results });
  } catch (e) {
    failure = e;
    process.stderr.write(`bench: ${e.stack || e.message}\n--- last lines of ${stack.logFile} ---\n${tail(stack.logFile, 40)}\n---\n`);
  } finally {
    await stack.stop();
  }
  report({ results, opts, meta, failure, timings, started });
  const oursFailed = results.some((r) => !r.ours || !r.ours.ok);
  if (stack.removeTemp({ keep: Boolean(failure || opts.keep || oursFailed) })) note(`temp dir kept: ${stack.tmp}`);
  // Baselines may fail by design (e.g. HTTP Request against a rate limit); our node must not.
  process.exitCode = failure || oursFailed ? 1 : 0;
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`bench crashed: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  });
}

module.exports = { loadScenarios, REPO_ROOT };
