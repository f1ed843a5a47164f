'use strict';
// Small helpers shared by the scripts (no dependencies).
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Asks the kernel for a free loopback TCP port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * n distinct free loopback ports: n listeners opened together, then closed (ports asked for one after
 * another can come back twice: a worker once failed with "Task Broker's port … is already in use").
 */
async function freePorts(n) {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  })));
  const ports = servers.map((srv) => srv.address().port);
  await Promise.all(servers.map((srv) => new Promise((r) => srv.close(r))));
  return ports;
}

/** Resolves true if something accepts TCP connections on 127.0.0.1:port. */
function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds → "1.23 s" / "456 ms". */
function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Records named durations; `timer.time(name, fn)` measures an async step. */
class Timings {
  constructor() { this.entries = []; }
  async time(name, fn) {
    const t = Date.now();
    try { return await fn(); } finally { this.entries.push([name, Date.now() - t]); }
  }
  add(name, ms) { this.entries.push([name, ms]); }
  lines() { return this.entries.map(([n, ms]) => `${n}: ${fmtMs(ms)}`); }
}

/** Commands run() started that have not ended (stopRunning() ends them: Ctrl-C during an import). */
const running = new Set();

/** SIGKILLs every command run() started that is still running; resolves when they are gone. */
function stopRunning() {
  return Promise.all([...running].map((c) => new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) { resolve(); return; }
    c.once('close', resolve);
    c.kill('SIGKILL');
  })));
}

/**
 * Runs a command, appending its stdout+stderr to `logFile` (nothing reaches our stdout).
 * Resolves { code, signal, stdout, stderr } (captured text, for parsing). Rejects only on spawn failure.
 * `stdoutToFile`: the child writes its stdout to a temporary file instead of a pipe. A Node program
 * that calls process.exit() right after printing a large result (n8n 1.x `execute --rawOutput`)
 * loses the end of it on a pipe, where Node writes asynchronously; on a file it writes synchronously.
 */
function run(cmd, args, { cwd, env, logFile, timeoutMs, label, stdoutToFile = false } = {}) {
  return new Promise((resolve, reject) => {
    const log = logFile ? fs.openSync(logFile, 'a') : null;
    if (log !== null) fs.writeSync(log, `\n===== ${label || ''} $ ${cmd} ${args.join(' ')}  (${new Date().toISOString()})\n`);
    const outFile = stdoutToFile ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'run-')), 'stdout') : null;
    const outFd = outFile ? fs.openSync(outFile, 'w') : null;
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', outFd === null ? 'pipe' : outFd, 'pipe'] });
    running.add(child);
    child.once('close', () => running.delete(child));
    if (outFd !== null) fs.closeSync(outFd);
    let stdout = '';
    let stderr = '';
    if (child.stdout) child.stdout.on('data', (d) => { stdout += d; if (log !== null) fs.writeSync(log, d); });
    child.stderr.on('data', (d) => { stderr += d; if (log !== null) fs.writeSync(log, d); });
    let timer = null;
    let timedOut = false;
    if (timeoutMs) {
      timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    }
    child.once('error', (err) => { running.delete(child); if (timer) clearTimeout(timer); if (log !== null) fs.closeSync(log); reject(err); });
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (outFile) {
        stdout = fs.readFileSync(outFile, 'utf8');
        fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
        if (log !== null) fs.writeSync(log, stdout);
      }
      if (log !== null) {
        fs.writeSync(log, `\n===== exit ${code === null ? signal : code}${timedOut ? ' (timed out)' : ''}\n`);
        fs.closeSync(log);
      }
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** Last `n` lines of a text file ('' if missing). */
function tail(file, n = 40) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines.slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** Replaces {{NAME}} placeholders (only names present in `vars`) throughout a JSON-able value. */
function substitute(value, vars) {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*([A-Z][A-Z0-9_]*)\s*\}\}/g, (m, name) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, vars);
    return out;
  }
  return value;
}

/** Simple JSON HTTP call with fetch; returns { status, headers, body(parsed or text) }. */
async function httpJson(method, url, { body, headers = {}, timeoutMs = 15000 } = {}) {
  let res;
  let text;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    // fetch's own message is just "fetch failed"; the reason is in its cause.
    const cause = e.cause ? ` (${[e.cause.code, e.cause.message].filter(Boolean).join(': ')})` : '';
    const err = new Error(`${method} ${url}: ${e.message}${cause}`);
    err.network = true;
    throw err;
  }
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* keep text */ }
  return { status: res.status, headers: res.headers, body: parsed };
}

module.exports = { REPO_ROOT, freePort, freePorts, portInUse, sleep, fmtMs, Timings, run, running, stopRunning, tail, substitute, httpJson };
