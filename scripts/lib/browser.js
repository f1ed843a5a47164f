'use strict';
// Chromium (Debian's package) driven by playwright-core, for scripts/ui.js. Never downloads a browser:
// when /usr/bin/chromium is missing it installs Debian's `chromium` package with apt-get.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const CHROMIUM = process.env.UI_CHROMIUM || '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Installs Debian's chromium when it is missing (CI machines are fresh). Throws if that fails. */
function ensureChromium(log = (l) => process.stderr.write(`${l}\n`)) {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']]) {
    log(`[ui] ${CHROMIUM} missing: ${[...sudo, ...args].join(' ')}`);
    const cmd = [...sudo, ...args];
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (exit ${r.status}); install Debian's chromium package by hand`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} does not exist`);
  return CHROMIUM;
}

/** Launches Chromium with a fresh profile; returns { context, page, close() }. */
async function launch({ viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = require('playwright-core');
  const executablePath = ensureChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ui-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: FLAGS, viewport, deviceScaleFactor: 1,
  });
  const page = context.pages()[0] || await context.newPage();
  return {
    context, page,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

module.exports = { CHROMIUM, FLAGS, ensureChromium, launch };
