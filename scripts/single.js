#!/usr/bin/env node
'use strict';
/*
 * Each single-provider package proven alone in a real n8n (issue 25; `npm run test:single`, the full tier's
 * "single" stage). For each package under packages/ (scripts/lib/packages.js), one after the other (two at a time
 * would need the stacks' commands tracked per stack: Stack.stop() ends every command scripts/lib/util.js runs):
 *   1. `npm run build` in its folder (the repository's toolchain), `npm pack`, and the tarball installed alone into
 *      a fresh n8n user folder the way n8n installs a community package (scripts/lib/package.js);
 *   2. its emulator, its e2e credentials, its cases and its examples imported with every node type moved to the
 *      package (scripts/lib/migrate.js, what `npm run migrate-workflow` does), then one `n8n start`;
 *   3. checks: n8n's node-type list holds exactly the package's types (and its credential type, no other of ours);
 *      its credential test passes through n8n's REST API, sending exactly the documented test request; one read
 *      and one write operation (the e2e cases PLAN names, which assert the emulator's exact requests and the items
 *      output); its trigger activates and fires once (scripts/lib/smoke.js, without the restart); each of its
 *      examples, migrated, runs.
 * With --together: afterwards the umbrella and n8n-nodes-vivenu in ONE user folder (what docs/packages.md says
 * happens: both node types load, one stored credential serves both).
 *
 * stdout: "ok N - <package>: …" / "not ok N - …", "# …" notes with the time of each package, last line
 * "single: N passed, M failed". Options: --only=<package>[,…], --together, --keep.
 * Needs dist/ at the top level (npm run build: the credential type names are read from it).
 */
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, fmtMs, Timings, tail } = require('./lib/util');
const { Stack, startStack } = require('./lib/stack');
const { discoverCases, discoverExamples } = require('./lib/cases');
const { prepareImports, runCases } = require('./lib/e2e-runner');
const smoke = require('./lib/smoke');
const { migrateWorkflow } = require('./lib/migrate');
const { UMBRELLA, PACKAGES, packageDir } = require('./lib/packages');
const { together } = require('./lib/single-together');

const OWNER = { email: 'single@example.com', password: 'Single-Password-1', firstName: 'Single', lastName: 'Runner' };
const CORE = ['n8n-nodes-base', '@n8n/n8n-nodes-langchain'];

/**
 * Per package: the e2e cases that read, write and fire its trigger (their checks assert the emulator's exact
 * requests and the exact items), and the request its credential test must send (method and provider path).
 */
const PLAN = {
  'n8n-nodes-vivenu': { cases: ['vivenu/get-by-id-expression', 'vivenu/update-payment-status', 'vivenu/trigger-active'], credentialTest: 'GET /api/keys/info' },
  'n8n-nodes-constant-contact-events': { cases: ['constant-contact/pending-then-cancel', 'constant-contact/trigger-active'], credentialTest: 'GET /v3/account/user/privileges' },
  // Fourvenues offers no write operation: two reads.
  'n8n-nodes-fourvenues': { cases: ['fourvenues/events-then-get', 'fourvenues/trigger-active'], credentialTest: 'GET /auth' },
  'n8n-nodes-flexiown': { cases: ['flexiown/create-then-get-status'], credentialTest: 'GET /api/merchant' },
  'n8n-nodes-restrict-content-pro': { cases: ['restrict-content-pro/crud', 'restrict-content-pro/trigger-active'], credentialTest: 'GET /wp-json/rcp/v1/payments' },
};

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);

