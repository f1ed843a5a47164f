#!/usr/bin/env node
'use strict';
// Proves that a freshly installed n8n really runs before scripts/install-n8n.sh marks it done:
// `n8n start` in a throwaway user folder on free loopback ports must open its SQLite database,
// run its migrations and answer /healthz/readiness. A native module built for the wrong Node, or
// not built at all, fails here instead of in the middle of a test run.
// usage: node verify-n8n.js <path to n8n/bin/n8n>   (run with the Node that will run n8n)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { freePort, tail } = require('./util');
const n8n = require('./n8n');

async function main() {
  const n8nBin = path.resolve(process.argv[2] || '');
  if (!fs.existsSync(n8nBin)) throw new Error(`no n8n at ${n8nBin}`);
  const nodeBin = process.execPath;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-verify-'));
  const logFile = path.join(tmp, 'n8n.log');
  fs.writeFileSync(logFile, '');
  const env = n8n.n8nEnv({
    nodeBin, userFolder: tmp, port: await freePort(), brokerPort: await freePort(),
    extra: { N8N_DISABLED_MODULES: n8n.disabledModules(n8nBin, n8n.E2E_DISABLED_MODULES) },
  });
  const server = new n8n.N8nServer({ nodeBin, n8nBin, env, logFile });
  const t0 = Date.now();
  try {
    await server.start({ timeoutMs: 240000 });
    const settings = await server.request('GET', '/rest/settings');
    if (settings.status !== 200) throw new Error(`GET /rest/settings answered ${settings.status}`);
    process.stderr.write(`[install-n8n] n8n started and answered in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (e) {
    process.stderr.write(`[install-n8n] n8n did not start: ${e.message}\n--- last lines of its log ---\n${tail(logFile, 30)}\n`);
    process.exitCode = 1;
  } finally {
    await server.stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => { process.stderr.write(`[install-n8n] ${e.stack || e}\n`); process.exit(1); });
