'use strict';
// The one bring-up of a real n8n with this package, used by scripts/e2e.js, ui.js, queue.js, start.js,
// dev.js and bench/run.js:
//   locate Node 24 + n8n → (npm run build) → npm pack → install the tarball into each n8n user folder the
//   way n8n installs community packages → emulator → credentials + workflows (n8n import:* before the
//   start, or REST after it) → `n8n start` (+ queue workers, a webhook processor, PostgreSQL and Redis:
//   scripts/lib/cluster.js) → owner account.
// stop() tears it all down (n8n processes first, then the emulator and services); trapSignals() makes
// Ctrl-C and SIGTERM do the same, and process exit kills whatever child is still running.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO_ROOT, freePorts, Timings, running, stopRunning } = require('./util');
const n8n = require('./n8n');
const pkg = require('./package');
const { startEmulatorProcess } = require('./emulator');
const { baseVars } = require('./cases');

const live = new Set();
process.on('exit', () => {
  for (const s of live) s.killNow();
  for (const c of running) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
});

class Stack {
  /**
   * `name` names the temp dir (n8n-<name>-…); `logFile` (setup steps and n8n) defaults to n8n.log, a
   * relative path being inside the temp dir;
   * `keep` keeps the temp dir on success too; `note` prints a progress line.
   */
  constructor({ name = 'stack', timings = new Timings(), keep = false, logFile, note = () => {} } = {}) {
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-${name}-`));
    this.logFile = path.resolve(this.tmp, logFile || 'n8n.log');
    fs.writeFileSync(this.logFile, '');
    Object.assign(this, { name, timings, keep, note });
    this.waves = { first: [], last: [] };
    this.children = [];
    this.dropOnKeep = [];
    this.stopping = null;
    live.add(this);
  }

  /** Node 24 and n8n (install-n8n.sh, or NODE_BIN/N8N_BIN); PATH for npm gets that Node first. */
  async locate() {
    const { nodeBin, n8nBin } = await this.timings.time('locate/install n8n', async () => n8n.ensureN8n());
    Object.assign(this, { nodeBin, n8nBin, n8nVersion: n8n.n8nVersion(n8nBin) });
    this.npmEnv = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` };
    this.flatted = n8n.loadFlatted(n8nBin);
    return this;
  }

  /**
   * Builds (unless skipBuild), packs and installs the package into every user folder; `install({ tmp,
   * userFolder, env, logFile, timings })` replaces build + pack + install (bench's snapshot build).
   */
  async installPackage({ userFolders, packageDir = REPO_ROOT, skipBuild = true, install, mode } = {}) {
    const { timings, npmEnv: env, logFile } = this;
    if (install) {
      this.installed = await install({ tmp: this.tmp, userFolder: userFolders[0], env, logFile, timings });
      return this.installed;
    }
    if (!skipBuild) await timings.time('npm run build', () => pkg.build(packageDir, { env, logFile }));
    const packed = await timings.time('npm pack', () => pkg.pack(packageDir, path.join(this.tmp, 'pack'), { env, logFile }));
    const label = userFolders.length > 1 ? `install the tarball into ${userFolders.length} user folders` : 'install tarball into <user>/.n8n/nodes';
    const all = await timings.time(label, () => Promise.all(userFolders.map((u) => pkg.installIntoUserFolder(packed.tarball, u, { env, logFile, mode }))));
    this.installed = { ...all[0], files: packed.files };
    fs.rmSync(path.join(this.tmp, 'pack'), { recursive: true, force: true });
    return this.installed;
  }

  /** The provider emulator on `port` (default: a free one); sets this.emulator and this.vars. */
  async startEmulator({ port, logFile = path.join(this.tmp, 'emulator.log') } = {}) {
    const emulator = await this.timings.time('start emulator', async () =>
      startEmulatorProcess({ port: port || (await freePorts(1))[0], nodeBin: this.nodeBin, logFile }));
    this.track(emulator, 'last');
    this.emulator = emulator;
    this.vars = baseVars(emulator);
    return emulator;
  }

  /** What every n8n process of this stack runs with (see n8n.n8nEnv); `extra` wins. */
  n8nCtx({ userFolder, port, brokerPort, logFile = this.logFile, disabledModules = n8n.E2E_DISABLED_MODULES, extra = {} }) {
    const env = n8n.n8nEnv({
      nodeBin: this.nodeBin, userFolder, port, brokerPort,
      extra: { N8N_DISABLED_MODULES: n8n.disabledModules(this.n8nBin, disabledModules), ...extra },
    });
    return { nodeBin: this.nodeBin, n8nBin: this.n8nBin, logFile, env, flatted: this.flatted };
  }

  /** `n8n import:credentials` and `n8n import:workflow` (ids kept as given), before n8n starts. */
  async importCli(ctx, { credentials = [], workflows = [], workflowArgs = [], credentialsLabel } = {}) {
    const dir = fs.mkdtempSync(path.join(this.tmp, 'import-'));
    try {
      if (credentials.length) {
        fs.writeFileSync(path.join(dir, 'credentials.json'), JSON.stringify(credentials, null, 2));
        await this.timings.time(credentialsLabel || `n8n import:credentials (${credentials.length})`, () => n8n.importCredentials(ctx, path.join(dir, 'credentials.json')));
      }
      if (workflows.length) {
        fs.writeFileSync(path.join(dir, 'workflows.json'), JSON.stringify(workflows, null, 2));
        await this.timings.time(`n8n import:workflow (${workflows.length})`, () => n8n.importWorkflows(ctx, path.join(dir, 'workflows.json'), workflowArgs));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * Starts `n8n <command>` (default `start`) until ready; with `owner`, waits for the REST API, creates the
   * owner if there is none and logs in. Sets this.server for the first `n8n start`.
   */
  async startServer(ctx, { command, healthPort, timeoutMs, owner, label, stopGraceMs = 10000 } = {}) {
    const server = new n8n.N8nServer(ctx, { command, healthPort });
    this.track(server, 'first', (s) => s.stop(stopGraceMs));
    if (!this.server && (!command || command[0] === 'start')) this.server = server;
    await this.timings.time(label || 'n8n start (until ready)', async () => { await server.start({ timeoutMs }); if (owner) await server.waitForRest(); });
    if (owner) {
      this.owner = owner;
      this.ownerState = await this.timings.time('owner setup + login', () => server.ensureOwner(owner));
    }
    return server;
  }

  /** Creates credentials and workflows through the REST API of the running n8n (see importOverRest). */
  importRest(server, credentials, workflows, opts) {
    return this.timings.time('import credentials and workflows (REST)', () => importOverRest(server, credentials, workflows, opts));
  }

  /** Registers something with stop() (and, when it has a child process, with the exit-time kill). */
  track(thing, wave = 'last', stop = (t) => t.stop()) {
    this.waves[wave].push(() => stop(thing));
    this.children.push(thing);
    return thing;
  }

  /** Stops everything: the n8n processes at once, then the emulator and services at once. Idempotent. */
  stop() {
    if (!this.stopping) {
      const wave = (fns) => Promise.all(fns.map((f) => Promise.resolve().then(f).catch((e) => process.stderr.write(`cleanup: ${e.message}\n`))));
      // Commands still running (an `n8n import:*`, npm) go first: they write into the temp dir.
      this.stopping = stopRunning().then(() => wave(this.waves.first)).then(() => wave(this.waves.last)).finally(() => live.delete(this));
    }
    return this.stopping;
  }

  /** Removes the temp dir unless `keep`; kept, it loses `drop` (default this.dropOnKeep). True if kept. */
  removeTemp({ keep = this.keep, drop = this.dropOnKeep } = {}) {
    if (!keep) { fs.rmSync(this.tmp, { recursive: true, force: true }); return false; }
    for (const d of drop) fs.rmSync(path.join(this.tmp, d), { recursive: true, force: true });
    return true;
  }

  /** Exit-time last resort: SIGKILL every child still running (synchronous). */
  killNow() {
    for (const t of this.children) {
      const child = t.child || (t.server && t.server.child);
      if (child && child.exitCode === null && child.signalCode === null) { try { child.kill('SIGKILL'); } catch { /* gone */ } }
      if (typeof t.killNow === 'function') t.killNow();
    }
  }

  /**
   * Ctrl-C / SIGTERM: says so on stderr, runs `onInterrupt()` (e.g. print the count line), stops
   * everything, removes the temp dir (unless kept) and exits 130.
   */
  trapSignals({ label = this.name, what = 'n8n and the emulator', onInterrupt = () => {} } = {}) {
    let interrupted = false;
    const onSignal = (sig) => {
      if (interrupted) return;
      interrupted = true;
      this.interrupted = true;
      process.stderr.write(`\n${label}: interrupted by ${sig}, stopping ${what}\n`);
      this.stop().then(() => onInterrupt()).catch(() => {}).finally(() => {
        this.removeTemp();
        process.exit(130);
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
}

/**
 * The common single-n8n stack (in `stack` when given, else a new Stack): locate, package into <tmp>/user (or `userFolder`), emulator, then
 * `content({ emulator, vars, stack })` → { credentials, workflows } imported through `importVia`
 * ('cli' before the start, ids kept; 'rest' after it, n8n's ids written back into the objects; 'rest-keep-ids':
 * the same, but each workflow keeps its own id, saving the two n8n boots of 'cli'), then
 * `n8n start` and the owner. `start: false` stops after the import (e2e's cli engine starts no server).
 */
async function startStack({
  stack: given, name = 'stack', timings, note, keep, logFile, onLocated = () => {}, onInstalled = () => {},
  packageDir, skipBuild = true, install, installMode, userFolder,
  emulatorPort, emulatorLog, content = async () => ({}), importVia = 'cli',
  port, brokerPort, disabledModules, env = {}, start = true, owner, startTimeoutMs,
} = {}) {
  const stack = given || new Stack({ name, timings, keep, logFile, note });
  try {
    onLocated(await stack.locate());
    stack.userFolder = userFolder || path.join(stack.tmp, 'user');
    onInstalled(await stack.installPackage({ userFolders: [stack.userFolder], packageDir, skipBuild, install, mode: installMode }));
    await stack.startEmulator({ port: emulatorPort, logFile: emulatorLog });
    const { credentials = [], workflows = [] } = (await content({ emulator: stack.emulator, vars: stack.vars, stack })) || {};
    Object.assign(stack, { credentials, workflows });
    const [p, b] = port ? [port, brokerPort || port + 1] : await freePorts(2);
    stack.ctx = stack.n8nCtx({ userFolder: stack.userFolder, port: p, brokerPort: b, disabledModules, extra: env });
    if (importVia === 'cli') await stack.importCli(stack.ctx, { credentials, workflows });
    if (!start) return stack;
    await stack.startServer(stack.ctx, { owner, timeoutMs: startTimeoutMs });
    stack.baseUrl = stack.server.baseUrl;
    if (importVia.startsWith('rest')) await stack.importRest(stack.server, credentials, workflows, { keepIds: importVia === 'rest-keep-ids' });
    return stack;
  } catch (e) {
    await stack.stop();
    e.tmp = stack.tmp;
    e.logFile = stack.logFile;
    throw e;
  }
}

/**
 * Credentials and workflows through the REST API of a running n8n (each `n8n import:*` boots n8n once
 * more: 20-40 s on a loaded machine). Ids are n8n's own: each object gets its new `.id` (a workflow keeps
 * its own as `.sourceId`), and workflows' credential references follow.
 */
async function importOverRest(server, credentials, workflows, { keepIds = false } = {}) {
  const credIds = new Map();
  for (const c of credentials) {
    const r = await server.request('POST', '/rest/credentials', { name: c.name, type: c.type, data: c.data });
    const id = r.body && r.body.data && r.body.data.id;
    if (r.status !== 200 || !id) throw new Error(`POST /rest/credentials (${c.name}) → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    credIds.set(String(c.id), id);
    c.id = id;
  }
  for (const w of workflows) {
    const nodes = w.nodes.map((node) => ({
      ...node,
      ...(node.credentials ? {
        credentials: Object.fromEntries(Object.entries(node.credentials).map(([type, ref]) =>
          [type, ref && ref.id && credIds.has(String(ref.id)) ? { ...ref, id: credIds.get(String(ref.id)) } : ref])),
      } : {}),
    }));
    const body = { ...(keepIds ? { id: w.id } : {}), name: w.name, nodes, connections: w.connections, settings: w.settings || {}, pinData: w.pinData || {}, active: false };
    const r = await server.request('POST', '/rest/workflows', body);
    const id = r.body && r.body.data && r.body.data.id;
    if (r.status !== 200 || !id) throw new Error(`POST /rest/workflows (${w.name}) → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    if (keepIds && id !== w.id) throw new Error(`POST /rest/workflows (${w.name}) saved it as ${id}, not as its own id ${w.id}`);
    w.sourceId = w.id;
    w.id = id;
    w.nodes = nodes;
  }
}

module.exports = { Stack, startStack, importOverRest };
