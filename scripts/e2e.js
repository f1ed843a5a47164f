#!/usr/bin/env node
'use strict';
/*
 * End-to-end test of the packed package inside a real n8n (run by `npm run test:e2e`, i.e. scripts/e2e.sh).
 *
 *   1. npm run build, npm pack → <tmp>/pack/*.tgz
 *   2. install the tarball into a throwaway user folder <tmp>/user/.n8n/nodes the way n8n installs
 *      community packages (scripts/lib/package.js), N8N_USER_FOLDER=<tmp>/user
 *   3. start the emulator (emulators/server.js) on a free port
 *   4. n8n import:credentials (every test/e2e/<provider>/credentials.json, {{EMULATOR_URL}} substituted)
 *      n8n import:workflow   (every test/e2e/<provider>/*.workflow.json)
 *   5. run every workflow in one `n8n start` process (REST: POST /rest/workflows/:id/run, like the
 *      editor's Execute button) — or, with E2E_ENGINE=cli, one `n8n execute --id X --rawOutput` per
 *      workflow — resetting the emulator before each case, then call the case's check().
 *
 * The bring-up (steps 1-4 and `n8n start`) is scripts/lib/stack.js, shared with ui, queue, start, dev and bench.
 *
 * stdout: one "ok N - <case> (time)" / "not ok N - <case>" line per case, timings as "# …" lines and
 * finally "e2e: N passed, M failed". n8n's own output goes to <tmp>/n8n.log (its tail is printed on
 * failure, to stderr). Exit code 1 on any failure.
 *
 * Options (flags or environment):
 *   --engine=server|cli|auto   E2E_ENGINE   (default auto: server, falling back to cli if it cannot start;
 *                              the server engine works with n8n 2.x and 1.x, the cli engine skips needsServer cases)
 *   --filter=<regex>           E2E_FILTER   run only cases whose name (provider/file) matches
 *   --keep                     E2E_KEEP=1   keep the temp dir (always kept when something failed)
 *   --skip-build               E2E_SKIP_BUILD=1  pack the existing dist/ (scripts/test.sh built already)
 *   --no-examples              E2E_EXAMPLES=0    do not smoke-run examples/*.json
 *   --smoke                    E2E_SMOKE=1  the 1.x pass: only the cases scripts/lib/smoke.js lists (every node
 *                              read and written once, every trigger activated and fired), no examples, plus the
 *                              checks of what differs between n8n lines (node types, hints, output schemas)
 *   --ui                       E2E_UI=1     after the cases, the editor check (scripts/ui.js's, in Chromium) on the
 *                              same n8n; prints "ui: N passed, M failed" and "e2e-ui: <sum>" after the e2e line
 *   --tabs=N                   editor tabs at a time for --ui (default 2)
 *   E2E_CASES_DIR, E2E_PACKAGE_DIR, E2E_EMULATOR_DIR   point the runner elsewhere (self-tests)
 *   E2E_CASE_TIMEOUT_MS (default 120000), E2E_INSTALL_MODE=n8n|npm
 */
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, fmtMs, Timings, tail } = require('./lib/util');
const { Stack, startStack } = require('./lib/stack');
const { discoverCases, discoverExamples, crossCheck } = require('./lib/cases');
const { prepareImports, runCases } = require('./lib/e2e-runner');
const smoke = require('./lib/smoke');
const editorCheck = require('./lib/editor-check');
const browser = require('./lib/browser');

