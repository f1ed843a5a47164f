'use strict';
// `node scripts/single.js --together`: the umbrella and one single package installed side by side in ONE n8n
// user folder, to show what docs/packages.md says happens: both packages load (node types are named after the
// package), the credential type they share is listed twice by n8n but one stored credential serves both nodes,
// and the same read runs through either node.
const path = require('path');
const pkgLib = require('./package');
const { Stack, startStack } = require('./stack');
const { discoverCases } = require('./cases');
const { prepareImports, runCases } = require('./e2e-runner');
const { migrateWorkflow } = require('./migrate');
const { UMBRELLA, packageDir } = require('./packages');
const { REPO_ROOT, Timings, fmtMs } = require('./util');

const CASE = 'vivenu/get-by-id-expression';

async function together({ single, owner, check, note, keep }) {
  const started = Date.now();
  const found = discoverCases(path.join(REPO_ROOT, 'test', 'e2e'), { filter: (n) => n === CASE });
  const [original] = found.cases;
  const moved = { ...original, name: `${CASE} (moved to ${single.name})`, workflow: { ...migrateWorkflow(original.workflow, single.name).workflow, id: 'singleTogether01' } };
  const imports = { providers: found.providers.filter((p) => p.name === 'vivenu'), cases: [original, moved], generalProblems: [] };
  const stack = new Stack({ name: 'single-together', timings: new Timings(), keep });
  let ok = true;
  try {
    await startStack({
      stack, owner, importVia: 'rest-keep-ids', content: (ctx) => prepareImports(imports, ctx),
      install: async ({ tmp, userFolder, env, logFile }) => {
        const dest = path.join(tmp, 'pack');
        const a = await pkgLib.pack(REPO_ROOT, dest, { env, logFile });
        const b = await pkgLib.pack(packageDir(single), dest, { env, logFile });
        await pkgLib.installIntoUserFolder(a.tarball, userFolder, { env, logFile });
        return { ...(await pkgLib.installIntoUserFolder(b.tarball, userFolder, { env, logFile })), files: b.files };
      },
    });
    const names = new Set((await stack.server.nodeTypes()).map((t) => t.name));
    ok = await check(`both packages load: ${UMBRELLA}.vivenu and ${single.name}.vivenu`, async () => {
      const missing = [`${UMBRELLA}.vivenu`, `${single.name}.vivenu`, `${UMBRELLA}.vivenuTrigger`, `${single.name}.vivenuTrigger`].filter((n) => !names.has(n));
      if (missing.length) throw new Error(`not loaded: ${missing.join(', ')}`);
    }) && ok;
    ok = await check('n8n lists the shared credential type vivenuApi once per package', async () => {
      const count = (await stack.server.credentialTypes()).filter((c) => c.name === 'vivenuApi').length;
      if (count !== 2) throw new Error(`vivenuApi listed ${count} time(s)`);
      return '2 entries';
    }) && ok;
    const tally = { passed: 0, failed: 0 };
    const results = await runCases(imports.cases, { stack, engine: { server: stack.server, loadedTypes: names }, caseTimeout: 120000, tally, quiet: true });
    for (const r of results) ok = await check(`${r.name}: runs with the one stored vivenu credential`, () => { if (!r.ok) throw new Error(r.reason); }) && ok;
  } catch (e) {
    ok = false;
    await check('setup (umbrella and single package together)', () => { throw e; });
  } finally {
    await stack.stop();
    if (stack.removeTemp({ keep: !ok || keep })) note(`together: kept ${stack.tmp}`);
  }
  note(`together: ${fmtMs(Date.now() - started)}`);
}

module.exports = { together };
