'use strict';
// Everything about driving a real n8n (installed by scripts/install-n8n.sh) from Node:
// environment, CLI imports and executions, `n8n start` as a child process, and the REST calls
// the editor itself makes (owner setup, login, manual run, execution lookup).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { REPO_ROOT, run, sleep, httpJson } = require('./util');

const CACHE_DIR = process.env.EVENT_PAYMENTS_CACHE
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-event-payments');

/**
 * Returns { nodeBin, n8nBin }: from NODE_BIN/N8N_BIN if the calling shell script already ran
 * install-n8n.sh, otherwise runs it (progress goes to our stderr).
 */
function ensureN8n() {
  let { NODE_BIN: nodeBin, N8N_BIN: n8nBin } = process.env;
  // An N8N_BIN given without NODE_BIN (scripts/test.sh passes only N8N_BIN for the 1.x pass) is kept:
  // install-n8n.sh is then asked for Node only, and its default n8n must not replace the one given.
  const givenN8n = n8nBin && fs.existsSync(n8nBin) ? n8nBin : undefined;
  if (!nodeBin || !n8nBin || !fs.existsSync(nodeBin) || !fs.existsSync(n8nBin)) {
    const res = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-n8n.sh')], {
      stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8',
    });
    if (res.status !== 0) throw new Error(`scripts/install-n8n.sh failed (exit ${res.status})`);
    for (const line of res.stdout.split('\n')) {
      const m = line.match(/^(NODE_BIN|N8N_BIN)=(.*)$/);
      if (m && m[1] === 'NODE_BIN') nodeBin = m[2];
      if (m && m[1] === 'N8N_BIN') n8nBin = givenN8n || m[2];
    }
  }
  if (!nodeBin || !n8nBin) throw new Error('could not locate Node 24 and n8n (install-n8n.sh printed no NODE_BIN/N8N_BIN)');
  return { nodeBin, n8nBin };
}

/** n8n's installation directory (…/node_modules/n8n) from its bin path. */
function n8nPackageDir(n8nBin) {
  return path.resolve(path.dirname(n8nBin), '..');
}

/** The version of the n8n at n8nBin ('' if unknown). */
function n8nVersion(n8nBin) {
  try {
    return JSON.parse(fs.readFileSync(path.join(n8nPackageDir(n8nBin), 'package.json'), 'utf8')).version || '';
  } catch {
    return '';
  }
}

/**
 * Environment for every n8n process: quiet, offline-friendly, loopback only, Node 24 first on PATH.
 * `userFolder` becomes N8N_USER_FOLDER (n8n keeps its data in <userFolder>/.n8n).
 */
function n8nEnv({ nodeBin, userFolder, port, brokerPort, extra = {} }) {
  const env = { ...process.env };
  // Never let a caller's n8n settings leak into the throwaway instance.
  for (const k of Object.keys(env)) {
    if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$)/.test(k)) delete env[k];
  }
  const noProxy = ['127.0.0.1', 'localhost', '::1', env.NO_PROXY || env.no_proxy].filter(Boolean).join(',');
  Object.assign(env, {
    PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    N8N_USER_FOLDER: userFolder,
    N8N_PORT: String(port || 5678),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: 'localhost',
    N8N_PROTOCOL: 'http',
    N8N_RUNNERS_BROKER_PORT: String(brokerPort || (port ? port + 1 : 5679)),
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    N8N_RUNNERS_TASK_TIMEOUT: '300',
    // Telemetry, banners, update checks and other calls to n8n's servers: off (no internet here).
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_DYNAMIC_BANNERS_ENABLED: 'false',
    N8N_AI_ENABLED: 'false',
    // Community packages: on (the default), and be explicit about unverified ones (deprecation notice).
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    DB_TYPE: 'sqlite',
    DB_SQLITE_POOL_SIZE: '2',
    EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
    N8N_LOG_LEVEL: 'info',
    NODE_ENV: 'production',
  }, extra);
  return env;
}

