#!/usr/bin/env node
'use strict';
/*
 * Local demo (run by `npm start`, i.e. scripts/start.sh, after `npm run build` and install-n8n.sh):
 *   - packs this repository and (re)installs the tarball into a persistent n8n user folder, one per
 *     N8N_DEMO_PORT (~/.cache/n8n-nodes-event-payments/demo-user-5678/.n8n/nodes), as n8n installs packages
 *   - starts the provider emulator on 127.0.0.1:4010 (EMULATOR_PORT)
 *   - imports every examples/credentials/*.json (pointing at the emulator) and examples/*.json workflow
 *   - starts `n8n start` on 127.0.0.1:5678 (N8N_DEMO_PORT), creates the owner account on first run
 *   - prints the editor URL and the login; Ctrl-C stops n8n and the emulator.
 *
 *   --check   start everything, verify the editor answers, the package's node types are loaded and every
 *             example workflow runs successfully, then stop and exit (0 = all good).
 */
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, portInUse, fmtMs, Timings, substitute, httpJson } = require('./lib/util');
const n8n = require('./lib/n8n');
const { Stack, startStack } = require('./lib/stack');
const { discoverExamples, crossCheck, buildOutput, runError } = require('./lib/cases');

const DEMO_EMAIL = 'demo@example.com';
const DEMO_PASSWORD = 'EventPayments-Demo-1';

const info = (line) => process.stdout.write(`${line}\n`);
const step = (line) => process.stderr.write(`[start] ${line}\n`);

/** The demo's ports from the environment; fails, saying how to choose others, when one is taken. */
async function demoPorts() {
  const n8nPort = Number(process.env.N8N_DEMO_PORT || 5678);
  const emuPort = Number(process.env.EMULATOR_PORT || 4010);
  const brokerPort = Number(process.env.N8N_DEMO_BROKER_PORT || n8nPort + 1);
  const ports = [[n8nPort, 'n8n', 'N8N_DEMO_PORT'], [brokerPort, "n8n's task broker", 'N8N_DEMO_BROKER_PORT'], [emuPort, 'the emulator', 'EMULATOR_PORT']];
  for (const [port, , envName] of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${envName}=${process.env[envName]} is not a TCP port (1-65535)`);
  }
  if (new Set(ports.map((p) => p[0])).size !== ports.length) throw new Error(`the ports must differ: ${ports.map(([p, , e]) => `${e}=${p}`).join(', ')}`);
  for (const [port, what, envName] of ports) {
    if (await portInUse(port)) {
      throw new Error(`port ${port} (for ${what}) is already in use on this machine — is the demo already running?\n`
        + `  Stop whatever uses it, or choose other ports, for example:\n`
        + `    N8N_DEMO_PORT=5690 EMULATOR_PORT=4020 npm start\n`
        + `  (${envName} sets this one; n8n's task broker takes the port after N8N_DEMO_PORT unless N8N_DEMO_BROKER_PORT says otherwise.)`);
    }
  }
  return { n8nPort, emuPort, brokerPort };
}

/** Refuses to share the demo's user folder with a running demo; records this one's pid there. */
function claimDemoDir(demoDir) {
  fs.mkdirSync(demoDir, { recursive: true });
  const pidFile = path.join(demoDir, 'demo.pid');
  const otherPid = Number((() => { try { return fs.readFileSync(pidFile, 'utf8'); } catch { return ''; } })());
  if (otherPid && otherPid !== process.pid && (() => { try { process.kill(otherPid, 0); return true; } catch { return false; } })()) {
    throw new Error(`another demo (pid ${otherPid}) is using ${demoDir}; stop it first, or run this one on another N8N_DEMO_PORT`);
  }
  fs.writeFileSync(pidFile, String(process.pid));
  process.on('exit', () => { try { if (fs.readFileSync(pidFile, 'utf8') === String(process.pid)) fs.rmSync(pidFile); } catch { /* gone */ } });
}

