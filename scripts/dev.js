#!/usr/bin/env node
'use strict';
/*
 * `npm run dev`: the inner loop on the nodes. A watch build and the demo n8n of `npm start` (emulator,
 * example credentials and workflows, owner account, same ports) that loads each rebuild:
 *
 *   1. npm run build, then the package (package.json + dist/) copied into a demo n8n user folder
 *      (~/.cache/n8n-nodes-event-payments/dev-user-<port>/.n8n/nodes/node_modules/<package>);
 *   2. n8n started with its own dev reload (NODE_ENV=development, N8N_DEV_RELOAD=true): it watches that
 *      folder, drops the package's modules from Node's cache and loads the nodes and credentials again;
 *   3. `tsc --watch` on nodes/ and credentials/, and a watch on their .svg/.png/.json files (gulp
 *      build:assets); after each build dist/ is copied into the user folder, which n8n reloads.
 *
 * Save a .ts file → tsc rebuilds → the copy → n8n reloads → reload the editor page to see it.
 * Why a copy and not a link: n8n watches the package folder's own path and unloads the modules under it;
 * through a symlink Node caches the modules under their real path, which n8n then does not unload.
 *
 * Options: --restart   restart n8n after each build instead of its dev reload (slower; for what the dev
 *                      reload does not cover, e.g. a change to package.json "n8n").
 * Ports as `npm start`: N8N_DEMO_PORT (5678), EMULATOR_PORT (4010), N8N_DEMO_BROKER_PORT.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { REPO_ROOT, Timings, fmtMs } = require('./lib/util');
const n8n = require('./lib/n8n');
const pkg = require('./lib/package');
const { demoPorts, startDemo, describe, untilStopped, step, info } = require('./start');

const restartMode = process.argv.includes('--restart');
for (const a of process.argv.slice(2)) {
  if (a !== '--restart') { process.stderr.write(`unknown argument ${a}\nusage: npm run dev [-- --restart]\n`); process.exit(2); }
}
const dlog = (line) => process.stderr.write(`[dev] ${line}\n`);

/** Copies package.json and dist/ into the user folder's package directory, as a packed install lays them out. */
function syncPackage(userFolder) {
  const pkgJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  const dir = path.join(nodesDir, 'node_modules', pkgJson.name);
  fs.mkdirSync(dir, { recursive: true });
  const { devDependencies, peerDependencies, scripts, ...stripped } = pkgJson;
  const target = path.join(dir, 'package.json');
  const text = JSON.stringify(stripped, null, 2);
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
  fs.cpSync(path.join(REPO_ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  const ledgerPath = path.join(nodesDir, 'package.json');
  let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
  try { ledger = JSON.parse(fs.readFileSync(ledgerPath, 'utf8')); } catch { /* fresh folder */ }
  ledger.dependencies = { ...ledger.dependencies, [pkgJson.name]: pkgJson.version };
  fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
  return { name: pkgJson.name, version: pkgJson.version, dir, n8n: pkgJson.n8n || {} };
}

/** Spawns a watcher whose output lines go to stderr with a prefix; `onLine(line)` sees each line. */
function watcher(label, cmd, args, onLine, env) {
  const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  const feed = (d) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const l of lines) {
      // tsc clears the screen in watch mode; keep the text only.
      const line = l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\x1bc/g, '');
      if (line.trim()) process.stderr.write(`[${label}] ${line}\n`);
      onLine(line);
    }
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  return { child, stop: () => new Promise((r) => { if (child.exitCode !== null) { r(); return; } child.once('exit', r); child.kill('SIGTERM'); }) };
}

async function main() {
  const timings = new Timings();
  const t0 = Date.now();
  const ports = await demoPorts();
  const { nodeBin } = n8n.ensureN8n();
  const env = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` };
  step('npm run build');
  await timings.time('npm run build', () => pkg.build(REPO_ROOT, { env, logFile: null }));
  const stack = await startDemo({
    ports, timings, name: 'dev',
    install: ({ userFolder }) => syncPackage(userFolder),
    // n8n's dev reload runs only in development mode.
    env: restartMode ? {} : { NODE_ENV: 'development', N8N_DEV_RELOAD: 'true' },
  });
  await describe(stack, t0);
  info(restartMode ? '  Reload:     n8n restarts after each build' : "  Reload:     n8n's dev reload (N8N_DEV_RELOAD) after each build; reload the editor page");

  let saved = 0; // when the build that is running started (tsc says "File change detected")
  let restarting = Promise.resolve();
  const afterBuild = () => {
    const t = Date.now();
    const installed = syncPackage(stack.userFolder);
    if (restartMode) {
      restarting = restarting.then(() => stack.server.restart()).then(() => dlog(`n8n restarted with the new build (${fmtMs(Date.now() - (saved || t))} after the change)`))
        .catch((e) => dlog(`restart failed: ${e.message}`));
    } else {
      dlog(`copied ${installed.name}/dist into the user folder (${fmtMs(Date.now() - t)}); n8n reloads it, build ${saved ? `${fmtMs(Date.now() - saved)} after the change` : 'done'}`);
    }
  };
  let first = true;
  const tsc = watcher('tsc', nodeBin, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], (line) => {
    if (/File change detected/.test(line)) saved = Date.now();
    const m = line.match(/Found (\d+) errors?\. Watching for file changes/);
    if (!m) return;
    // The first compile rewrites what `npm run build` wrote: nothing changed.
    if (first) { first = false; return; }
    if (Number(m[1]) === 0) afterBuild();
    else dlog(`build has ${m[1]} error(s): n8n keeps the last good build`);
  }, env);
  stack.track(tsc, 'first');
  // Icons and codex files: gulp build:assets copies them into dist/.
  let assetTimer = null;
  const assets = ['nodes', 'credentials'].map((d) => fs.watch(path.join(REPO_ROOT, d), { recursive: true }, (_e, file) => {
    if (!file || !/\.(svg|png|json)$/.test(file) || /__schema__/.test(file)) return;
    clearTimeout(assetTimer);
    assetTimer = setTimeout(() => {
      saved = Date.now();
      const g = spawn(nodeBin, [path.join(REPO_ROOT, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build:assets'], { cwd: REPO_ROOT, env, stdio: 'ignore' });
      g.once('exit', (code) => { if (code === 0) afterBuild(); else dlog(`gulp build:assets failed (exit ${code})`); });
    }, 200);
  }));
  stack.track({ stop: async () => assets.forEach((w) => w.close()) }, 'first');
  info('');
  info('Watching nodes/ and credentials/. Press Ctrl-C to stop.');
  try {
    await untilStopped(stack, { expected: () => restartMode });
  } finally {
    step('stopping the watch build, n8n and the emulator…');
    await stack.stop();
    stack.removeTemp();
  }
}

main().catch((e) => {
  process.stderr.write(`\n[dev] failed: ${e.message}\n`);
  process.exitCode = 1;
});
