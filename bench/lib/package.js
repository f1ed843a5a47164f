'use strict';
// Builds this package from a snapshot of the working tree (so a benchmark never races with
// someone else's `npm run build` writing dist/ in the repository), packs it, and installs the
// tarball into a throwaway n8n user folder the way n8n installs community packages
// (scripts/lib/package.js does the real work; this file only chooses the directories).
const fs = require('fs');
const path = require('path');
const pkg = require('../../scripts/lib/package');
const { REPO_ROOT } = require('../../scripts/lib/util');

/** What the build needs from the repository (node_modules is symlinked, not copied). */
const SNAPSHOT_ENTRIES = ['package.json', 'tsconfig.json', 'gulpfile.js', 'index.js', 'README.md', 'LICENSE', 'LICENSE.md', 'nodes', 'credentials', 'scripts/clean.js'];

function snapshot(destDir) {
  fs.mkdirSync(destDir, { recursive: true });
  for (const entry of SNAPSHOT_ENTRIES) {
    const from = path.join(REPO_ROOT, entry);
    if (!fs.existsSync(from)) continue;
    const to = path.join(destDir, entry);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(destDir, 'node_modules'), 'dir');
  return destDir;
}

/**
 * Returns { name, version, dir } of the package installed into <userFolder>/.n8n/nodes.
 * mode 'snapshot' (default): copy sources to <tmp>/src, npm run build there, pack, install.
 * mode 'repo-dist': pack the repository as it is (its dist/ must be built already).
 */
async function installPackage({ tmp, userFolder, env, logFile, mode = 'snapshot', timings }) {
  let pkgDir = REPO_ROOT;
  if (mode === 'snapshot') {
    pkgDir = snapshot(path.join(tmp, 'src'));
    await timings.time('npm run build (snapshot of the working tree)', () => pkg.build(pkgDir, { env, logFile }));
  } else if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
    throw new Error('--skip-build needs a built dist/ (run npm run build first)');
  }
  const packed = await timings.time('npm pack', () => pkg.pack(pkgDir, path.join(tmp, 'pack'), { env, logFile }));
  return timings.time('install tarball into <user>/.n8n/nodes', () =>
    pkg.installIntoUserFolder(packed.tarball, userFolder, { env, logFile }));
}

module.exports = { installPackage };