/** The examples (re-imported on every start so the demo follows the repository's examples). */
function exampleContent({ vars }) {
  const ex = discoverExamples(path.join(REPO_ROOT, 'examples'));
  const problems = [...ex.problems, ...crossCheck(ex.providers, ex.cases)];
  if (problems.length) throw new Error(`examples/ has problems:\n  ${problems.join('\n  ')}`);
  const credentials = ex.providers.flatMap((p) => substitute(p.credentials, vars));
  const workflows = ex.cases.map((c) => substitute(c.workflow, vars));
  step(`importing ${credentials.length} demo credential(s) and ${workflows.length} example workflow(s)`);
  return { credentials, workflows, cases: ex.cases, providers: ex.providers };
}

/**
 * The demo stack: the package packed and (re)installed into a persistent n8n user folder, one per
 * N8N_DEMO_PORT (two demos on different ports never share a database), the emulator and n8n on the
 * given ports, the owner. `dev` (scripts/dev.js) links the repository instead of packing it.
 */
async function startDemo({ ports, timings, install, env = {}, name = 'demo' }) {
  const { n8nPort, emuPort, brokerPort } = ports;
  const demoDir = path.join(n8n.CACHE_DIR, `${name}-user-${n8nPort}`);
  claimDemoDir(demoDir);
  const logFile = path.join(demoDir, 'n8n.log');
  const stack = new Stack({ name, timings, logFile });
  stack.demoDir = demoDir;
  stack.trapSignals({ label: '[start]', what: 'n8n and the emulator' });
  let examples;
  step(`${install ? 'copying the build' : 'packing the package and installing it'} into ${demoDir}, starting the emulator on 127.0.0.1:${emuPort} and n8n on http://localhost:${n8nPort}/ (log: ${logFile})`);
  await startStack({
    stack, userFolder: demoDir, install, installMode: 'n8n', emulatorPort: emuPort, emulatorLog: path.join(demoDir, 'emulator.log'),
    port: n8nPort, brokerPort, startTimeoutMs: 180000,
    // The MCP server registry is fetched from api.n8n.io at start-up: unreachable here, only log noise.
    disabledModules: 'mcp-registry',
    env: {
      N8N_EDITOR_BASE_URL: `http://localhost:${n8nPort}/`,
      // Plain-http demo on loopback: let every browser (Safari included) keep the session cookie.
      N8N_SECURE_COOKIE: 'false',
      ...env,
    },
    content: (ctx) => { examples = exampleContent(ctx); return examples; },
    owner: { email: DEMO_EMAIL, password: DEMO_PASSWORD, firstName: 'Demo', lastName: 'User' },
  }).catch((e) => {
    if (/\/rest\/(login|owner)/.test(e.message)) e.message += `\nThe demo owner exists with another password? Reset the demo with: rm -rf ${demoDir}`;
    throw e;
  });
  stack.examples = examples;
  return stack;
}

/** What is running: editor URL, login, nodes, emulator, examples. Returns the node types loaded. */
async function describe(stack, t0) {
  const { server, installed, emulator, demoDir, logFile } = stack;
  const ours = [...new Set((await server.nodeTypes()).map((t) => t.name).filter((n) => n.startsWith(`${installed.name}.`)))];
  if (ours.length === 0) throw new Error(`n8n started but loaded no node from ${installed.name} (see ${logFile})`);
  const editor = `${server.baseUrl.replace('127.0.0.1', 'localhost')}/`;
  const plain = ours.filter((t) => !(t.endsWith('Tool') && ours.includes(t.slice(0, -4))));
  info('');
  info(`n8n ${stack.n8nVersion} is running with ${installed.name}@${installed.version}`);
  info(`  Editor:     ${editor}`);
  info(`  Login:      ${DEMO_EMAIL} / ${DEMO_PASSWORD}${stack.ownerState === 'created' ? '   (owner account just created)' : ''}`);
  info(`  Nodes:      ${plain.join(', ')}${plain.length < ours.length ? ' (+ their AI-tool variants)' : ''}`);
  info(`  Emulator:   ${emulator.url}  (${Object.entries(emulator.providerUrls).map(([k, v]) => `${k}: ${v}`).join(', ') || 'no providers announced'})`);
  for (const c of stack.examples.cases) info(`  Example:    ${c.workflow.name} → ${editor}workflow/${c.workflow.id}`);
  info(`  Data:       ${demoDir}  (n8n log: ${logFile})`);
  info(`  Started in ${fmtMs(Date.now() - t0)}`);
  return { ours, editor };
}

