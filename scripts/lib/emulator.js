'use strict';
// Starts the provider emulator (emulators/server.js) as a child process and talks to its
// control API. The same client object is handed to every e2e case's check() as `emulator`.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { REPO_ROOT, sleep, httpJson } = require('./util');

class EmulatorClient {
  /** @param {string} url root URL of the emulator, e.g. http://127.0.0.1:4010 */
  constructor(url) {
    this.url = url.replace(/\/+$/, '');
  }

  /** Base URL of one provider's API, e.g. providerUrl('vivenu') → http://127.0.0.1:4010/vivenu/api */
  providerUrl(provider) { return `${this.url}/${provider}/api`; }

  async control(method, p, body) {
    const r = await httpJson(method, `${this.url}${p}`, { body });
    if (r.status >= 300) throw new Error(`emulator ${method} ${p} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  }

  /** Re-seeds every provider's data ({seed, size} optional) — deterministic for a given seed. */
  async reset(opts = {}) { return this.control('POST', '/_emulator/reset', opts); }

  /** Requests the emulator received (optionally only one provider's), oldest first. */
  async requests(provider) {
    const q = provider ? `?provider=${encodeURIComponent(provider)}` : '';
    const body = await this.control('GET', `/_emulator/requests${q}`);
    return Array.isArray(body) ? body : (body && body.requests) || [];
  }

  async clearRequests() { return this.control('DELETE', '/_emulator/requests'); }

  /** The provider's current data (whatever the emulator exposes for it). */
  async state(provider) {
    return this.control('GET', `/_emulator/state?provider=${encodeURIComponent(provider)}`);
  }

  /** Resolves once the control API answers. */
  async waitReady(timeoutMs = 20000, isAlive = () => true) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      if (!isAlive()) throw new Error('emulator process exited during start-up');
      try {
        const r = await httpJson('GET', `${this.url}/_emulator/requests`, { timeoutMs: 1000 });
        if (r.status === 200) return;
        last = `HTTP ${r.status}`;
      } catch (e) { last = e.message; }
      await sleep(100);
    }
    throw new Error(`emulator at ${this.url} not ready after ${timeoutMs} ms (${last})`);
  }
}

/**
 * The client handed to cases: the emulator's own EmulatorClient (emulators/client.js: reset, requests,
 * state, fault, rateLimit, …) when it exists, else the minimal one above; both get providerUrl().
 */
function makeClient(url, emulatorDir) {
  let client;
  try {
    const mod = require(path.join(emulatorDir, 'client.js'));
    if (typeof mod.EmulatorClient === 'function') client = new mod.EmulatorClient(url);
  } catch { /* fall back */ }
  if (!client) return new EmulatorClient(url);
  if (typeof client.providerUrl !== 'function') client.providerUrl = (provider) => `${client.url || url}/${provider}/api`;
  if (!client.url) client.url = url;
  return client;
}

/**
 * Spawns `node emulators/server.js --port <port>` (output → logFile) and waits until it answers.
 * Returns { client, url, port, stop() }.
 */
async function startEmulatorProcess({ port, nodeBin = process.execPath, logFile, emulatorDir = process.env.E2E_EMULATOR_DIR || path.join(REPO_ROOT, 'emulators'), env = process.env }) {
  const serverJs = path.join(emulatorDir, 'server.js');
  if (!fs.existsSync(serverJs)) throw new Error(`emulator not found: ${serverJs}`);
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  if (logFile) fs.writeSync(out, `\n===== emulator on port ${port} (${new Date().toISOString()})\n`);
  const child = spawn(nodeBin, [serverJs, '--port', String(port)], {
    env: { ...env, EMULATOR_PORT: String(port) }, stdio: ['ignore', out, out],
  });
  if (logFile) fs.closeSync(out);
  let exited = false;
  child.once('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}`;
  try {
    await new EmulatorClient(url).waitReady(20000, () => !exited);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const client = makeClient(url, emulatorDir);
  // Each provider's base URL as the emulator announces it (GET /_emulator/), e.g. vivenu → …/vivenu/api.
  const providerUrls = {};
  try {
    const info = await httpJson('GET', `${url}/_emulator/`);
    for (const p of (info.body && info.body.providers) || []) if (p.name && p.baseUrl) providerUrls[p.name] = p.baseUrl;
  } catch { /* older emulator: fall back to /<provider>/api */ }
  client.providerUrl = (provider) => providerUrls[provider] || `${url}/${provider}/api`;
  return {
    client, url, port, child, providerUrls,
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await done;
      clearTimeout(t);
    },
  };
}

module.exports = { EmulatorClient, makeClient, startEmulatorProcess };