/** Runs `n8n <args>`; output goes to logFile. Throws with the reason when it fails. */
async function n8nCli(ctx, args, { expect, timeoutMs = 180000, label } = {}) {
  const res = await run(ctx.nodeBin, [ctx.n8nBin, ...args], {
    env: ctx.env, logFile: ctx.logFile, timeoutMs, label: label || `n8n ${args[0]}`,
  });
  const out = `${res.stdout}\n${res.stderr}`;
  if (res.code !== 0 || (expect && !expect.test(out))) {
    const why = res.timedOut ? 'timed out' : `exit ${res.code}`;
    const hint = out.split('\n').filter((l) => /error|fail|invalid|not /i.test(l)).slice(-5).join(' | ');
    throw new Error(`n8n ${args.join(' ')} failed (${why})${hint ? `: ${hint}` : ''}`);
  }
  return res;
}

async function importCredentials(ctx, file) {
  return n8nCli(ctx, ['import:credentials', `--input=${file}`], { expect: /Successfully imported \d+ credential/ });
}

/** `extraArgs`: e.g. ['--activeState=fromJson'] (queue mode only) to keep the JSON's `active`. */
async function importWorkflows(ctx, file, extraArgs = []) {
  return n8nCli(ctx, ['import:workflow', `--input=${file}`, ...extraArgs], { expect: /Successfully imported \d+ workflow/ });
}

/**
 * Pulls the execution JSON that `n8n execute --rawOutput` prints after n8n's own log lines
 * (also on failure, where n8n logs the run before its error message).
 */
function extractRunJson(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === '{');
  if (start < 0) return null;
  for (let end = lines.length - 1; end > start; end--) {
    if (lines[end] !== '}') continue;
    try { return JSON.parse(lines.slice(start, end + 1).join('\n')); } catch { /* try an earlier "}" */ }
  }
  return null;
}

/** `n8n execute --id <id> --rawOutput` → the run ({ data: { resultData } , status, … }). */
async function executeCli(ctx, workflowId, { timeoutMs = 120000 } = {}) {
  const res = await run(ctx.nodeBin, [ctx.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
    env: ctx.env, logFile: ctx.logFile, timeoutMs, label: `n8n execute ${workflowId}`, stdoutToFile: true,
  });
  const runJson = extractRunJson(res.stdout) || extractRunJson(`${res.stdout}\n${res.stderr}`);
  if (!runJson) {
    const hint = `${res.stdout}\n${res.stderr}`.split('\n').map((l) => l.trim())
      .filter((l) => /error|unrecognized|not found|failed/i.test(l) && !/^at /.test(l))
      .map((l) => l.replace(/^(Error|UserError|UnexpectedError): /, '')).filter((l, i, a) => a.indexOf(l) === i).slice(-3).join(' | ');
    throw new Error(`n8n execute --id=${workflowId} printed no execution data (${res.timedOut ? 'timed out' : `exit ${res.code}`})${hint ? `: ${hint}` : ''}`);
  }
  return runJson;
}

/** A running `n8n start` child process plus a logged-in REST session. */
class N8nServer {
  /**
   * `command` is the n8n sub-command and its flags (default ['start']; queue mode also uses
   * ['worker', '--concurrency=2'] and ['webhook']). `healthPort` is where /healthz/readiness answers
   * (default N8N_PORT; a worker answers on QUEUE_HEALTH_CHECK_PORT instead).
   */
  constructor(ctx, { command = ['start'], healthPort } = {}) {
    this.ctx = ctx;
    this.command = command;
    this.port = Number(ctx.env.N8N_PORT);
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    this.healthUrl = `http://127.0.0.1:${healthPort || this.port}/healthz/readiness`;
    this.child = null;
    this.cookie = '';
    this.exited = null;
  }