/** --check: the editor answers, the types are loaded, every example runs. Returns the problems found. */
async function checkDemo(stack, { ours, editor }) {
  const { server, examples } = stack;
  let failures = 0;
  const ok = (cond, what) => { info(`${cond ? 'ok' : 'not ok'} - ${what}`); if (!cond) failures += 1; };
  const page = await httpJson('GET', editor);
  ok(page.status === 200 && /<html/i.test(String(page.body)), `editor ${editor} answers with the n8n app (HTTP ${page.status})`);
  ok(ours.length > 0, `node types loaded: ${ours.join(', ')}`);
  const credTypes = (await server.credentialTypes()).map((c) => c.name);
  const usedCredTypes = [...new Set(examples.providers.flatMap((p) => p.credentials.map((cr) => cr.type)))];
  const missingCreds = usedCredTypes.filter((t) => !credTypes.includes(t));
  ok(missingCreds.length === 0, `credential types of the demo credentials are loaded (${usedCredTypes.join(', ') || 'none'})${missingCreds.length ? `; missing: ${missingCreds.join(', ')}` : ''}`);
  for (const c of examples.cases) {
    try {
      const execution = await server.runWorkflow(c.workflow.id, c.triggerName, { timeoutMs: 60000 });
      const output = buildOutput(execution);
      const err = runError(output);
      if (err) throw new Error(err);
      await c.module.check({ output, assert: require('assert/strict') });
      ok(true, `example "${c.workflow.name}" runs (${output.items(output.lastNode).length} item(s) from "${output.lastNode}")`);
    } catch (e) {
      ok(false, `example "${c.workflow.name}" runs: ${e.message}`);
    }
  }
  return failures;
}

/**
 * Resolves when Ctrl-C / SIGTERM arrives or n8n or the emulator exits on its own (exit code 1 then);
 * `expected()` true means an exit is a restart (scripts/dev.js --restart).
 */
function untilStopped(stack, { expected = () => false } = {}) {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = () => { stopping = true; resolve('signal'); };
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    for (const [what, child, log] of [['n8n', stack.server.child, stack.logFile], ['the emulator', stack.emulator.child, path.join(stack.demoDir, 'emulator.log')]]) {
      child.once('exit', (code, signal) => {
        if (expected()) return;
        if (!stopping) step(`${what} exited unexpectedly (${code ?? signal}); see ${log}`);
        process.exitCode = 1;
        resolve('exit');
      });
    }
  });
}

async function main(check) {
  const t0 = Date.now();
  const timings = new Timings();
  const stack = await startDemo({ ports: await demoPorts(), timings });
  try {
    const loaded = await describe(stack, t0);
    if (check) {
      const failures = await checkDemo(stack, loaded);
      for (const line of timings.lines()) info(`# time ${line}`);
      info(`start --check: ${failures === 0 ? 'all good' : `${failures} problem(s)`}`);
      process.exitCode = failures === 0 ? 0 : 1;
      return;
    }
    info('');
    info('Press Ctrl-C to stop n8n and the emulator.');
    await untilStopped(stack);
    step('stopping n8n and the emulator…');
  } finally {
    await stack.stop();
    stack.removeTemp();
  }
  step('stopped');
}

if (require.main === module) {
  const preflight = process.argv.includes('--preflight'); // scripts/start.sh: ports only, before the build
  for (const a of process.argv.slice(2)) {
    if (a !== '--check' && a !== '--preflight') {
      process.stderr.write(`unknown argument ${a}\nusage: npm start [-- --check]\n`);
      process.exit(2);
    }
  }
  (preflight ? demoPorts() : main(process.argv.includes('--check'))).catch((e) => {
    process.stderr.write(`\n[start] failed: ${e.message}\n`);
    process.exitCode = 1;
  });
}

module.exports = { demoPorts, startDemo, describe, untilStopped, step, info };