function parseArgs(argv) {
  const opts = { only: null, together: false, keep: false };
  for (const a of argv) {
    if (a.startsWith('--only=')) opts.only = a.slice(7).split(',');
    else if (a === '--together') opts.together = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** The type name of a package's credential and the names of its nodes, from the top-level build. */
function typesOf(pkg) {
  const load = (file) => Object.values(require(path.join(REPO_ROOT, file)))[0];
  const root = require(path.join(REPO_ROOT, 'package.json'));
  const nodes = root.n8n.nodes.filter((f) => f.startsWith(`dist/nodes/${pkg.dir}/`)).map((f) => new (load(f))().description);
  const credential = new (load(`dist/credentials/${pkg.credential}.credentials.js`))().name;
  return { credential, nodes: nodes.map((d) => d.name), tools: nodes.filter((d) => d.usableAsTool).map((d) => `${d.name}Tool`) };
}

/** The credential type names of every package of ours. */
const ourCredentials = () => PACKAGES.map((p) => typesOf(p).credential);

/** The cases and examples of one package, every workflow moved to it; credentials only of its type. */
function casesFor(pkg, { credential }) {
  const folder = pkg.page.replace(/\.md$/, '');
  const plan = PLAN[pkg.name];
  const found = discoverCases(path.join(REPO_ROOT, 'test', 'e2e'), { filter: (n) => plan.cases.includes(n) });
  const ex = discoverExamples(path.join(REPO_ROOT, 'examples'), { filter: (n) => n.startsWith(`examples/${folder}-`) });
  const problems = [...found.problems, ...ex.problems];
  const cases = [];
  for (const c of [...found.cases, ...ex.cases]) {
    if (c.invalid) { cases.push(c); continue; }
    let moved;
    try {
      moved = migrateWorkflow(c.workflow, pkg.name).workflow;
    } catch (e) {
      if (c.provider === 'examples') { note(`${pkg.name}: ${c.name} stays on the umbrella (it uses another provider too)`); continue; }
      throw e;
    }
    cases.push({ ...c, workflow: moved });
  }
  const missing = plan.cases.filter((n) => !cases.some((c) => c.name === n));
  if (missing.length) problems.push(`${pkg.name}: PLAN names cases that do not exist: ${missing.join(', ')}`);
  if (!cases.some((c) => c.provider === 'examples')) problems.push(`${pkg.name}: no example workflow of ${folder} to migrate`);
  smoke.lighten(cases, smoke.triggerChecks({ restart: false }));
  const providers = [...found.providers, ...ex.providers].map((p) => ({ ...p, credentials: p.credentials.filter((c) => c.type === credential) }));
  return { providers, cases, problems, generalProblems: [] };
}

/** Numbered checks of one package, printed as they end; counts go into `tally`. */
function checker(pkg, tally) {
  return async (name, fn) => {
    try {
      const detail = await fn();
      tally.passed += 1;
      say(`ok ${tally.passed + tally.failed} - ${pkg.name}: ${name}${detail ? ` — ${detail}` : ''}`);
      return true;
    } catch (e) {
      tally.failed += 1;
      say(`not ok ${tally.passed + tally.failed} - ${pkg.name}: ${name}`);
      for (const line of String(e && e.message ? e.message : e).split('\n').slice(0, 12)) note(`  ${line}`);
      return false;
    }
  };
}

/** n8n's lists hold exactly the package's node types (with their AI-tool variants) and of ours only its credential. */
async function checkTypes(server, pkg, types, check) {
  const nodeTypes = await server.nodeTypes();
  await check('n8n\'s node-type list holds exactly the package\'s types', async () => {
    const community = [...new Set(nodeTypes.map((t) => t.name).filter((n) => !CORE.some((c) => n.startsWith(`${c}.`))))].sort();
    const want = [...types.nodes, ...types.tools].map((n) => `${pkg.name}.${n}`).sort();
    if (JSON.stringify(community) !== JSON.stringify(want)) throw new Error(`loaded: ${community.join(', ')}\nwant:   ${want.join(', ')}`);
    return community.join(', ');
  });
  await check(`credential types: ${types.credential} and no other of ours`, async () => {
    const names = (await server.credentialTypes()).map((c) => c.name);
    const ours = ourCredentials().filter((c) => names.includes(c));
    if (JSON.stringify(ours) !== JSON.stringify([types.credential])) throw new Error(`of ours: ${ours.join(', ') || 'none'}`);
    return `${names.filter((n) => n === types.credential).length} × ${types.credential}`;
  });
}

/** n8n's credential test (the editor's Test button) on the imported credential; the emulator sees exactly the test request. */
async function checkCredential(stack, pkg, found, check) {
  const cred = stack.credentials[0]; // as imported, with n8n's id
  const provider = found.cases.find((c) => c.provider !== 'examples').provider;
  await check(`credential test of "${cred.name}" passes, sending ${PLAN[pkg.name].credentialTest}`, async () => {
    await stack.emulator.client.reset({});
    await stack.emulator.client.clearRequests();
    // As the editor's Test button: the stored credential as the editor holds it (secrets redacted; n8n puts them back).
    const stored = await stack.server.request('GET', `/rest/credentials/${cred.id}?includeData=true`);
    const data = stored.body && stored.body.data && stored.body.data.data;
    if (stored.status !== 200 || !data) throw new Error(`GET /rest/credentials/${cred.id} → ${stored.status}: ${JSON.stringify(stored.body).slice(0, 200)}`);
    const r = await stack.server.request('POST', '/rest/credentials/test', { credentials: { id: cred.id, name: cred.name, type: cred.type, data } });
    const result = (r.body && r.body.data) || r.body;
    if (r.status !== 200 || !result || result.status !== 'OK') throw new Error(`POST /rest/credentials/test → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    const sent = (await stack.emulator.client.requests(provider)).map((q) => `${q.method} ${q.providerPath}`);
    if (JSON.stringify(sent) !== JSON.stringify([PLAN[pkg.name].credentialTest])) throw new Error(`the emulator received: ${sent.join(', ') || 'nothing'}`);
    return result.message || 'OK';
  });
}

/** One package: build, pack, install alone, one `n8n start`, the checks. */
async function runPackage(pkg, opts, tally) {
  const started = Date.now();
  const timings = new Timings();
  const check = checker(pkg, tally);
  const types = typesOf(pkg);
  const found = casesFor(pkg, types);
  for (const p of found.problems) await check('case definitions', () => { throw new Error(p); });
  const stack = new Stack({ name: `single-${pkg.name.replace(/^n8n-nodes-/, '')}`, timings, keep: opts.keep });
  const failedBefore = tally.failed;
  try {
    await startStack({
      stack, packageDir: packageDir(pkg), skipBuild: false, owner: OWNER, importVia: 'rest-keep-ids',
      content: (ctx) => prepareImports(found, ctx),
      onInstalled: (i) => note(`${pkg.name}: installed ${i.name}@${i.version} alone (${i.files.length} files in the tarball) into ${stack.tmp}`),
    });
    await checkTypes(stack.server, pkg, types, check);
    await checkCredential(stack, pkg, found, check);
    const loadedTypes = new Set((await stack.server.nodeTypes()).map((t) => t.name));
    const caseTally = { passed: 0, failed: 0 };
    const results = await runCases(found.cases, { stack, engine: { server: stack.server, loadedTypes }, caseTimeout: 120000, tally: caseTally, quiet: true });
    for (const r of results) await check(`${r.name}${r.name.startsWith('examples/') ? ' (migrated example)' : ''} in n8n`, () => { if (!r.ok) throw new Error(r.reason); return fmtMs(r.ms); });
  } catch (e) {
    await check('setup', () => { throw e; });
    if (e.logFile) process.stderr.write(`--- n8n log (tail) ---\n${tail(e.logFile, 30)}\n---\n`);
  } finally {
    await stack.stop();
    if (stack.removeTemp({ keep: tally.failed > failedBefore || opts.keep })) note(`${pkg.name}: kept ${stack.tmp}`);
  }
  const ms = Date.now() - started;
  note(`${pkg.name}: ${fmtMs(ms)} (${timings.lines().join('; ')})`);
  return ms;
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const tally = { passed: 0, failed: 0 };
  const chosen = PACKAGES.filter((p) => !opts.only || opts.only.includes(p.name));
  if (!chosen.length) throw new Error(`--only names no package (${PACKAGES.map((p) => p.name).join(', ')})`);
  const times = [];
  for (const pkg of chosen) times.push([pkg.name, await runPackage(pkg, opts, tally)]);
  if (opts.together) await together({ single: PACKAGES.find((p) => p.name === 'n8n-nodes-vivenu'), owner: OWNER, check: checker({ name: `${UMBRELLA} + n8n-nodes-vivenu` }, tally), note, keep: opts.keep });
  note(`time: ${times.map(([n, ms]) => `${n} ${fmtMs(ms)}`).join(', ')}; total ${fmtMs(Date.now() - started)}`);
  say(`single: ${tally.passed} passed, ${tally.failed} failed`);
  process.exitCode = tally.failed ? 1 : 0;
}

main().catch((e) => {
  say(`not ok - ${e.stack || e.message}`);
  say('single: 0 passed, 1 failed');
  process.exitCode = 1;
});