function parseArgs(argv) {
  const opts = {
    engine: process.env.E2E_ENGINE || 'auto',
    filter: process.env.E2E_FILTER || '',
    keep: process.env.E2E_KEEP === '1',
    skipBuild: process.env.E2E_SKIP_BUILD === '1',
    examples: process.env.E2E_EXAMPLES !== '0',
    smoke: process.env.E2E_SMOKE === '1',
    ui: process.env.E2E_UI === '1',
    tabs: 2,
  };
  for (const a of argv) {
    if (a.startsWith('--engine=')) opts.engine = a.slice(9);
    else if (a.startsWith('--filter=')) opts.filter = a.slice(9);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--no-examples') opts.examples = false;
    else if (a === '--smoke') opts.smoke = true;
    else if (a === '--ui') opts.ui = true;
    else if (/^--tabs=\d+$/.test(a)) opts.tabs = Math.max(1, Number(a.slice(7)));
    else if (a === '--help' || a === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (opts.smoke) opts.examples = false; // the smoke list names its cases (scripts/lib/smoke.js)
  if (!['auto', 'server', 'cli'].includes(opts.engine)) throw new Error(`--engine must be auto, server or cli (got ${opts.engine})`);
  return opts;
}

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);

/** Cases (test/e2e and examples/*.json) and the problems of their definitions. */
function discover(opts, packageDir) {
  const casesDir = path.resolve(process.env.E2E_CASES_DIR || path.join(REPO_ROOT, 'test', 'e2e'));
  const filterRe = opts.filter ? new RegExp(opts.filter) : null;
  const filter = (n) => (!filterRe || filterRe.test(n)) && (!opts.smoke || smoke.CASES.has(n));
  const found = discoverCases(casesDir, { filter });
  const providers = [...found.providers];
  const cases = [...found.cases];
  const problems = [...found.problems];
  if (opts.examples) {
    // examples/*.json (what `npm start` imports) run too, as smoke cases, so they cannot rot.
    const ex = discoverExamples(path.join(packageDir, 'examples'), { filter });
    providers.push(...ex.providers);
    cases.push(...ex.cases);
    problems.push(...ex.problems);
  }
  for (const p of crossCheck(providers, cases)) problems.push(p);
  if (opts.smoke) {
    problems.push(...smoke.missing(cases, { filtered: Boolean(opts.filter) }));
    smoke.lighten(cases);
  }
  // Problems not tied to one invalid case (duplicate ids, unknown credential ids, a bad
  // credentials.json) count as one failure, "case definitions".
  const invalidNames = cases.filter((c) => c.invalid).map((c) => `${c.name}: `);
  const generalProblems = problems.filter((p) => !invalidNames.some((n) => p.startsWith(n)));
  return { casesDir, providers, cases, problems, generalProblems };
}

/**
 * The server engine: `n8n start` + owner, and the node types it loaded. With --engine=auto a server that
 * cannot start falls back to the cli engine (returns null); a package it did not load is fatal.
 */
async function startEngine(stack, opts) {
  if (opts.engine === 'cli') return null;
  try {
    const server = await stack.startServer(stack.ctx, { owner: OWNER });
    const types = await server.nodeTypes();
    const { installed } = stack;
    const ours = types.filter((t) => t.name.startsWith(`${installed.name}.`)).map((t) => t.name);
    note(`n8n loaded ${ours.length} node type(s) from ${installed.name}: ${[...new Set(ours)].join(', ') || 'none'}`);
    if ((installed.n8n.nodes || []).length > 0 && ours.length === 0) throw Object.assign(new Error(`n8n did not load any node of ${installed.name}`), { fatal: true });
    return { server, loadedTypes: new Set(types.map((t) => t.name)) };
  } catch (e) {
    if (e.fatal || opts.engine === 'server') throw e;
    note(`server engine unavailable (${e.message}); falling back to one \`n8n execute\` per workflow`);
    if (stack.server) await stack.server.stop();
    stack.server = null;
    return null;
  }
}

const OWNER = { email: 'e2e@example.com', password: 'E2e-Password-1', firstName: 'E2E', lastName: 'Runner' };

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const timings = new Timings();
  const packageDir = path.resolve(process.env.E2E_PACKAGE_DIR || REPO_ROOT);
  const caseTimeout = Number(process.env.E2E_CASE_TIMEOUT_MS || 120000);
  const found = discover(opts, packageDir);
  const { cases, generalProblems } = found;
  const tally = { passed: 0, failed: 0 };
  const finish = (code) => {
    say(`e2e: ${tally.passed} passed, ${tally.failed} failed`);
    process.exitCode = code;
  };
  if (cases.length === 0) {
    say(`not ok - no e2e cases found in ${path.relative(process.cwd(), found.casesDir) || found.casesDir}${opts.filter ? ` matching /${opts.filter}/` : ''}`);
    for (const p of found.problems) note(p);
    tally.failed = 1;
    return finish(1);
  }

  const stack = new Stack({ name: 'e2e', timings, keep: opts.keep });
  note(`temp dir ${stack.tmp} (n8n log: ${stack.logFile})`);
  stack.trapSignals({ label: 'e2e', what: 'n8n and the emulator' });
  let results = [];
  let setupError = null;
  let editor = null;
  try {
    await startStack({
      stack, packageDir, skipBuild: opts.skipBuild, start: false,
      content: (ctx) => prepareImports(found, ctx),
      onLocated: (s) => note(`n8n ${s.n8nVersion || '(version unknown)'} at ${s.n8nBin}`),
      onInstalled: (i) => note(`installed ${i.name}@${i.version} (${i.files.length} files in tarball) into ${path.relative(stack.tmp, i.dir)}`),
    });
    const engine = cases.some((c) => !c.invalid) ? await startEngine(stack, opts) : null;
    note(`engine: ${engine ? 'one `n8n start` process, POST /rest/workflows/:id/run per case' : '`n8n execute --id … --rawOutput` per case'}`);
    const casesStarted = Date.now();
    results = await runCases(cases, { stack, engine, caseTimeout, tally });
    timings.add(`${cases.length} case(s)`, Date.now() - casesStarted);
    if (opts.smoke && engine) await smoke.versionChecks({ stack, server: engine.server, cases, tally, say, note, number: results.length });
    if (opts.ui) {
      if (!engine) throw new Error('--ui needs the server engine (n8n start)');
      editor = await timings.time('editor check (same n8n)', () => runEditorPass(stack, opts));
    }
  } catch (e) {
    setupError = e;
    say(`not ok - setup: ${e.message.split('\n')[0]}`);
    for (const line of e.message.split('\n').slice(1, 12)) note(`  ${line}`);
    tally.failed += cases.length - results.length;
  } finally {
    await stack.stop();
  }

  if (generalProblems.length) {
    tally.failed += 1;
    say(`not ok - case definitions (${generalProblems.length} problem(s))`);
    for (const p of generalProblems) note(`  ${p}`);
  }
  for (const line of timings.lines()) note(`time ${line}`);
  note(`time total: ${fmtMs(Date.now() - started)}`);
  const anyFailure = tally.failed > 0 || setupError || (editor && editor.failed > 0);
  if (setupError) process.stderr.write(`\n--- last lines of ${stack.logFile} ---\n${tail(stack.logFile, 60)}\n--- end of n8n log ---\n`);
  if (stack.removeTemp({ keep: anyFailure || opts.keep })) note(`temp dir kept: ${stack.tmp}`);
  if (opts.ui) {
    const ui = editor || { passed: 0, failed: 1 }; // the editor check did not run
    say(`ui: ${ui.passed} passed, ${ui.failed} failed`);
    say(`e2e-ui: ${tally.passed + ui.passed} passed, ${tally.failed + ui.failed} failed`);
  }
  return finish(anyFailure ? 1 : 0);
}

/**
 * The editor check (scripts/lib/editor-check.js) against the n8n the cases ran on: the emulator back to
 * its seed, the cases' active workflows off and their credentials gone (the editor check's nodes pick
 * the one credential of their type, as in a fresh n8n), the examples and blank workflows imported.
 */
async function runEditorPass(stack, opts) {
  const { server, emulator } = stack;
  say(`# --- editor check (scripts/ui.js) on the same n8n ${stack.n8nVersion} ---`);
  browser.ensureChromium();
  await emulator.client.reset({});
  await emulator.client.clearRequests();
  await editorCheck.clearForEditor(server);
  const content = editorCheck.content(stack.vars);
  await stack.importRest(server, content.credentials, content.workflows);
  return editorCheck.run({
    server, baseUrl: server.baseUrl, owner: OWNER, tmp: stack.tmp, logFile: stack.logFile, workflows: content.workflows,
    timings: stack.timings, opts: { screenshots: false, concurrency: opts.tabs, only: null },
  });
}

main().catch((e) => {
  process.stderr.write(`e2e runner crashed: ${e && e.stack ? e.stack : e}\n`);
  process.stdout.write('e2e: 0 passed, 1 failed\n');
  process.exitCode = 1;
});
