#!/usr/bin/env node
'use strict';
/*
 * Queue-mode test (`npm run test:queue`): the packed package in a real n8n cluster on this machine.
 *
 *   1. Redis and PostgreSQL from Debian's packages (apt-get install when missing; root needed then),
 *      each on a free 127.0.0.1 port with its data in the temp dir; the provider emulator.
 *   2. npm run build + npm pack; the tarball installed into the ~/.n8n/nodes of each n8n process
 *      (one user folder per process, as on separate machines or containers).
 *   3. n8n import:credentials (examples/credentials) and import:workflow --activeState=fromJson of
 *      webhook-triggered copies of examples/*.json, then one `n8n start` (main, production webhooks
 *      off), two `n8n worker --concurrency=N` and one `n8n webhook`, all EXECUTIONS_MODE=queue.
 *   4. fires QUEUE_CALLS (default 220) POSTs at once at the webhook processor's /webhook/… URLs and
 *      waits for every execution; checks that each succeeded, ran on a worker exactly once, lost no
 *      item and applied no write twice (emulator state and request log).
 *
 * stdout: "ok - …" / "not ok - …" per check, "# …" notes and tallies, last line
 * "queue: N passed, M failed". Logs of every process go to the temp dir; on a failure their last
 * lines are printed to stderr. Everything started here is stopped and the temp dir removed on exit,
 * failure or Ctrl-C (--keep keeps the logs).
 *
 * Options (flags or environment):
 *   --skip-build         QUEUE_SKIP_BUILD=1   pack the existing dist/
 *   --keep               QUEUE_KEEP=1         keep the logs in the temp dir (data is removed anyway)
 *   QUEUE_CALLS (default 220, at least 5), QUEUE_WORKER_CONCURRENCY (default 5),
 *   QUEUE_TIMEOUT_MS (default 600000: how long the executions may take after the calls)
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { REPO_ROOT, freePort, fmtMs, Timings, tail, sleep, substitute, httpJson } = require('./lib/util');
const n8n = require('./lib/n8n');
const pkg = require('./lib/package');
const { startEmulatorProcess } = require('./lib/emulator');
const services = require('./lib/services');
const qw = require('./lib/queue-workflows');

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);

const opts = {
  skipBuild: process.env.QUEUE_SKIP_BUILD === '1' || process.argv.includes('--skip-build'),
  keep: process.env.QUEUE_KEEP === '1' || process.argv.includes('--keep'),
  calls: Math.max(5, Number(process.env.QUEUE_CALLS || 220)),
  concurrency: Math.max(1, Number(process.env.QUEUE_WORKER_CONCURRENCY || 5)),
  timeoutMs: Number(process.env.QUEUE_TIMEOUT_MS || 600000),
};
for (const a of process.argv.slice(2)) {
  if (!['--skip-build', '--keep'].includes(a)) { process.stderr.write(`unknown argument ${a}\n`); process.exit(2); }
}

// The workload: which example, its share of the calls, and what each call carries.
const WORKLOAD = [
  // Each call marks ONE different Constant Contact registration paid: every write is traceable.
  // Max Retries 10 instead of 5: today's limiter is per execution, so ten executions at once send up to
  // ten times Constant Contact's 4 requests per second and draw 429s; with 5 retries an unlucky one
  // fails. This is the workaround docs/running-at-scale.md gives until a shared limiter exists.
  { example: 'constant-contact-mark-paid', provider: 'constant-contact', share: 60, bodyDriven: 'Payments Sheet', requestOptions: { maxRetries: 10 }, limitPerSecond: 4 },
  // Each call sets the same Flexiown payment to completed (allowed again and again): one POST per execution.
  { example: 'flexiown-mark-completed', provider: 'flexiown', share: 40 },
  { example: 'vivenu-transactions', provider: 'vivenu', share: 40 },
  { example: 'fourvenues-daily-payments', provider: 'fourvenues', share: 40 },
  { example: 'restrict-content-pro-nightly-export', provider: 'restrict-content-pro', share: 40 },
];

let passed = 0;
let failed = 0;
const check = (ok, what, detail) => {
  if (ok) { passed += 1; say(`ok - ${what}`); } else { failed += 1; say(`not ok - ${what}${detail ? `: ${detail}` : ''}`); }
  return ok;
};

async function main() {
  const started = Date.now();
  const timings = new Timings();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
  const logFile = path.join(tmp, 'setup.log');
  fs.writeFileSync(logFile, '');
  note(`temp dir ${tmp}`);

  const cleanups = []; // run in reverse order
  let cleaning = null;
  const cleanup = () => {
    if (!cleaning) {
      cleaning = (async () => {
        for (const f of cleanups.reverse()) { try { await f(); } catch (e) { process.stderr.write(`cleanup: ${e.message}\n`); } }
      })();
    }
    return cleaning;
  };
  // Everything goes, also after a failure or Ctrl-C (a failure prints the logs' last lines first);
  // --keep keeps the logs (databases, user folders and the tarball go anyway).
  const removeTemp = () => {
    if (!opts.keep) { fs.rmSync(tmp, { recursive: true, force: true }); return; }
    for (const d of ['pg', 'redis', 'users', 'pack', 'import']) fs.rmSync(path.join(tmp, d), { recursive: true, force: true });
    note(`kept the logs in ${tmp}`);
  };
  let interrupted = false;
  const onSignal = (sig) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\nqueue: interrupted by ${sig}, stopping n8n, the emulator, Redis and PostgreSQL\n`);
    failed += 1;
    cleanup().finally(() => {
      removeTemp();
      say(`queue: ${passed} passed, ${failed} failed`);
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // --- binaries, services ---------------------------------------------------------------------
    const { nodeBin, n8nBin } = await timings.time('locate/install n8n', async () => n8n.ensureN8n());
    const apt = await timings.time('Redis + PostgreSQL packages', () => services.ensurePackages({ logFile, say: note }));
    note(`redis-server, postgresql: ${apt}`);
    const npmEnv = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` };
    if (!opts.skipBuild) await timings.time('npm run build', () => pkg.build(REPO_ROOT, { env: npmEnv, logFile }));
    const packed = await timings.time('npm pack', () => pkg.pack(REPO_ROOT, path.join(tmp, 'pack'), { env: npmEnv, logFile }));

    const redis = await timings.time('start Redis', async () =>
      services.startRedis({ dir: path.join(tmp, 'redis'), port: await freePort(), logFile: path.join(tmp, 'redis.log') }));
    cleanups.push(() => redis.stop());
    const pgPassword = crypto.randomBytes(12).toString('hex');
    const pg = await timings.time('start PostgreSQL (initdb)', async () =>
      services.startPostgres({ dir: path.join(tmp, 'pg'), port: await freePort(), logFile: path.join(tmp, 'postgres.log'), password: pgPassword }));
    cleanups.push(() => pg.stop());
    note(`Redis 127.0.0.1:${redis.port}, PostgreSQL 127.0.0.1:${pg.port} (database ${pg.database}, user ${pg.user})`);

    const emulator = await timings.time('start emulator', async () =>
      startEmulatorProcess({ port: await freePort(), nodeBin, logFile: path.join(tmp, 'emulator.log') }));
    cleanups.push(() => emulator.stop());
    // Enough payable Constant Contact registrations for one per call.
    const ccCalls = Math.round((opts.calls * WORKLOAD[0].share) / WORKLOAD.reduce((a, w) => a + w.share, 0));
    await emulator.client.reset({ size: { 'constant-contact': { registrations: Math.max(40, Math.ceil(ccCalls * 1.3) + 10) } } });

    // --- one user folder per process, the tarball installed into each ----------------------------
    const roles = [
      { name: 'main', command: ['start'] },
      { name: 'worker-1', command: ['worker', `--concurrency=${opts.concurrency}`], worker: true },
      { name: 'worker-2', command: ['worker', `--concurrency=${opts.concurrency}`], worker: true },
      { name: 'webhook', command: ['webhook'] },
    ];
    for (const r of roles) {
      r.userFolder = path.join(tmp, 'users', r.name);
      r.logFile = path.join(tmp, `n8n-${r.name}.log`);
      fs.writeFileSync(r.logFile, '');
      [r.port, r.brokerPort] = [await freePort(), await freePort()];
      if (r.worker) r.healthPort = await freePort();
    }
    await timings.time(`install the tarball into ${roles.length} user folders`, async () => {
      for (const r of roles) await pkg.installIntoUserFolder(packed.tarball, r.userFolder, { env: npmEnv, logFile });
    });
    const webhookRole = roles.find((r) => r.name === 'webhook');
    const webhookBase = `http://127.0.0.1:${webhookRole.port}`;
    const encryptionKey = crypto.randomBytes(24).toString('hex');
    const disabled = n8n.disabledModules(n8nBin, process.env.E2E_DISABLED_MODULES ?? n8n.E2E_DISABLED_MODULES);
    const ctxFor = (r) => ({
      nodeBin, n8nBin, logFile: r.logFile,
      env: (() => {
        const env = n8n.n8nEnv({
          nodeBin, userFolder: r.userFolder, port: r.port, brokerPort: r.brokerPort,
          extra: {
            EXECUTIONS_MODE: 'queue',
            N8N_ENCRYPTION_KEY: encryptionKey,
            DB_TYPE: 'postgresdb',
            DB_POSTGRESDB_HOST: pg.host,
            DB_POSTGRESDB_PORT: String(pg.port),
            DB_POSTGRESDB_DATABASE: pg.database,
            DB_POSTGRESDB_USER: pg.user,
            DB_POSTGRESDB_PASSWORD: pg.password,
            QUEUE_BULL_REDIS_HOST: redis.host,
            QUEUE_BULL_REDIS_PORT: String(redis.port),
            WEBHOOK_URL: `${webhookBase}/`,
            // Production webhooks only on the webhook processor, as n8n recommends with one.
            N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
            EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
            ...(r.worker ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(r.healthPort) } : {}),
            ...(disabled ? { N8N_DISABLED_MODULES: disabled } : {}),
          },
        });
        delete env.DB_SQLITE_POOL_SIZE;
        return env;
      })(),
    });
    for (const r of roles) r.ctx = ctxFor(r);
    const mainCtx = roles[0].ctx;

    // --- credentials + webhook-triggered copies of the examples ------------------------------------
    const vars = { EMULATOR_URL: emulator.url, EMULATOR_PORT: String(emulator.port) };
    const credDir = path.join(REPO_ROOT, 'examples', 'credentials');
    const credentials = fs.readdirSync(credDir).filter((f) => f.endsWith('.json')).sort()
      .flatMap((f) => substitute(JSON.parse(fs.readFileSync(path.join(credDir, f), 'utf8')), vars));
    const shareSum = WORKLOAD.reduce((a, w) => a + w.share, 0);
    let assigned = 0;
    for (const [i, w] of WORKLOAD.entries()) {
      const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', `${w.example}.json`), 'utf8'));
      w.id = `queue${String(example.id).slice(0, 16)}`;
      w.path = `queue-test-${w.example}`;
      w.workflow = qw.webhookCopy(example, { id: w.id, path: w.path, bodyDriven: w.bodyDriven });
      if (w.requestOptions) {
        for (const n of w.workflow.nodes.filter((x) => String(x.type).startsWith(qw.PKG_PREFIX))) {
          n.parameters.requestOptions = { ...(n.parameters.requestOptions || {}), ...w.requestOptions };
        }
      }
      w.calls = i === WORKLOAD.length - 1 ? opts.calls - assigned : Math.round((opts.calls * w.share) / shareSum);
      assigned += w.calls;
    }
    const importDir = path.join(tmp, 'import');
    fs.mkdirSync(importDir);
    fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(credentials, null, 2));
    fs.writeFileSync(path.join(importDir, 'workflows.json'), JSON.stringify(WORKLOAD.map((w) => w.workflow), null, 2));
    // The first n8n command on the empty database runs n8n's migrations.
    await timings.time(`n8n import:credentials (${credentials.length}, runs the migrations)`, () =>
      n8n.importCredentials(mainCtx, path.join(importDir, 'credentials.json')));
    await timings.time(`n8n import:workflow (${WORKLOAD.length})`, () =>
      n8n.importWorkflows(mainCtx, path.join(importDir, 'workflows.json')));

    // --- the cluster ---------------------------------------------------------------------------------
    const startTimeout = Number(process.env.QUEUE_START_TIMEOUT_MS || 240000);
    for (const r of roles) {
      r.server = new n8n.N8nServer(r.ctx, { command: r.command, healthPort: r.healthPort });
      cleanups.push(() => r.server.stop(20000));
    }
    // The main first; it activates the workflows (publishes them, in n8n 2.x terms) and registers their
    // webhooks in the database, where the webhook processor finds them. Activation needs an owner:
    // `import:workflow --activeState=fromJson` fails with "User attempted to activate a workflow
    // without permissions" on a database without one, so the editor's REST calls do it.
    const main = roles[0].server;
    await timings.time('n8n start (main) until ready', () => main.start({ timeoutMs: startTimeout }));
    await timings.time('owner setup + activate the workflows', async () => {
      await main.ensureOwner({ email: 'queue@example.com', password: 'Queue-Test-Password-1', firstName: 'Queue', lastName: 'Test' });
      for (const w of WORKLOAD) {
        const got = await main.request('GET', `/rest/workflows/${w.id}`);
        const versionId = got.body && got.body.data && got.body.data.versionId;
        const r = await main.request('POST', `/rest/workflows/${w.id}/activate`, { versionId });
        if (r.status !== 200) throw new Error(`activating ${w.id} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      }
    });
    await timings.time('2 × n8n worker + n8n webhook until ready', () =>
      Promise.all(roles.slice(1).map((r) => r.server.start({ timeoutMs: startTimeout }))));
    // Webhooks are in the database once the main has activated the workflows.
    const paths = WORKLOAD.map((w) => w.path);
    await timings.time('webhooks registered', async () => {
      const deadline = Date.now() + 120000;
      for (;;) {
        const out = await pg.psql(`select count(*) from webhook_entity where "webhookPath" in (${paths.map((p) => `'${p}'`).join(',')})`, pg.database);
        if (Number(out.trim()) >= paths.length) return;
        if (Date.now() > deadline) throw new Error(`only ${out.trim()} of ${paths.length} webhooks registered after 120 s (see n8n-main.log)`);
        await sleep(500);
      }
    });
    check(true, `cluster up: main, 2 workers (concurrency ${opts.concurrency}), webhook processor; ${paths.length} active webhook workflows`);
    await emulator.client.clearRequests();

    // --- the load -------------------------------------------------------------------------------------
    const cc = await emulator.client.state('constant-contact');
    const payable = cc.fixtures.payableRegistrationIds;
    const ccWork = WORKLOAD.find((w) => w.provider === 'constant-contact');
    if (payable.length < ccWork.calls) throw new Error(`emulator has ${payable.length} payable registrations, need ${ccWork.calls}`);
    const calls = [];
    for (const w of WORKLOAD) {
      for (let k = 0; k < w.calls; k++) {
        const body = w === ccWork
          ? { rows: [{ registration_id: payable[k], event_id: cc.fixtures.eventId, name: `queue test ${k}`, amount: 10, paid_by: 'queue test' }] }
          : { call: k };
        calls.push({ w, body });
      }
    }
    // Interleave the workflows (deterministic shuffle) so every worker sees a mix.
    for (let i = calls.length - 1; i > 0; i--) {
      const j = (i * 7919 + 13) % (i + 1);
      [calls[i], calls[j]] = [calls[j], calls[i]];
    }
    const fireStart = Date.now();
    const answers = await Promise.all(calls.map(async (c) => {
      try {
        const r = await httpJson('POST', `${webhookBase}/webhook/${c.w.path}`, { body: c.body, timeoutMs: 120000 });
        return r.status;
      } catch (e) { return e.message; }
    }));
    const fireMs = Date.now() - fireStart;
    timings.add(`${calls.length} webhook calls answered`, fireMs);
    const accepted = answers.filter((s) => s === 200).length;
    const refused = answers.filter((s) => s !== 200);
    check(accepted === calls.length, `${calls.length} concurrent POSTs to the webhook processor all accepted`,
      `${refused.length} not: ${[...new Set(refused.map(String))].slice(0, 5).join(', ')}`);

    // --- wait for the executions -----------------------------------------------------------------------
    const ids = WORKLOAD.map((w) => `'${w.id}'`).join(',');
    const waited = await timings.time('executions finished', async () => {
      const deadline = Date.now() + opts.timeoutMs;
      let last = '';
      for (;;) {
        const out = await pg.psql(`select count(*) filter (where "stoppedAt" is not null), count(*) from execution_entity where "workflowId" in (${ids})`, pg.database);
        const [done, total] = out.trim().split('|').map(Number);
        last = `${done} of ${total} finished (${accepted} calls accepted)`;
        if (total >= accepted && done === total) return last;
        if (Date.now() > deadline) return `timed out: ${last}`;
        await sleep(1000);
      }
    });
    const runMs = Date.now() - fireStart;
    note(`executions: ${waited}, ${fmtMs(runMs)} after the first call`);

    // --- read back and check -----------------------------------------------------------------------------
    const flatted = n8n.loadFlatted(n8nBin);
    const rowsJson = await pg.psql(`select coalesce(json_agg(json_build_object('id', e.id, 'workflowId', e."workflowId",
      'status', e.status, 'mode', e.mode, 'data', d.data) order by e.id), '[]') from execution_entity e
      left join execution_data d on d."executionId" = e.id where e."workflowId" in (${ids})`, pg.database);
    const executions = JSON.parse(rowsJson);
    const starts = {};
    for (const r of roles) starts[r.name] = qw.workerStarts(fs.readFileSync(r.logFile, 'utf8'));
    let totalItems = 0;
    let lost = 0;
    let duplicates = 0;
    for (const w of WORKLOAD) {
      const mine = executions.filter((e) => e.workflowId === w.id);
      const bad = mine.filter((e) => e.status !== 'success');
      const counts = mine.map((e) => {
        let runData = {};
        try { runData = ((flatted.parse(e.data) || {}).resultData || {}).runData || {}; } catch { /* counted as lost below */ }
        return qw.packageNodeItems(w.workflow, runData);
      });
      const expected = {};
      for (const node of Object.keys(counts[0] || {})) {
        expected[node] = qw.mode(counts.map((c) => c[node]).filter((v) => v !== null));
        if (w === ccWork) expected[node] = 1; // one registration per call
      }
      let items = 0;
      let short = 0;
      for (const c of counts) {
        for (const [node, want] of Object.entries(expected)) {
          const got = c[node];
          items += got || 0;
          if (got !== want) short += 1;
        }
      }
      totalItems += items;
      lost += short + Math.max(0, w.calls - mine.length);
      duplicates += Math.max(0, mine.length - w.calls);
      const modes = [...new Set(mine.map((e) => e.mode))].join(',');
      check(mine.length === w.calls && bad.length === 0 && short === 0,
        `${w.example}: ${w.calls} webhook calls → ${mine.length} executions (mode ${modes || '-'}), all succeeded, ${items} items (${Object.entries(expected).map(([n, v]) => `${n}: ${v}`).join(', ')} each)`,
        `${bad.length} not successful (${[...new Set(bad.map((e) => e.status))].join(',')}), ${short} node outputs with a different item count`);
    }
    // Ran on workers, each exactly once; the main and the webhook processor ran none of them.
    const onWorker = {};
    for (const r of roles.filter((x) => x.worker)) {
      for (const [id, n] of Object.entries(starts[r.name])) onWorker[id] = (onWorker[id] || 0) + n;
    }
    const notOnWorker = executions.filter((e) => !onWorker[e.id]).length;
    const twice = executions.filter((e) => (onWorker[e.id] || 0) > 1).length;
    duplicates += twice;
    const perWorker = roles.filter((x) => x.worker).map((r) => `${r.name} ${executions.filter((e) => starts[r.name][e.id]).length}`).join(', ');
    const elsewhere = ['main', 'webhook'].reduce((a, n) => a + Object.keys(starts[n]).length, 0);
    check(notOnWorker === 0 && twice === 0 && elsewhere === 0 && roles.filter((x) => x.worker).every((r) => Object.keys(starts[r.name]).length > 0),
      `every execution ran on a worker exactly once (${perWorker})`,
      `${notOnWorker} not seen on a worker, ${twice} started twice, ${elsewhere} on main/webhook`);

    // Writes: Constant Contact registrations each updated exactly once; Flexiown one POST per execution.
    const ccState = await emulator.client.state('constant-contact');
    const sent = new Set(payable.slice(0, ccWork.calls));
    const updatedTimes = {};
    for (const u of ccState.bulkUpdates || []) for (const id of u.updated || []) updatedTimes[id] = (updatedTimes[id] || 0) + 1;
    const ccTwice = Object.values(updatedTimes).filter((n) => n > 1).length;
    const ccMissing = [...sent].filter((id) => !updatedTimes[id]).length;
    const ccStray = Object.keys(updatedTimes).filter((id) => !sent.has(id)).length;
    duplicates += ccTwice;
    // A registration not updated because its execution failed is already counted as a lost item above.
    const ccFailed = executions.filter((e) => e.workflowId === ccWork.id && e.status !== 'success').length;
    lost += Math.max(0, ccMissing - ccFailed);
    check(ccTwice === 0 && ccMissing === 0 && ccStray === 0,
      `constant-contact: ${sent.size} registrations marked paid, each exactly once (${(ccState.bulkUpdates || []).length} bulk updates applied)`,
      `${ccTwice} updated twice, ${ccMissing} never, ${ccStray} not asked for`);
    const log = await emulator.client.requests();
    const foWork = WORKLOAD.find((w) => w.provider === 'flexiown');
    const foWrites = log.filter((e) => e.provider === 'flexiown' && e.method === 'POST' && e.status >= 200 && e.status < 300).length;
    duplicates += Math.max(0, foWrites - foWork.calls);
    lost += Math.max(0, foWork.calls - foWrites);
    check(foWrites === foWork.calls, `flexiown: ${foWrites} status updates applied for ${foWork.calls} executions`);
    if (log.length && log[0].seq > 1) note(`the emulator's request log dropped ${log[0].seq - 1} old entries: counts below are partial`);

    // --- tallies -------------------------------------------------------------------------------------------
    const stats = qw.requestStats(log);
    note('tallies');
    note(`  executions: ${executions.length} (${executions.filter((e) => e.status === 'success').length} success) from ${calls.length} webhook calls in ${fmtMs(fireMs)}, all done ${fmtMs(runMs)} after the first`);
    note(`  items: ${totalItems}`);
    for (const [p, s] of Object.entries(stats).sort()) {
      note(`  ${p}: ${s.requests} requests, peak ${s.peakRps} req/s (accepted ${s.peakAcceptedRps}/s), 429s: ${s.s429}`);
    }
    note(`  429s: ${Object.values(stats).reduce((a, s) => a + s.s429, 0)}`);
    // Provider limits across the whole cluster: what the package's limiter does not do yet (a limiter
    // shared across executions is planned, issue 14). Reported; a failure only with QUEUE_EXPECT_SHARED_LIMIT=1.
    for (const w of WORKLOAD.filter((x) => x.limitPerSecond)) {
      const s = stats[w.provider] || { peakRps: 0 };
      const held = s.peakRps <= w.limitPerSecond;
      if (process.env.QUEUE_EXPECT_SHARED_LIMIT === '1') check(held, `${w.provider}: at most ${w.limitPerSecond} requests in any second across the cluster (peak ${s.peakRps})`);
      else note(`  ${w.provider} limit ${w.limitPerSecond}/s across the cluster: ${held ? 'held' : `NOT held (peak ${s.peakRps}/s sent; the limiter is per execution today)`}`);
    }
    note(`  duplicates: ${duplicates}`);
    note(`  lost: ${lost}`);
    check(duplicates === 0 && lost === 0, `duplicates: ${duplicates}, lost: ${lost}`);
  } catch (e) {
    if (!interrupted) check(false, 'queue-mode run', e.message);
  } finally {
    if (failed && !interrupted) {
      for (const f of fs.readdirSync(tmp).filter((x) => x.endsWith('.log')).sort()) {
        const text = tail(path.join(tmp, f), 25).trim();
        if (text) process.stderr.write(`--- last lines of ${f}\n${text}\n`);
      }
      if (!opts.keep) process.stderr.write('(run again with --keep to keep the logs)\n');
    }
    await timings.time('stop everything', () => cleanup());
    if (interrupted) return; // onSignal reports and exits
    for (const l of timings.lines()) note(l);
    note(`total ${fmtMs(Date.now() - started)}`);
    removeTemp();
    say(`queue: ${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  say(`queue: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
