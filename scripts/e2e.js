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
 *   E2E_CASES_DIR, E2E_PACKAGE_DIR, E2E_EMULATOR_DIR   point the runner elsewhere (self-tests)
 *   E2E_CASE_TIMEOUT_MS (default 120000), E2E_INSTALL_MODE=n8n|npm
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert/strict');
const { REPO_ROOT, freePort, fmtMs, Timings, tail } = require('./lib/util');
const n8n = require('./lib/n8n');
const pkg = require('./lib/package');
const { startEmulatorProcess } = require('./lib/emulator');
const { discoverCases, discoverExamples, crossCheck, baseVars, buildOutput, runError, substitute } = require('./lib/cases');

function parseArgs(argv) {
  const opts = {
    engine: process.env.E2E_ENGINE || 'auto',
    filter: process.env.E2E_FILTER || '',
    keep: process.env.E2E_KEEP === '1',
    skipBuild: process.env.E2E_SKIP_BUILD === '1',
    examples: process.env.E2E_EXAMPLES !== '0',
  };
  for (const a of argv) {
    if (a.startsWith('--engine=')) opts.engine = a.slice(9);
    else if (a.startsWith('--filter=')) opts.filter = a.slice(9);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--no-examples') opts.examples = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!['auto', 'server', 'cli'].includes(opts.engine)) throw new Error(`--engine must be auto, server or cli (got ${opts.engine})`);
  return opts;
}

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);

/** {{PLACEHOLDERS}} still present after substitution (n8n expressions use {{ $… }} and never match). */
function unresolved(value) {
  const found = JSON.stringify(value).match(/\{\{\s*[A-Z][A-Z0-9_]*\s*\}\}/g) || [];
  return [...new Set(found)];
}

