'use strict';
// Running e2e cases (test/e2e/<provider>/ and examples/, discovered by scripts/lib/cases.js) against a started
// stack (scripts/lib/stack.js): what scripts/e2e.js does for the umbrella package and scripts/single.js for each
// single-provider package. Prints "ok N - …" / "not ok N - …" per case and "# …" notes.
const fs = require('fs');
const assert = require('assert/strict');
const { fmtMs } = require('./util');
const n8n = require('./n8n');
const { buildOutput, runError, substitute } = require('./cases');

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

/**
 * Runs each case's prepare() against the emulator, substitutes its {{PLACEHOLDERS}} and returns what to
 * import: { credentials, workflows }. A case that cannot be prepared is marked invalid.
 */
async function prepareImports(found, { emulator, vars }) {
  const credentials = found.providers.flatMap((p) => substitute(p.credentials, vars));
  const leftInCreds = unresolved(credentials);
  if (leftInCreds.length) found.generalProblems.push(`credentials use unknown placeholder(s) ${leftInCreds.join(', ')}`);
  const workflows = [];
  for (const c of found.cases.filter((x) => !x.invalid)) {
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
  return { credentials, workflows };
}

/** One case: reset the emulator, run the workflow, check the output. Returns '' or why it failed. */
async function runCase(c, { stack, engine, caseTimeout }) {
  if (c.invalid) return { reason: c.invalid };
  const { emulator } = stack;
  const installedName = stack.installed.name;
  try {
    if (engine) {
      const missing = [...new Set(c.workflow.nodes.map((nd) => nd.type))].filter((t) => !engine.loadedTypes.has(t));
      if (missing.length) {
        const ours = missing.filter((t) => t.startsWith(`${installedName}.`));
        throw new Error(`n8n has no node type ${missing.join(', ')}${ours.length
          ? ` — is it built and listed in package.json "n8n.nodes"? (n8n loaded: ${[...engine.loadedTypes].filter((t) => t.startsWith(`${installedName}.`) && !t.endsWith('Tool')).join(', ') || 'nothing'})`
          : ''}`);
      }
    }
    await emulator.client.reset(c.module.emulator || {});
    await emulator.client.clearRequests();
    const timeoutMs = c.module.timeoutMs || caseTimeout;
    const tRun = Date.now();
    const execution = engine
      ? await engine.server.runWorkflow(c.workflow.id, c.triggerName, { timeoutMs })
      : await n8n.executeCli(stack.ctx, c.workflow.id, { timeoutMs });
    const runMs = Date.now() - tRun;
    const output = buildOutput(execution);
    const err = runError(output);
    if (err && !c.module.expectError) throw new Error(`workflow failed: ${err}`);
    if (!err && c.module.expectError) throw new Error('workflow succeeded but the case expects an error (expectError)');
    const server = engine ? engine.server : null;
    await withTimeout(
      Promise.resolve(c.module.check({ output, emulator: emulator.client, assert, workflow: c.importedWorkflow, vars: c.vars, server })),
      timeoutMs, 'check()');
    return { reason: '', runMs };
  } catch (e) {
    return { reason: e && e.message ? e.message : String(e) };
  }
}

/**
 * Runs every case in order, printing "ok N - …" / "not ok N - …" (unless `quiet`: the caller reports them);
 * returns [{ name, ok, ms, reason }].
 */
async function runCases(cases, { stack, engine, caseTimeout, tally, quiet = false }) {
  const results = [];
  const { logFile } = stack;
  let n = 0;
  for (const c of cases) {
    // A case that drives n8n through its REST API (activating a trigger workflow, counting its
    // executions, restarting n8n) cannot run as `n8n execute`: the cli engine lists it as not covered
    // instead of failing it. The server engine runs it on n8n 2.x and 1.x alike.
    if (!engine && c.module && c.module.needsServer) {
      note(`not covered by the cli engine: ${c.name} (needs n8n's REST API)`);
      continue;
    }
    n += 1;
    const t0 = Date.now();
    // Mark the case in n8n.log so a failure can show just its part of the log.
    fs.appendFileSync(logFile, `\n===== case ${n}: ${c.name} (workflow ${c.workflow ? c.workflow.id : '?'})\n`);
    const logOffset = fs.statSync(logFile).size;
    const { reason, runMs } = await runCase(c, { stack, engine, caseTimeout });
    const ms = Date.now() - t0;
    results.push({ name: c.name, ok: !reason, ms, reason });
    if (reason) {
      tally.failed += 1;
      if (!quiet) say(`not ok ${n} - ${c.name} (${fmtMs(ms)})`);
      if (!quiet) for (const line of reason.split('\n').slice(0, 20)) note(`  ${line}`);
      const segment = readFrom(logFile, logOffset).trim();
      if (segment) process.stderr.write(`--- n8n log during ${c.name} ---\n${segment.split('\n').slice(-40).join('\n')}\n---\n`);
    } else {
      tally.passed += 1;
      if (!quiet) say(`ok ${n} - ${c.name} (${fmtMs(ms)}${runMs != null ? `, run ${fmtMs(runMs)}` : ''})`);
    }
  }
  return results;
}

module.exports = { prepareImports, runCase, runCases, unresolved };
