'use strict';
// Throwaway Redis and PostgreSQL for the queue-mode test (scripts/queue.js), from Debian's packages:
// installed with apt-get when missing (CI machines are fresh), listening on 127.0.0.1 only, on free
// ports, with every byte of data in a folder the caller deletes afterwards. Nothing here touches the
// system's own clusters or services (no systemctl, no pg_ctlcluster): the servers are plain child
// processes of this script, stopped by stop().
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { run, sleep, portInUse } = require('./util');

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The newest /usr/lib/postgresql/<ver>/bin that has initdb and postgres, or null. */
function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const vers = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of vers) {
    const dir = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) return dir;
  }
  return null;
}

function redisBin() {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (fs.existsSync(p)) return p;
  return null;
}

/**
 * Installs redis-server and postgresql with apt-get when either is missing. Returns what it did
 * ('present' | 'installed …'). Needs root (CI runs as root); otherwise says what to install.
 */
async function ensurePackages({ logFile, say = () => {} }) {
  const missing = [];
  if (!redisBin()) missing.push('redis-server');
  if (!postgresBinDir()) missing.push('postgresql');
  if (!missing.length) return 'present';
  if (!isRoot()) {
    throw new Error(`missing ${missing.join(' and ')}: install with \`sudo apt-get install -y ${missing.join(' ')}\` (or run as root)`);
  }
  say(`installing ${missing.join(', ')} with apt-get (first run on this machine)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const upd = await run('apt-get', ['update'], { env, logFile, label: 'apt-get update', timeoutMs: 600000 });
  if (upd.code !== 0) throw new Error(`apt-get update failed (exit ${upd.code}); see ${logFile}`);
  // --no-install-recommends keeps it small; policy-rc.d is not ours to change, so Debian's postinst
  // may start its own cluster/service: we never use them (own ports, own data folders).
  const inst = await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, logFile, label: 'apt-get install', timeoutMs: 900000 });
  if (inst.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${inst.code}); see ${logFile}`);
  if (!redisBin() || !postgresBinDir()) throw new Error('apt-get install succeeded but redis-server or PostgreSQL is still missing');
  return `installed ${missing.join(', ')}`;
}

/** Spawns a long-running server; resolves { child, exited() }. Output → logFile. */
function spawnServer(cmd, args, { logFile, cwd, label }) {
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n===== ${label} $ ${cmd} ${args.join(' ')} (${new Date().toISOString()})\n`);
  const child = spawn(cmd, args, { cwd, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const state = { exited: null };
  child.once('exit', (code, signal) => { state.exited = { code, signal }; });
  child.once('error', (e) => { state.exited = { code: -1, signal: e.message }; });
  return { child, state };
}

async function waitPort(port, state, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (state.exited) throw new Error(`${what} exited during start-up (${state.exited.code ?? state.exited.signal})`);
    if (await portInUse(port)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}

async function stopChild(child, state, graceMs = 10000) {
  if (!child || state.exited) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => { if (!state.exited) child.kill('SIGKILL'); }, graceMs);
  await done;
  clearTimeout(t);
}

/** redis-server on 127.0.0.1:port, no persistence, working dir `dir`. Returns { host, port, stop() }. */
async function startRedis({ dir, port, logFile }) {
  fs.mkdirSync(dir, { recursive: true });
  const { child, state } = spawnServer(redisBin(), [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes',
    '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning',
  ], { logFile, cwd: dir, label: 'redis-server' });
  try {
    await waitPort(port, state, 'redis-server', 30000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return { host: '127.0.0.1', port, child, stop: () => stopChild(child, state, 5000) };
}

/**
 * A fresh PostgreSQL cluster in `dir` (initdb), its server on 127.0.0.1:port with its unix socket in
 * `dir`, and a database + login role for n8n. As root, PostgreSQL runs as the `postgres` system user
 * (its server refuses root) through `runuser`. Returns { host, port, database, user, password,
 * psql(sql) → stdout, stop() }.
 */
async function startPostgres({ dir, port, logFile, database = 'n8n', user = 'n8n', password }) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin');
  const asPg = (cmd, args) => (isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot()) {
    // The postgres user must reach and own its folder: every parent needs o+x (mkdtemp makes 0700).
    for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
      const st = fs.statSync(d);
      if ((st.mode & 0o001) === 0) fs.chmodSync(d, st.mode | 0o711);
      if (d === path.dirname(dir) || d === '/tmp') break;
    }
    const r = await run('chown', ['postgres:postgres', dir], { logFile, label: 'chown' });
    if (r.code !== 0) throw new Error(`chown postgres ${dir} failed (exit ${r.code}): is the postgres system user missing?`);
  }
  const pwFile = path.join(dir, 'pw');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (isRoot()) await run('chown', ['postgres:postgres', pwFile], { logFile, label: 'chown pw' });
  // Superuser `postgres`: trust over the unix socket in `dir` only (nobody else can reach that
  // folder); password (scram) over TCP, which is how n8n connects.
  const [ic, ia] = asPg(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth-local=trust',
    '--auth-host=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const init = await run(ic, ia, { logFile, label: 'initdb', timeoutMs: 180000 });
  if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}): ${`${init.stderr}`.trim().split('\n').slice(-3).join(' | ')}`);
  const [pc, pa] = asPg(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-k', dir,
    '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', 'shared_buffers=32MB',
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
  const { child, state } = spawnServer(pc, pa, { logFile, label: 'postgres' });
  // As root, `child` is runuser, which does not pass SIGINT on: signal the postmaster itself (its PID
  // is the first line of postmaster.pid). SIGINT = "fast" shutdown, which does not wait for n8n's
  // idle connections; SIGKILL after 15 s.
  const pidAlive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const stop = async () => {
    let pid = null;
    try { pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null; } catch { /* not started */ }
    if (pid && pidAlive(pid)) {
      try { process.kill(pid, 'SIGINT'); } catch { /* gone */ }
      const deadline = Date.now() + 15000;
      while (pidAlive(pid) && Date.now() < deadline) await sleep(100);
      if (pidAlive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    }
    await stopChild(child, state, 3000);
  };
  const psql = async (sql, db = 'postgres') => {
    const [qc, qa] = asPg(path.join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', db,
      '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-At', '-c', sql]);
    const r = await run(qc, qa, { timeoutMs: 120000 });
    if (r.code !== 0) throw new Error(`psql failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return r.stdout;
  };
  try {
    await waitPort(port, state, 'postgres', 60000);
    // Accepting TCP before recovery ends is possible: retry the first query briefly.
    const deadline = Date.now() + 30000;
    for (;;) {
      try { await psql('select 1'); break; } catch (e) { if (Date.now() > deadline) throw e; await sleep(300); }
    }
    const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
    await psql(`create role ${user} login password ${lit(password)}`);
    await psql(`create database ${database} owner ${user}`);
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
  // Exit-time last resort (synchronous): SIGKILL the postmaster.
  const killNow = () => {
    try { process.kill(Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL'); } catch { /* gone */ }
  };
  return { host: '127.0.0.1', port, database, user, password, psql, stop, killNow };
}

module.exports = { ensurePackages, startRedis, startPostgres, postgresBinDir, redisBin };