function readFrom(file, offset) {
  try {
    const buf = fs.readFileSync(file);
    return buf.subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what} timed out after ${fmtMs(ms)}`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const timings = new Timings();
  const casesDir = path.resolve(process.env.E2E_CASES_DIR || path.join(REPO_ROOT, 'test', 'e2e'));
  const packageDir = path.resolve(process.env.E2E_PACKAGE_DIR || REPO_ROOT);
  const caseTimeout = Number(process.env.E2E_CASE_TIMEOUT_MS || 120000);
  const filterRe = opts.filter ? new RegExp(opts.filter) : null;

  const filter = filterRe ? (n) => filterRe.test(n) : null;
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
  const runnable = cases.filter((c) => !c.invalid);
  const results = []; // { name, ok, ms, reason }
  let passed = 0;
  let failed = 0;
  const finish = (code) => {
    say(`e2e: ${passed} passed, ${failed} failed`);
    process.exitCode = code;
  };

  if (cases.length === 0) {
    say(`not ok - no e2e cases found in ${path.relative(process.cwd(), casesDir) || casesDir}${opts.filter ? ` matching /${opts.filter}/` : ''}`);
    for (const p of problems) note(p);
    failed = 1;
    return finish(1);
  }
  // Problems not tied to one invalid case (duplicate ids, unknown credential ids, a bad
  // credentials.json) count as one failure, "case definitions".
  const invalidNames = cases.filter((c) => c.invalid).map((c) => `${c.name}: `);
  const generalProblems = problems.filter((p) => !invalidNames.some((n) => p.startsWith(n)));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
  const logFile = path.join(tmp, 'n8n.log');
  fs.writeFileSync(logFile, '');
  note(`temp dir ${tmp} (n8n log: ${logFile})`);

  let emulator = null;
  let server = null;
  let setupError = null;
  const cleanups = [];
  const onSignal = (sig) => {
    process.stderr.write(`\ne2e: interrupted by ${sig}, stopping n8n and the emulator\n`);
    Promise.allSettled(cleanups.map((f) => f())).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // --- n8n + package -------------------------------------------------------------------------
    const { nodeBin, n8nBin } = await timings.time('locate/install n8n', async () => n8n.ensureN8n());
    note(`n8n ${n8n.n8nVersion(n8nBin) || '(version unknown)'} at ${n8nBin}`);
    const npmEnv = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` };
    if (!opts.skipBuild) {
      await timings.time('npm run build', () => pkg.build(packageDir, { env: npmEnv, logFile }));
    }
    const packed = await timings.time('npm pack', () => pkg.pack(packageDir, path.join(tmp, 'pack'), { env: npmEnv, logFile }));
    const userFolder = path.join(tmp, 'user');
    const installed = await timings.time('install tarball into <user>/.n8n/nodes', () =>
      pkg.installIntoUserFolder(packed.tarball, userFolder, { env: npmEnv, logFile }));
    note(`installed ${installed.name}@${installed.version} (${packed.files.length} files in tarball) into ${path.relative(tmp, installed.dir)}`);

    // --- emulator ---------------------------------------------------------------------------------
    const emuPort = await freePort();
    emulator = await timings.time('start emulator', () =>
      startEmulatorProcess({ port: emuPort, nodeBin, logFile: path.join(tmp, 'emulator.log') }));
    cleanups.push(() => emulator.stop());
    const vars = baseVars(emulator);

    // --- import credentials + workflows ------------------------------------------------------------
    const importDir = path.join(tmp, 'import');
    fs.mkdirSync(importDir);
    const credentials = providers.flatMap((p) => substitute(p.credentials, vars));
    const leftInCreds = unresolved(credentials);
    if (leftInCreds.length) generalProblems.push(`credentials use unknown placeholder(s) ${leftInCreds.join(', ')}`);
    const workflows = [];
    for (const c of runnable) {
      c.vars = { ...vars };
      if (typeof c.module.prepare === 'function') {
        // prepare({ emulator, vars }) may look things up (deterministic seed) and return more {{VARS}}.
        try {
          await emulator.client.reset(c.module.emulator || {});
          Object.assign(c.vars, (await c.module.prepare({ emulator: emulator.client, vars: c.vars })) || {});
        } catch (e) {
          c.invalid = `prepare() failed: ${e.message}`;
          continue;
        }
      }
      c.importedWorkflow = substitute(c.workflow, c.vars);
      // `n8n execute` starts at the first trigger in `nodes` order (a Schedule Trigger listed before the
      // Manual Trigger would win), so put the Manual Trigger first; order means nothing else to n8n.
      c.importedWorkflow.nodes = [
        ...c.importedWorkflow.nodes.filter((nd) => nd.name === c.triggerName),
        ...c.importedWorkflow.nodes.filter((nd) => nd.name !== c.triggerName),
      ];
      const left = unresolved(c.importedWorkflow);
      if (left.length) {
        c.invalid = `unresolved placeholder(s) ${left.join(', ')} (not an emulator variable and not returned by prepare())`;
        continue;
      }
      workflows.push(c.importedWorkflow);
    }
    const [port, brokerPort] = [await freePort(), await freePort()];
    const ctx = {
      nodeBin, n8nBin, logFile,
      env: n8n.n8nEnv({
        nodeBin, userFolder, port, brokerPort,
        // Modules the e2e never touches: skipping them makes `n8n start` ~1.5 s faster.
        extra: { N8N_DISABLED_MODULES: n8n.disabledModules(n8nBin, process.env.E2E_DISABLED_MODULES ?? n8n.E2E_DISABLED_MODULES) },
      }),
      flatted: n8n.loadFlatted(n8nBin),
    };
    const credFile = path.join(importDir, 'credentials.json');
    fs.writeFileSync(credFile, JSON.stringify(credentials, null, 2));
    if (credentials.length) await timings.time(`n8n import:credentials (${credentials.length})`, () => n8n.importCredentials(ctx, credFile));
    const wfFile = path.join(importDir, 'workflows.json');
    fs.writeFileSync(wfFile, JSON.stringify(workflows, null, 2));
    if (workflows.length) await timings.time(`n8n import:workflow (${workflows.length})`, () => n8n.importWorkflows(ctx, wfFile));

    // --- engine ---------------------------------------------------------------------------------------
    let engine = opts.engine === 'cli' ? 'cli' : 'server';
    let loadedTypes = null; // node types the server reports (server engine only)
    if (engine === 'server' && runnable.length) {
      try {
        const started = new n8n.N8nServer(ctx);
        server = started;
        cleanups.push(() => started.stop());
        await timings.time('n8n start (until ready)', async () => { await server.start(); await server.waitForRest(); });
        await timings.time('owner setup + login', () =>
          server.ensureOwner({ email: 'e2e@example.com', password: 'E2e-Password-1', firstName: 'E2E', lastName: 'Runner' }));
        const types = await server.nodeTypes();
        loadedTypes = new Set(types.map((t) => t.name));
        const ours = types.filter((t) => t.name.startsWith(`${installed.name}.`)).map((t) => t.name);
        const wanted = (installed.n8n.nodes || []).length;
        note(`n8n loaded ${ours.length} node type(s) from ${installed.name}: ${[...new Set(ours)].join(', ') || 'none'}`);
        if (wanted > 0 && ours.length === 0) throw Object.assign(new Error(`n8n did not load any node of ${installed.name}`), { fatal: true });
      } catch (e) {
        if (e.fatal || opts.engine === 'server') throw e;
        note(`server engine unavailable (${e.message}); falling back to one \`n8n execute\` per workflow`);
        if (server) await server.stop();
        server = null;
        engine = 'cli';
      }
    }
    note(`engine: ${engine === 'server' ? 'one `n8n start` process, POST /rest/workflows/:id/run per case' : '`n8n execute --id … --rawOutput` per case'}`);

    // --- cases -------------------------------------------------------------------------------------------
    let n = 0;
    const casesStarted = Date.now();
    for (const c of cases) {
      // A case that drives n8n through its REST API (activating a trigger workflow, counting its
      // executions, restarting n8n) cannot run as `n8n execute`: the cli engine lists it as not covered
      // instead of failing it. The server engine runs it on n8n 2.x and 1.x alike.
      if (engine === 'cli' && c.module && c.module.needsServer) {
        note(`not covered by the cli engine: ${c.name} (needs n8n's REST API)`);
        continue;
      }
      n += 1;
      const t0 = Date.now();
      let reason = '';
      let runMs = null;
      // Mark the case in n8n.log so a failure can show just its part of the log.
      fs.appendFileSync(logFile, `\n===== case ${n}: ${c.name} (workflow ${c.workflow ? c.workflow.id : '?'})\n`);
      const logOffset = fs.statSync(logFile).size;
      if (c.invalid) {
        reason = c.invalid;
      } else {
        try {
          if (loadedTypes) {
            const missing = [...new Set(c.workflow.nodes.map((nd) => nd.type))].filter((t) => !loadedTypes.has(t));
            if (missing.length) {
              const ours = missing.filter((t) => t.startsWith(`${installed.name}.`));
              throw new Error(`n8n has no node type ${missing.join(', ')}${ours.length
                ? ` — is it built and listed in package.json "n8n.nodes"? (n8n loaded: ${[...loadedTypes].filter((t) => t.startsWith(`${installed.name}.`) && !t.endsWith('Tool')).join(', ') || 'nothing'})`
                : ''}`);
            }
          }
          await emulator.client.reset(c.module.emulator || {});
          await emulator.client.clearRequests();
          const timeoutMs = c.module.timeoutMs || caseTimeout;
          const tRun = Date.now();
          const execution = engine === 'server'
            ? await server.runWorkflow(c.workflow.id, c.triggerName, { timeoutMs })
            : await n8n.executeCli(ctx, c.workflow.id, { timeoutMs });
          runMs = Date.now() - tRun;
          const output = buildOutput(execution);
          const err = runError(output);
          if (err && !c.module.expectError) throw new Error(`workflow failed: ${err}`);
          if (!err && c.module.expectError) throw new Error('workflow succeeded but the case expects an error (expectError)');
          await withTimeout(
            Promise.resolve(c.module.check({ output, emulator: emulator.client, assert, workflow: c.importedWorkflow, vars: c.vars, server })),
            timeoutMs, 'check()');
        } catch (e) {
          reason = e && e.message ? e.message : String(e);
        }
      }
      const ms = Date.now() - t0;
      results.push({ name: c.name, ok: !reason, ms, reason });
      if (reason) {
        failed += 1;
        say(`not ok ${n} - ${c.name} (${fmtMs(ms)})`);
        for (const line of reason.split('\n').slice(0, 20)) note(`  ${line}`);
        const segment = readFrom(logFile, logOffset).trim();
        if (segment) process.stderr.write(`--- n8n log during ${c.name} ---\n${segment.split('\n').slice(-40).join('\n')}\n---\n`);
      } else {
        passed += 1;
        say(`ok ${n} - ${c.name} (${fmtMs(ms)}${runMs !== null ? `, run ${fmtMs(runMs)}` : ''})`);
      }
    }
    timings.add(`${cases.length} case(s)`, Date.now() - casesStarted);
  } catch (e) {
    setupError = e;
    const notRun = cases.length - results.length;
    say(`not ok - setup: ${e.message.split('\n')[0]}`);
    for (const line of e.message.split('\n').slice(1, 12)) note(`  ${line}`);
    failed += notRun;
  } finally {
    await Promise.allSettled(cleanups.map((f) => f()));
  }

  if (generalProblems.length) {
    failed += 1;
    say(`not ok - case definitions (${generalProblems.length} problem(s))`);
    for (const p of generalProblems) note(`  ${p}`);
  }
  for (const line of timings.lines()) note(`time ${line}`);
  note(`time total: ${fmtMs(Date.now() - started)}`);
  const anyFailure = failed > 0 || setupError;
  if (setupError) {
    process.stderr.write(`\n--- last lines of ${logFile} ---\n${tail(logFile, 60)}\n--- end of n8n log ---\n`);
  }
  if (anyFailure || opts.keep) {
    note(`temp dir kept: ${tmp}`);
  } else {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return finish(anyFailure ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`e2e runner crashed: ${e && e.stack ? e.stack : e}\n`);
  process.stdout.write('e2e: 0 passed, 1 failed\n');
  process.exitCode = 1;
});
