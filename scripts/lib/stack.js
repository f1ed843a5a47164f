'use strict';
// A throwaway n8n set up the way scripts/e2e.js sets it up, for scripts/ui.js: the packed package
// installed into a temp user folder, the emulator on a free port, the example credentials and
// workflows imported, `n8n start` running and the owner account created.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO_ROOT, freePort } = require('./util');
const n8n = require('./n8n');
const pkg = require('./package');
const { startEmulatorProcess } = require('./emulator');
const { discoverExamples, baseVars, substitute } = require('./cases');

const OWNER = { email: 'ui@example.com', password: 'Ui-Password-1', firstName: 'UI', lastName: 'Runner' };

/**
 * Returns { tmp, logFile, emulator, server, baseUrl, installed, credentials, workflows, vars, owner,
 * stop() }. `extraWorkflows` (already substituted by the caller through `vars`) are
 * imported beside the examples. `timings` is a util.Timings.
 */
async function startStack({ timings, packageDir = REPO_ROOT, extraWorkflows = () => [], skipBuild = true }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ui-'));
  const logFile = path.join(tmp, 'n8n.log');
  fs.writeFileSync(logFile, '');
  const cleanups = [];
  const stop = async () => { await Promise.allSettled(cleanups.reverse().map((f) => f())); };
  try {
    const { nodeBin, n8nBin } = await timings.time('locate/install n8n', async () => n8n.ensureN8n());
    const npmEnv = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` };
    if (!skipBuild) await timings.time('npm run build', () => pkg.build(packageDir, { env: npmEnv, logFile }));
    const packed = await timings.time('npm pack', () => pkg.pack(packageDir, path.join(tmp, 'pack'), { env: npmEnv, logFile }));
    const userFolder = path.join(tmp, 'user');
    const installed = await timings.time('install tarball', () => pkg.installIntoUserFolder(packed.tarball, userFolder, { env: npmEnv, logFile }));

    const emulator = await timings.time('start emulator', async () =>
      startEmulatorProcess({ port: await freePort(), nodeBin, logFile: path.join(tmp, 'emulator.log') }));
    cleanups.push(() => emulator.stop());
    const vars = baseVars(emulator);

    const ex = discoverExamples(path.join(packageDir, 'examples'));
    if (ex.problems.length) throw new Error(`examples: ${ex.problems.join('; ')}`);
    const credentials = ex.providers.flatMap((p) => substitute(p.credentials, vars));
    const workflows = [...ex.cases.map((c) => substitute(c.workflow, vars)), ...extraWorkflows(vars, credentials)];

    const [port, brokerPort] = [await freePort(), await freePort()];
    const ctx = {
      nodeBin, n8nBin, logFile,
      env: n8n.n8nEnv({ nodeBin, userFolder, port, brokerPort, extra: { N8N_DISABLED_MODULES: n8n.disabledModules(n8nBin, n8n.E2E_DISABLED_MODULES) } }),
      flatted: n8n.loadFlatted(n8nBin),
    };
    const server = new n8n.N8nServer(ctx);
    cleanups.push(() => server.stop());
    await timings.time('n8n start (until ready)', () => server.start());
    await timings.time('owner setup', () => server.ensureOwner(OWNER));
    // Through the REST API of the running n8n rather than `n8n import:*` (each CLI call boots n8n once
    // more: 20-40 s on a loaded machine). Ids are n8n's own: the objects get theirs in `.id`.
    await timings.time('import credentials and workflows (REST)', () => importOverRest(server, credentials, workflows));
    return {
      tmp, logFile, emulator, server, baseUrl: server.baseUrl, installed, credentials, workflows, vars,
      owner: OWNER, stop,
    };
  } catch (e) {
    await stop();
    e.tmp = tmp;
    e.logFile = logFile;
    throw e;
  }
}

async function importOverRest(server, credentials, workflows) {
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
    const body = { name: w.name, nodes, connections: w.connections, settings: w.settings || {}, pinData: w.pinData || {}, active: false };
    const r = await server.request('POST', '/rest/workflows', body);
    const id = r.body && r.body.data && r.body.data.id;
    if (r.status !== 200 || !id) throw new Error(`POST /rest/workflows (${w.name}) → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    w.sourceId = w.id;
    w.id = id;
    w.nodes = nodes;
  }
}

module.exports = { startStack, OWNER };
