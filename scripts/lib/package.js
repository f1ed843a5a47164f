'use strict';
// Builds and packs this repository, and installs the tarball into an n8n user folder exactly the
// way n8n (2.40.x, CommunityPackagesService.downloadPackage) installs a community package:
//   cd ~/.n8n/nodes && npm pack <pkg>@<version>          (here: our local `npm pack` tarball)
//   tar -xzf <tarball> -C node_modules/<pkg> --strip-components=1
//   drop devDependencies/peerDependencies/optionalDependencies from its package.json
//   cd node_modules/<pkg> && npm install --audit=false --fund=false --bin-links=false
//        --install-strategy=shallow --ignore-scripts=true --package-lock=false
//   record it in ~/.n8n/nodes/package.json {"name":"installed-nodes","private":true,"dependencies":{…}}
// On start n8n scans <N8N_USER_FOLDER>/.n8n/nodes/node_modules for n8n-nodes-* packages and
// registers their nodes as "<package name>.<node name>".
// E2E_INSTALL_MODE=npm uses the older way instead: `npm install <tarball>` inside ~/.n8n/nodes.
const fs = require('fs');
const path = require('path');
const { run } = require('./util');

function npmCmd() { return process.platform === 'win32' ? 'npm.cmd' : 'npm'; }

async function npm(args, { cwd, env, logFile, label }) {
  const res = await run(npmCmd(), args, { cwd, env, logFile, label: label || `npm ${args[0]}`, timeoutMs: 600000 });
  if (res.code !== 0) {
    const lastLines = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`npm ${args.join(' ')} failed in ${cwd} (exit ${res.code}):\n${lastLines}`);
  }
  return res;
}

/** `npm run build` in the package directory. */
async function build(pkgDir, { env, logFile }) {
  await npm(['run', 'build'], { cwd: pkgDir, env, logFile, label: 'npm run build' });
}

/** `npm pack` into destDir → absolute tarball path and the packed file list. */
async function pack(pkgDir, destDir, { env, logFile }) {
  fs.mkdirSync(destDir, { recursive: true });
  const res = await npm(['pack', '--json', '--pack-destination', destDir], { cwd: pkgDir, env, logFile, label: 'npm pack' });
  const jsonStart = res.stdout.indexOf('[');
  const info = JSON.parse(res.stdout.slice(jsonStart))[0];
  // Everything n8n will load must be in the tarball (a stale or half-built dist/ is caught here).
  const pkgJson = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const packed = new Set(info.files.map((f) => f.path));
  const missing = [...((pkgJson.n8n && pkgJson.n8n.nodes) || []), ...((pkgJson.n8n && pkgJson.n8n.credentials) || [])]
    .filter((p) => !packed.has(p.replace(/^\.\//, '')));
  if (missing.length) {
    throw new Error(`the packed tarball lacks files package.json "n8n" lists: ${missing.join(', ')} (run npm run build)`);
  }
  return { tarball: path.join(destDir, info.filename), name: info.name, version: info.version, files: info.files.map((f) => f.path) };
}

/** Installs the tarball into <userFolder>/.n8n/nodes the way n8n does (see header). */
async function installIntoUserFolder(tarball, userFolder, { env, logFile, mode = process.env.E2E_INSTALL_MODE || 'n8n' }) {
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
  const ledgerPath = path.join(nodesDir, 'package.json');
  let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
  try { ledger = { ...ledger, ...JSON.parse(fs.readFileSync(ledgerPath, 'utf8')) }; } catch { /* fresh folder */ }
  ledger.dependencies = ledger.dependencies || {};

  // Read name/version from the tarball itself.
  const staging = fs.mkdtempSync(path.join(nodesDir, '.staging-'));
  try {
    const x = await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { logFile, label: 'tar -x' });
    if (x.code !== 0) throw new Error(`tar -xzf ${tarball} failed (exit ${x.code})`);
    const pkgJson = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8'));
    const pkgDir = path.join(nodesDir, 'node_modules', ...pkgJson.name.split('/'));
    fs.rmSync(pkgDir, { recursive: true, force: true });

    if (mode === 'npm') {
      delete ledger.dependencies[pkgJson.name];
      fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
      await npm(['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--package-lock=false', '--no-save'],
        { cwd: nodesDir, env, logFile, label: 'npm install <tarball>' });
    } else {
      fs.mkdirSync(path.dirname(pkgDir), { recursive: true });
      fs.renameSync(staging, pkgDir);
      const { devDependencies, peerDependencies, optionalDependencies, ...stripped } = pkgJson;
      fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(stripped, null, 2));
      await npm(['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow',
        '--ignore-scripts=true', '--package-lock=false'], { cwd: pkgDir, env, logFile, label: 'npm install (in package dir)' });
    }
    ledger.dependencies[pkgJson.name] = pkgJson.version;
    fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
    if (!fs.existsSync(path.join(pkgDir, 'package.json'))) throw new Error(`package not found at ${pkgDir} after install`);
    return { name: pkgJson.name, version: pkgJson.version, dir: pkgDir, n8n: pkgJson.n8n || {} };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

module.exports = { build, pack, installIntoUserFolder };