  /** Spawns `n8n <command>` (default `n8n start`; output → log file) and waits for /healthz/readiness. */
  async start({ timeoutMs = 120000 } = {}) {
    const name = this.command.join(' ');
    const log = fs.openSync(this.ctx.logFile, 'a');
    fs.writeSync(log, `\n===== n8n ${name} on port ${this.port} (${new Date().toISOString()})\n`);
    this.child = spawn(this.ctx.nodeBin, [this.ctx.n8nBin, ...this.command], {
      env: this.ctx.env, stdio: ['ignore', log, log], detached: false,
    });
    fs.closeSync(log);
    this.exited = null;
    const child = this.child;
    child.once('exit', (code, signal) => { if (this.child === child) this.exited = { code, signal }; });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`n8n ${name} exited early (${this.exited.code ?? this.exited.signal})`);
      try {
        const r = await httpJson('GET', this.healthUrl, { timeoutMs: 2000 });
        if (r.status === 200) return;
      } catch { /* not listening yet */ }
      await sleep(200);
    }
    throw new Error(`n8n ${name} did not become ready within ${timeoutMs / 1000} s`);
  }

  /**
   * Waits until the REST API answers: n8n 1.x reports ready before it mounts its REST routes (404 or 503
   * for a moment, longer on a loaded machine).
   */
  async waitForRest({ timeoutMs = 120000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.request('GET', '/rest/settings');
      if (r.status === 200) return;
      if (![404, 503].includes(r.status) || Date.now() > deadline) throw new Error(`GET /rest/settings answered ${r.status}`);
      await sleep(250);
    }
  }

  /**
   * Stops n8n and starts it again on the same user folder, database and port (active workflows are
   * activated again at start-up, as after a real restart), then waits for the REST API and logs in again.
   * `whileDown()` runs while n8n is stopped (e.g. to change the world a poller must catch up with).
   */
  async restart({ whileDown } = {}) {
    await this.stop();
    if (whileDown) await whileDown();
    await this.start();
    await this.waitForRest();
    if (this.owner) await this.login(this.owner.email, this.owner.password);
  }

  /** Stops the server: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10000) {
    const child = this.child;
    if (!child || this.exited) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => { if (!this.exited) child.kill('SIGKILL'); }, graceMs);
    await done;
    clearTimeout(t);
  }

  async request(method, p, body, { timeoutMs = 30000 } = {}) {
    if (this.exited) throw new Error(`n8n exited (${this.exited.code ?? this.exited.signal}) — see the n8n log`);
    const headers = { 'browser-id': 'n8n-nodes-event-payments-scripts' };
    if (this.cookie) headers.cookie = this.cookie;
    // A loaded machine (2 cores, n8n busy with its start-up work) can drop a connection: reads are
    // repeated twice before giving up; writes never are.
    let res;
    for (let attempt = 1; ; attempt++) {
      try {
        res = await httpJson(method, `${this.baseUrl}${p}`, { body, headers, timeoutMs });
        break;
      } catch (e) {
        if (!e.network || method !== 'GET' || attempt >= 3 || this.exited) throw e;
        await sleep(1000);
      }
    }
    const setCookies = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
    for (const c of setCookies) {
      const m = c.match(/^n8n-auth=([^;]*)/);
      if (m) this.cookie = `n8n-auth=${m[1]}`;
    }
    return res;
  }

  /** Creates the owner account if the instance has none yet, then logs in. Returns 'created' | 'existing'. */
  async ensureOwner({ email, password, firstName = 'Demo', lastName = 'User' }) {
    this.owner = { email, password };
    const settings = await this.request('GET', '/rest/settings');
    const needsSetup = settings.body?.data?.userManagement?.showSetupOnFirstLoad === true;
    if (needsSetup) {
      const r = await this.request('POST', '/rest/owner/setup', { email, password, firstName, lastName });
      if (r.status !== 200) throw new Error(`POST /rest/owner/setup → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      if (!this.cookie) await this.login(email, password);
      return 'created';
    }
    await this.login(email, password);
    return 'existing';
  }

  async login(email, password) {
    const r = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
    if (r.status !== 200) throw new Error(`POST /rest/login as ${email} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
  }

  /** Node types the server knows (what the editor loads from /types/nodes.json). */
  async nodeTypes() {
    const r = await this.request('GET', '/types/nodes.json');
    if (r.status !== 200 || !Array.isArray(r.body)) throw new Error(`GET /types/nodes.json → ${r.status}`);
    return r.body;
  }

  async credentialTypes() {
    const r = await this.request('GET', '/types/credentials.json');
    if (r.status !== 200 || !Array.isArray(r.body)) throw new Error(`GET /types/credentials.json → ${r.status}`);
    return r.body;
  }

  /**
   * Starts an imported workflow the way the editor's "Execute workflow" button does
   * (POST /rest/workflows/:id/run from its Manual Trigger); returns the execution ID.
   */
  async startRun(workflowId, triggerName) {
    // n8n 1.x runs the `workflowData` of the body (the editor sends its copy); 2.x reads the saved workflow
    // and ignores it.
    const saved = await this.request('GET', `/rest/workflows/${encodeURIComponent(workflowId)}`);
    const r = await this.request('POST', `/rest/workflows/${encodeURIComponent(workflowId)}/run`, {
      workflowData: saved.body?.data,
      triggerToStartFrom: { name: triggerName },
    });
    const executionId = r.body?.data?.executionId;
    if (r.status !== 200 || !executionId) {
      throw new Error(`POST /rest/workflows/${workflowId}/run → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    return String(executionId);
  }

  /**
   * Runs an imported workflow (startRun) and waits for the saved execution.
   * Returns the run in the same shape as `n8n execute --rawOutput` ({ status, data: { resultData } }).
   */
  async runWorkflow(workflowId, triggerName, { timeoutMs = 120000 } = {}) {
    const executionId = await this.startRun(workflowId, triggerName);
    const deadline = Date.now() + timeoutMs;
    let delay = 50;
    while (Date.now() < deadline) {
      await sleep(delay);
      delay = Math.min(delay * 2, 500);
      // A finished execution's data can be large (the bench's 50,000 items): more time to send it.
      const e = await this.request('GET', `/rest/executions/${executionId}`, undefined, { timeoutMs: 300000 });
      const ex = e.body?.data;
      if (e.status !== 200 || !ex) continue;
      if (['new', 'running', 'waiting'].includes(ex.status) || !ex.stoppedAt) continue;
      const data = typeof ex.data === 'string' ? this.ctx.flatted.parse(ex.data) : ex.data;
      return { ...ex, data };
    }
    throw new Error(`execution ${executionId} of workflow ${workflowId} did not finish within ${timeoutMs / 1000} s`);
  }
}

/** Loads n8n's own copy of `flatted` (the format of stored execution data). */
function loadFlatted(n8nBin) {
  const dir = n8nPackageDir(n8nBin);
  return require(require.resolve('flatted', { paths: [dir, path.resolve(dir, '..', '..')] }));
}

/** Backend modules the e2e run does not need (AI, chat, insights, registries…); off for a faster start. */
const E2E_DISABLED_MODULES = [
  'mcp-registry', 'insights', 'chat-hub', 'agents', 'agent-evals', 'instance-ai', 'workflow-builder',
  'mcp', 'instance-registry', 'instance-version-history', 'promotions', 'workflow-reviews', 'quick-connect',
].join(',');

/**
 * The backend module names this n8n knows (N8N_DISABLED_MODULES with an unknown name makes n8n refuse
 * to start, and the list differs between versions). Read from @n8n/backend-common's source text.
 */
function knownModules(n8nBin) {
  try {
    const dir = path.dirname(require.resolve('@n8n/backend-common/package.json', { paths: [n8nPackageDir(n8nBin)] }));
    const src = fs.readFileSync(path.join(dir, 'dist', 'modules', 'modules.config.js'), 'utf8');
    const m = src.match(/MODULE_NAMES\s*=\s*\[([^\]]*)\]/);
    return m ? [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]) : [];
  } catch {
    return [];
  }
}

/** Keeps only the module names this n8n knows, as a comma-separated list. */
function disabledModules(n8nBin, wanted) {
  const known = new Set(knownModules(n8nBin));
  return String(wanted || '').split(',').map((x) => x.trim()).filter((x) => x && known.has(x)).join(',');
}

module.exports = {
  E2E_DISABLED_MODULES, disabledModules, CACHE_DIR, ensureN8n, n8nEnv, n8nPackageDir, n8nVersion, n8nCli, importCredentials, importWorkflows,
  executeCli, extractRunJson, N8nServer, loadFlatted,
};
