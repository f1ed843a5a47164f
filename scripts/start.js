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
const os = require('os');
const path = require('path');
const { REPO_ROOT, portInUse, fmtMs, Timings, substitute, httpJson } = require('./lib/util');
const n8n = require('./lib/n8n');
const pkg = require('./lib/package');
const { startEmulatorProcess } = require('./lib/emulator');
const { discoverExamples, crossCheck, baseVars, buildOutput, runError } = require('./lib/cases');

const DEMO_EMAIL = 'demo@example.com';
const DEMO_PASSWORD = 'EventPayments-Demo-1';

const check = process.argv.includes('--check');
const preflight = process.argv.includes('--preflight'); // scripts/start.sh: ports only, before the build
for (const a of process.argv.slice(2)) {
  if (a !== '--check' && a !== '--preflight') {
    process.stderr.write(`unknown argument ${a}\nusage: npm start [-- --check]\n`);
    process.exit(2);
  }
}

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

async function main() {
  const t0 = Date.now();
  const timings = new Timings();
  const { n8nPort, emuPort, brokerPort } = await demoPorts();
  const { nodeBin, n8nBin } = n8n.ensureN8n();
  // One n8n user folder (database, settings, imported workflows) per demo port: two demos on
  // different ports never share a database.
  const demoDir = path.join(n8n.CACHE_DIR, `demo-user-${n8nPort}`);
  fs.mkdirSync(demoDir, { recursive: true });
  const pidFile = path.join(demoDir, 'demo.pid');
  const otherPid = Number((() => { try { return fs.readFileSync(pidFile, 'utf8'); } catch { return ''; } })());
  if (otherPid && otherPid !== process.pid && (() => { try { process.kill(otherPid, 0); return true; } catch { return false; } })()) {
    throw new Error(`another demo (pid ${otherPid}) is using ${demoDir}; stop it first, or run this one on another N8N_DEMO_PORT`);
  }
  fs.writeFileSync(pidFile, String(process.pid));
  process.on('exit', () => { try { if (fs.readFileSync(pidFile, 'utf8') === String(process.pid)) fs.rmSync(pidFile); } catch { /* gone */ } });
  const logFile = path.join(demoDir, 'n8n.log');
  const emulatorLog = path.join(demoDir, 'emulator.log');
  fs.writeFileSync(logFile, '');

  // 1. Package → demo user folder (fresh tarball every time).
  const npmEnv = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` };
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-demo-pack-'));
  let installed;
  try {
    step('packing the package and installing it into the demo n8n user folder');
    const packed = await timings.time('npm pack', () => pkg.pack(REPO_ROOT, packDir, { env: npmEnv, logFile }));
    installed = await timings.time('install tarball', () => pkg.installIntoUserFolder(packed.tarball, demoDir, { env: npmEnv, logFile, mode: 'n8n' }));
  } finally {
    fs.rmSync(packDir, { recursive: true, force: true });
  }

  const children = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.allSettled(children.map((c) => c.stop()));
  };
  process.on('exit', () => {
    for (const c of children) if (c.child && c.child.exitCode === null) c.child.kill('SIGKILL');
  });

  try {
    // 2. Emulator.
    step(`starting the emulator on 127.0.0.1:${emuPort}`);
    const emulator = await timings.time('start emulator', () => startEmulatorProcess({ port: emuPort, nodeBin, logFile: emulatorLog }));
    children.push(emulator);
    const vars = baseVars(emulator);

    // 3. Imports (re-imported on every start so the demo follows the repository's examples).
    const ex = discoverExamples(path.join(REPO_ROOT, 'examples'));
    const problems = [...ex.problems, ...crossCheck(ex.providers, ex.cases)];
    if (problems.length) throw new Error(`examples/ has problems:\n  ${problems.join('\n  ')}`);
    const env = n8n.n8nEnv({
      nodeBin, userFolder: demoDir, port: n8nPort, brokerPort,
      extra: {
        // The MCP server registry is fetched from api.n8n.io at start-up: unreachable here, only log noise.
        N8N_DISABLED_MODULES: n8n.disabledModules(n8nBin, 'mcp-registry'),
        N8N_EDITOR_BASE_URL: `http://localhost:${n8nPort}/`,
        // Plain-http demo on loopback: let every browser (Safari included) keep the session cookie.
        N8N_SECURE_COOKIE: 'false',
      },
    });
    const ctx = { nodeBin, n8nBin, logFile, env, flatted: n8n.loadFlatted(n8nBin) };
    const importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-demo-import-'));
    try {
      const credentials = ex.providers.flatMap((p) => substitute(p.credentials, vars));
      if (credentials.length) {
        step(`importing ${credentials.length} demo credential(s)`);
        const f = path.join(importDir, 'credentials.json');
        fs.writeFileSync(f, JSON.stringify(credentials, null, 2));
        await timings.time('n8n import:credentials', () => n8n.importCredentials(ctx, f));
      }
      const workflows = ex.cases.map((c) => substitute(c.workflow, vars));
      if (workflows.length) {
        step(`importing ${workflows.length} example workflow(s)`);
        const f = path.join(importDir, 'workflows.json');
        fs.writeFileSync(f, JSON.stringify(workflows, null, 2));
        await timings.time('n8n import:workflow', () => n8n.importWorkflows(ctx, f));
      }
    } finally {
      fs.rmSync(importDir, { recursive: true, force: true });
    }

    // 4. n8n itself.
    step(`starting n8n on http://localhost:${n8nPort}/ (log: ${logFile})`);
    const server = new n8n.N8nServer(ctx);
    children.push(server);
    await timings.time('n8n start (until ready)', () => server.start({ timeoutMs: 180000 }));
    let owner;
    try {
      owner = await server.ensureOwner({ email: DEMO_EMAIL, password: DEMO_PASSWORD, firstName: 'Demo', lastName: 'User' });
    } catch (e) {
      throw new Error(`${e.message}\nThe demo owner exists with another password? Reset the demo with: rm -rf ${demoDir}`);
    }
    const types = await server.nodeTypes();
    const ours = [...new Set(types.map((t) => t.name).filter((n) => n.startsWith(`${installed.name}.`)))];
    if (ours.length === 0) throw new Error(`n8n started but loaded no node from ${installed.name} (see ${logFile})`);
    const credTypes = (await server.credentialTypes()).map((c) => c.name);

    const editor = `http://localhost:${n8nPort}/`;
    info('');
    const n8nVersion = JSON.parse(fs.readFileSync(path.join(n8n.n8nPackageDir(n8nBin), 'package.json'), 'utf8')).version;
    info(`n8n ${n8nVersion} is running with ${installed.name}@${installed.version}`);
    info(`  Editor:     ${editor}`);
    info(`  Login:      ${DEMO_EMAIL} / ${DEMO_PASSWORD}${owner === 'created' ? '   (owner account just created)' : ''}`);
    const plain = ours.filter((t) => !(t.endsWith('Tool') && ours.includes(t.slice(0, -4))));
    info(`  Nodes:      ${plain.join(', ')}${plain.length < ours.length ? ' (+ their AI-tool variants)' : ''}`);
    info(`  Emulator:   ${emulator.url}  (${Object.entries(emulator.providerUrls).map(([k, v]) => `${k}: ${v}`).join(', ') || 'no providers announced'})`);
    for (const c of ex.cases) info(`  Example:    ${c.workflow.name} → ${editor}workflow/${c.workflow.id}`);
    info(`  Data:       ${demoDir}  (n8n log: ${logFile})`);
    info(`  Started in ${fmtMs(Date.now() - t0)}`);

    if (check) {
      let failures = 0;
      const ok = (cond, what) => { info(`${cond ? 'ok' : 'not ok'} - ${what}`); if (!cond) failures += 1; };
      const page = await httpJson('GET', editor);
      ok(page.status === 200 && /<html/i.test(String(page.body)), `editor ${editor} answers with the n8n app (HTTP ${page.status})`);
      ok(ours.length > 0, `node types loaded: ${ours.join(', ')}`);
      const usedCredTypes = [...new Set(ex.providers.flatMap((p) => p.credentials.map((cr) => cr.type)))];
      const missingCreds = usedCredTypes.filter((t) => !credTypes.includes(t));
      ok(missingCreds.length === 0, `credential types of the demo credentials are loaded (${usedCredTypes.join(', ') || 'none'})${missingCreds.length ? `; missing: ${missingCreds.join(', ')}` : ''}`);
      for (const c of ex.cases) {
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
      for (const line of timings.lines()) info(`# time ${line}`);
      info(`start --check: ${failures === 0 ? 'all good' : `${failures} problem(s)`}`);
      await stopAll();
      process.exitCode = failures === 0 ? 0 : 1;
      return;
    }

    info('');
    info('Press Ctrl-C to stop n8n and the emulator.');
    await new Promise((resolve) => {
      const onSignal = () => { stopping = true; resolve('signal'); };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      server.child.once('exit', (code, signal) => {
        if (!stopping) step(`n8n exited unexpectedly (${code ?? signal}); see ${logFile}`);
        process.exitCode = 1;
        resolve('n8n-exit');
      });
      emulator.child.once('exit', (code, signal) => {
        if (!stopping) step(`the emulator exited unexpectedly (${code ?? signal}); see ${emulatorLog}`);
        process.exitCode = 1;
        resolve('emulator-exit');
      });
    });
    step('stopping n8n and the emulator…');
    await stopAll();
    step('stopped');
  } catch (e) {
    await stopAll();
    throw e;
  }
}

(preflight ? demoPorts() : main()).catch((e) => {
  process.stderr.write(`\n[start] failed: ${e.message}\n`);
  process.exitCode = 1;
});
