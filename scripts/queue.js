#!/usr/bin/env node
'use strict';
/*
 * Queue-mode test (`npm run test:queue`): the packed package in a real n8n cluster on this machine.
 *
 *   1. At once: Redis and PostgreSQL from Debian's packages (apt-get update + install when missing;
 *      root needed then), each on a free 127.0.0.1 port with its data in the temp dir; the provider
 *      emulator; npm run build + npm pack, the tarball installed into the ~/.n8n/nodes of each n8n
 *      process (one user folder per process, as on separate machines or containers).
 *   2. n8n import:credentials (examples/credentials, with the rateLimitShare each credential's
 *      processes need; runs the migrations), then `n8n start` (main, production webhooks off), two
 *      `n8n worker --concurrency=N` and two `n8n webhook` (A, whose URL the triggers register, and B)
 *      started together, all EXECUTIONS_MODE=queue.
 *      Through the main's REST API: webhook-triggered copies of examples/*.json and active copies of
 *      the vivenu, Fourvenues and Restrict Content Pro trigger examples, activated.
 *   3. At once: QUEUE_CALLS (default 220) POSTs (40 in flight) at the webhook processor's /webhook/… URLs; 40 signed
 *      vivenu and Fourvenues deliveries (10 of them sent twice) from the emulator to the URLs the
 *      triggers registered; payments added and changed between the RCP trigger's polls on the main.
 *   4. Checks that every call and delivery started exactly one successful execution on a worker, with
 *      the right items; that the poller emitted every change once; that no write was applied twice.
 *   5. Per-process de-duplication (scripts/lib/queue-dedup.js): a signed delivery repeated to webhook
 *      processor A starts one execution; the same bytes to B at most one more; forged and unsigned ones
 *      401 and none; Fourvenues signing only the payload, one execution per payment. A tally per event key.
 *
 * stdout: "ok - …" / "not ok - …" per check, "# …" notes and tallies, last line
 * "queue: N passed, M failed"; exit code 0 only when nothing failed. Logs of every process go to the
 * temp dir; on a failure their last lines are printed to stderr. Everything started here is stopped and
 * the temp dir removed on exit, failure or Ctrl-C (--keep keeps the logs).
 *
 * Options (flags or environment):
 *   --skip-build         QUEUE_SKIP_BUILD=1   pack the existing dist/
 *   --keep               QUEUE_KEEP=1         keep the logs in the temp dir (data is removed anyway)
 *   QUEUE_CALLS (default 220, at least 5), QUEUE_WORKER_CONCURRENCY (default 5),
 *   QUEUE_TIMEOUT_MS (default 600000: how long the executions may take after the calls),
 *   QUEUE_IN_FLIGHT (default 40: calls waiting for an answer at once),
 *   QUEUE_EXPECT_SHARED_LIMIT=0: "Constant Contact got at most 4 requests in any second per key" is only
 *   reported instead of checked
 */
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, fmtMs, Timings, tail, sleep, substitute, httpJson } = require('./lib/util');
const { Stack } = require('./lib/stack');
const cluster = require('./lib/cluster');
const qw = require('./lib/queue-workflows');
const qt = require('./lib/queue-triggers');
const { perProcessDedup } = require('./lib/queue-dedup');

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);

const opts = {
  skipBuild: process.env.QUEUE_SKIP_BUILD === '1' || process.argv.includes('--skip-build'),
  keep: process.env.QUEUE_KEEP === '1' || process.argv.includes('--keep'),
  calls: Math.max(5, Number(process.env.QUEUE_CALLS || 220)),
  concurrency: Math.max(1, Number(process.env.QUEUE_WORKER_CONCURRENCY || 5)),
  timeoutMs: Number(process.env.QUEUE_TIMEOUT_MS || 600000),
  // On by default since the shared limiter (Rate Limit Share) is in; QUEUE_EXPECT_SHARED_LIMIT=0 reports only.
  expectSharedLimit: process.env.QUEUE_EXPECT_SHARED_LIMIT !== '0',
  // Calls waiting for an answer at any moment. All 220 at once made the webhook processor wait longer
  // than its 60 s for a database connection on a busy 2-core machine; 40 still queue far more
  // executions than the workers run at once (2 × 5).
  inFlight: Math.max(1, Number(process.env.QUEUE_IN_FLIGHT || 40)),
};
for (const a of process.argv.slice(2)) {
  if (!['--skip-build', '--keep'].includes(a)) { process.stderr.write(`unknown argument ${a}\n`); process.exit(2); }
}

// The workload: which example, its share of the calls, and what each call carries.
const WORKLOAD = [
  // Each call marks ONE different Constant Contact registration paid: every write is traceable.
  // Max Retries 10 instead of 5: before the shared limiter, ten executions at once drew 429s and with 5
  // retries an unlucky one failed; kept so that a limiter regression shows in the 429 tally, not as a
  // flaky failure.
  { example: 'constant-contact-mark-paid', provider: 'constant-contact', share: 60, bodyDriven: 'Payments Sheet', requestOptions: { maxRetries: 10 }, limitPerSecond: 4 },
  // Each call sets the same Flexiown payment to completed (allowed again and again): one POST per execution.
  { example: 'flexiown-mark-completed', provider: 'flexiown', share: 40 },
  { example: 'vivenu-transactions', provider: 'vivenu', share: 40 },
  { example: 'fourvenues-daily-payments', provider: 'fourvenues', share: 40 },
  { example: 'restrict-content-pro-nightly-export', provider: 'restrict-content-pro', share: 40 },
];

/**
 * rateLimitShare per credential type: 100 divided by the n8n processes that send requests with that
 * credential, so that their shares of the provider's limit add up to at most the limit. Constant
 * Contact and Flexiown: the two workers. vivenu and Fourvenues: the two workers, the webhook processor
 * (the trigger fetches the transaction or payment while it answers the delivery) and the main (it
 * registers the webhook at activation). Restrict Content Pro: the two workers and the main (the poller).
 * The second webhook processor gets only the few deliveries of the de-duplication step, after the load.
 */
const RATE_LIMIT_SHARE = {
  constantContactOAuth2Api: 50, flexiownApi: 50, vivenuApi: 25, fourvenuesApi: 25, restrictContentProApi: 33,
};

let passed = 0;
let failed = 0;
const check = (ok, what, detail) => {
  if (ok) { passed += 1; say(`ok - ${what}`); } else { failed += 1; say(`not ok - ${what}${detail ? `: ${detail}` : ''}`); }
  return ok;
};
const readExample = (name) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', `${name}.json`), 'utf8'));

/** The example credentials with the rateLimitShare each credential's processes need. */
function queueCredentials(emulator) {
  const vars = { EMULATOR_URL: emulator.url, EMULATOR_PORT: String(emulator.port) };
  const credDir = path.join(REPO_ROOT, 'examples', 'credentials');
  return fs.readdirSync(credDir).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => substitute(JSON.parse(fs.readFileSync(path.join(credDir, f), 'utf8')), vars))
    .map((c) => ({ ...c, data: { ...c.data, rateLimitShare: RATE_LIMIT_SHARE[c.type] ?? 100 } }));
}

/** The workload's webhook copies of the examples and their share of the calls; the trigger workflows. */
function prepareWorkload() {
  const shareSum = WORKLOAD.reduce((a, w) => a + w.share, 0);
  let assigned = 0;
  for (const [i, w] of WORKLOAD.entries()) {
    const example = readExample(w.example);
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
  return qt.prepare(readExample);
}

/**
 * The main activates the workflows (publishes them, in n8n 2.x terms) and registers their webhooks in
 * the database, where the webhook processor finds them; activation needs an owner, so the workflows are
 * created and activated through the editor's REST calls.
 */
async function activateAll(main, allWorkflows) {
  for (const wf of allWorkflows) {
    const { id, name, nodes, connections, settings } = wf;
    const created = await main.request('POST', '/rest/workflows', { id, name, nodes, connections, settings: settings || {} });
    if (created.status !== 200) throw new Error(`creating ${id} → ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`);
    const r = await main.request('POST', `/rest/workflows/${id}/activate`, { versionId: created.body.data.versionId });
    if (r.status !== 200) throw new Error(`activating ${id} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}

/** Every webhook in the database and the triggers' registrations at the emulator (checked). */
async function waitRegistrations({ pg, emulator, allWorkflows, triggers, webhookBase, timings }) {
  const hookWorkflows = allWorkflows.filter((wf) => wf.nodes.some((n) => n.webhookId));
  await timings.time('webhooks registered', async () => {
    const deadline = Date.now() + 120000;
    for (;;) {
      const out = await pg.psql(`select count(distinct "workflowId") from webhook_entity where "workflowId" in (${sqlList(hookWorkflows.map((w) => w.id))})`, pg.database);
      if (Number(out.trim()) >= hookWorkflows.length) return;
      if (Date.now() > deadline) throw new Error(`only ${out.trim()} of ${hookWorkflows.length} workflows' webhooks registered after 120 s (see n8n-main.log)`);
      await sleep(500);
    }
  });
  check(true, `cluster up: main, 2 workers (concurrency ${opts.concurrency}), 2 webhook processors; ${allWorkflows.length} active workflows`);
  // The triggers registered the webhook processor's URL at the emulator, once each. n8n 2.40.7 publishes
  // an activated workflow through an outbox after the REST call has answered: wait for the registrations.
  const hookProviders = triggers.filter((x) => x.kind === 'webhook').map((x) => x.provider);
  let urls = {};
  const regDeadline = Date.now() + 120000;
  do {
    urls = await qt.registeredUrls(emulator.client);
    if (hookProviders.every((p) => urls[p].length)) break;
    await sleep(1000);
  } while (Date.now() < regDeadline);
  for (const t of triggers.filter((x) => x.kind === 'webhook')) {
    const want = `${webhookBase}/webhook/${t.workflow.nodes.find((n) => n.name === t.triggerName).webhookId}/webhook`;
    check(urls[t.provider].length === 1 && urls[t.provider][0] === want,
      `${t.provider} Trigger registered the webhook processor's URL once at activation`, `registered: ${JSON.stringify(urls[t.provider])}, want ${want}`);
  }
  await emulator.client.clearRequests();
  await emulator.client.clearStats();
}

/** The load: webhook calls and trigger deliveries at once. */
async function fireLoad({ emulator, triggers, webhookBase, timings }) {
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
  const post = async (c) => {
    try {
      // No short timeout: on a starved machine an answer can take minutes, and latency is not checked.
      const r = await httpJson('POST', `${webhookBase}/webhook/${c.w.path}`, { body: c.body, timeoutMs: opts.timeoutMs });
      return r.status;
    } catch (e) { return e.message; }
  };
  const [answers, expectedDeliveries] = await Promise.all([
    inFlight(calls, opts.inFlight, post),
    qt.fireDeliveries(emulator.client, triggers),
  ]);
  const fireMs = Date.now() - fireStart;
  timings.add(`${calls.length} webhook calls answered`, fireMs);
  const accepted = answers.filter((s) => s === 200).length;
  const refused = answers.filter((s) => s !== 200);
  check(accepted === calls.length, `${calls.length} POSTs to the webhook processor (${opts.inFlight} at a time) all accepted`,
    `${refused.length} not: ${[...new Set(refused.map(String))].slice(0, 5).join(', ')}`);

  return { calls, accepted, expectedDeliveries, fireStart, fireMs, ccWork, payable };
}

/** Waits for the deliveries, the executions and the poller; returns what the checks read. */
async function waitAll({ pg, emulator, triggers, poll, pollDriver, load, timings }) {
  const { accepted, expectedDeliveries, fireStart } = load;
  const loadIds = WORKLOAD.map((w) => w.id);
  const hookTriggers = triggers.filter((t) => t.kind === 'webhook');
  const expectedTriggerRuns = hookTriggers.reduce((a, t) => a + expectedDeliveries[t.provider].length, 0);
  const deliveries = await timings.time('trigger deliveries answered', async () => {
    const out = [];
    for (const t of hookTriggers) out.push(...(await emulator.client.waitForWebhooks({ provider: t.provider, timeoutMs: opts.timeoutMs })).filter((d) => d.provider === t.provider));
    return out;
  });
  const waited = await timings.time('executions finished', () =>
    waitFinished(pg, [...loadIds, ...hookTriggers.map((t) => t.id)], accepted + expectedTriggerRuns, opts.timeoutMs));
  const runMs = Date.now() - fireStart;
  note(`executions: ${waited}, ${fmtMs(runMs)} after the first call`);
  const polled = await timings.time('polling rounds done', () => pollDriver);
  // A poll execution queued by the last poll finishes too.
  await waitFinished(pg, [poll.id], 0, 120000);

  return { loadIds, deliveries, runMs, polled };
}

/** Reads every execution back and checks it (see the header, step 4), then the tallies. */
async function checkResults({ db, pg, roles, emulator, triggers, expectedDeliveries, load, waited }) {
  const { calls, fireMs, ccWork, payable } = load;
  const { loadIds, deliveries, runMs, polled } = waited;
  const executions = await readExecutions(db, [...loadIds, ...triggers.map((t) => t.id)]);
  const starts = {};
  for (const r of roles) starts[r.name] = qw.workerStarts(fs.readFileSync(r.logFile, 'utf8'));
  let totalItems = 0;
  let lost = 0;
  let duplicates = 0;
  for (const w of WORKLOAD) {
    const mine = executions.filter((e) => e.workflowId === w.id);
    const bad = mine.filter((e) => e.status !== 'success');
    const counts = mine.map((e) => qw.packageNodeItems(w.workflow, e.runData));
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

  // Triggers: each delivery or change emitted exactly once, by a successful execution.
  const triggerTally = { expected: 0, seen: 0 };
  const deliveryStats = qt.deliveryTally(deliveries);
  for (const t of triggers) {
    const mine = executions.filter((e) => e.workflowId === t.id);
    const bad = mine.filter((e) => e.status !== 'success');
    const outputs = mine.map((e) => qw.nodeOutput(e.runData, t.triggerName) || []);
    const emitted = outputs.flat().map(t.key);
    const expected = t.kind === 'webhook' ? expectedDeliveries[t.provider] : (polled.expected || []);
    const cmp = qw.compareEmitted(expected, emitted);
    // Items every node of the workflow output (the trigger's and what follows it).
    for (const e of mine) {
      for (const n of t.workflow.nodes) totalItems += (qw.nodeOutput(e.runData, n.name) || []).length;
    }
    lost += cmp.missing.length;
    duplicates += cmp.duplicated.length + (t.kind === 'webhook' ? Math.max(0, mine.length - expected.length) : 0);
    triggerTally.expected += expected.length;
    triggerTally.seen += t.kind === 'webhook' ? mine.length : emitted.length;
    const modes = [...new Set(mine.map((e) => e.mode))].join(',');
    const detail = `${cmp.missing.length} missing, ${cmp.duplicated.length} emitted twice, ${cmp.unexpected.length} unexpected (${cmp.unexpected.slice(0, 3).join(', ')}), ${bad.length} not successful`;
    if (t.kind === 'webhook') {
      // A delivery whose every attempt timed out at the emulator may still have started its execution:
      // what counts is one execution per delivery; the answers are reported.
      const d = deliveryStats[t.provider] || { deliveries: 0, copies: 0, attempts: 0, failed: 0 };
      check(mine.length === expected.length && outputs.every((o) => o.length === 1) && !cmp.missing.length && !cmp.duplicated.length && !cmp.unexpected.length && !bad.length,
        `${t.provider} Trigger: ${d.deliveries} signed deliveries + ${d.copies} identical copies (${d.attempts} attempts) → ${mine.length} executions (mode ${modes || '-'}), one per delivery, each with its own ${t.provider === 'vivenu' ? 'transaction' : 'payment'}`,
        `${detail}, ${d.failed} deliveries not answered 2xx`);
    } else {
      if (!polled.ok) check(false, `${t.provider} Trigger: polling rounds`, polled.error.message);
      check(polled.ok && !cmp.missing.length && !cmp.duplicated.length && !cmp.unexpected.length && !bad.length,
        `${t.provider} Trigger (polling on the main): ${expected.length} new or changed payments in 2 rounds → emitted once each by ${mine.length} executions (mode ${modes || '-'}); ${polled.polls ?? '?'} polls`,
        detail);
    }
  }

  // Ran on workers, each exactly once; the main and the webhook processors ran none of them.
  const onWorker = {};
  for (const r of roles.filter((x) => x.worker)) {
    for (const [id, n] of Object.entries(starts[r.name])) onWorker[id] = (onWorker[id] || 0) + n;
  }
  const notOnWorker = executions.filter((e) => !onWorker[e.id]).length;
  const twice = executions.filter((e) => (onWorker[e.id] || 0) > 1).length;
  duplicates += twice;
  const perWorker = roles.filter((x) => x.worker).map((r) => `${r.name} ${executions.filter((e) => starts[r.name][e.id]).length}`).join(', ');
  const elsewhere = roles.filter((x) => !x.worker).reduce((a, r) => a + Object.keys(starts[r.name]).length, 0);
  check(notOnWorker === 0 && twice === 0 && elsewhere === 0 && roles.filter((x) => x.worker).every((r) => Object.keys(starts[r.name]).length > 0),
    `all ${executions.length} executions ran on a worker, each exactly once (${perWorker})`,
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

  // --- tallies -------------------------------------------------------------------------------------------
  const stats = (await emulator.client.stats()).providers || {};
  note('tallies');
  note(`  executions: ${executions.length} (${executions.filter((e) => e.status === 'success').length} success): ${calls.length} webhook calls answered in ${fmtMs(fireMs)}, all done ${fmtMs(runMs)} after the first`);
  note(`  trigger executions expected/seen: ${triggerTally.expected}/${triggerTally.seen} (webhook deliveries: one execution each; polling: items emitted)`);
  note(`  items: ${totalItems}`);
  for (const [p, s] of Object.entries(stats).sort()) {
    for (const [key, k] of Object.entries(s.keys || {}).sort()) {
      note(`  ${p} key ${redactKey(key)}: ${k.requests} requests, peak ${k.peakPerSecond} req/s (accepted ${k.peakAcceptedPerSecond}/s), 429s: ${k.status429}`);
    }
  }
  note(`  429s: ${Object.values(stats).reduce((a, s) => a + (s.status429 || 0), 0)}`);
  // Provider limits across the whole cluster: a check once the shared limiter is in (rateLimitShare set
  // above); reported otherwise.
  for (const w of WORKLOAD.filter((x) => x.limitPerSecond)) {
    const peak = Math.max(0, ...Object.values((stats[w.provider] || {}).keys || {}).map((k) => k.peakPerSecond));
    const held = peak <= w.limitPerSecond;
    if (opts.expectSharedLimit) check(held, `${w.provider}: at most ${w.limitPerSecond} requests in any second per key across the cluster (peak ${peak})`);
    else note(`  ${w.provider} limit ${w.limitPerSecond}/s across the cluster: ${held ? 'held' : `NOT held (peak ${peak}/s sent)`} (not checked: QUEUE_EXPECT_SHARED_LIMIT=0)`);
  }
  note(`  duplicates: ${duplicates}`);
  note(`  lost: ${lost}`);
  check(duplicates === 0 && lost === 0, `duplicates: ${duplicates}, lost: ${lost}`);
}

async function main() {
  const started = Date.now();
  const timings = new Timings();
  const stack = new Stack({ name: 'queue', timings, keep: opts.keep, logFile: 'setup.log' });
  // --keep keeps the logs; databases, user folders and the tarball go anyway.
  stack.dropOnKeep = ['pg', 'redis', 'users', 'pack'];
  note(`temp dir ${stack.tmp}`);
  stack.trapSignals({
    label: 'queue', what: 'n8n, the emulator, Redis and PostgreSQL',
    onInterrupt: () => { failed += 1; say(`queue: ${passed} passed, ${failed} failed`); },
  });
  try {
    const ccCalls = Math.round((opts.calls * WORKLOAD[0].share) / WORKLOAD.reduce((a, w) => a + w.share, 0));
    const { roles, redis, pg, emulator, webhookBase, webhookBases } = await cluster.clusterUp(stack, {
      // Two webhook processors: the load goes to the first; the second is for per-process de-duplication.
      workers: 2, webhooks: 2, concurrency: opts.concurrency, skipBuild: opts.skipBuild, note,
      // Enough payable Constant Contact registrations for one per call.
      emulatorReset: { size: { 'constant-contact': { registrations: Math.max(40, Math.ceil(ccCalls * 1.3) + 10) } } },
    });
    note(`Redis 127.0.0.1:${redis.port}, PostgreSQL 127.0.0.1:${pg.port} (database ${pg.database}, user ${pg.user})`);
    // The main's debug lines say when the poller ran and what it skipped ("Poll trigger initiated…").
    roles[0].ctx.env.N8N_LOG_LEVEL = 'debug';
    const db = { pg, flatted: stack.flatted };
    const credentials = queueCredentials(emulator);
    const triggers = prepareWorkload();
    const pollSeeds = await qt.seedPayments(emulator.client);
    await stack.importCli(roles[0].ctx, { credentials, credentialsLabel: `n8n import:credentials (${credentials.length}, runs the migrations)` });

    const { main: mainServer, othersReady } = await cluster.clusterStart(stack, {
      owner: { email: 'queue@example.com', password: 'Queue-Test-Password-1', firstName: 'Queue', lastName: 'Test' },
      timeoutMs: Number(process.env.QUEUE_START_TIMEOUT_MS || 420000),
    });
    const allWorkflows = [...WORKLOAD.map((w) => w.workflow), ...triggers.map((t) => t.workflow)];
    await timings.time(`create + activate ${allWorkflows.length} workflows (main)`, () => activateAll(mainServer, allWorkflows));
    // The poller polled once at activation (remembering where the list stands); the changes start now,
    // alongside everything else.
    const poll = triggers.find((t) => t.kind === 'poll');
    const pollDriver = qt.drivePolling({
      emulator: emulator.client,
      old: pollSeeds,
      emitted: async () => (await readExecutions(db, [poll.id], { finishedOnly: true }))
        .flatMap((e) => qw.nodeOutput(e.runData, poll.triggerName) || []).map(poll.key),
      log: note,
    }).then((r) => ({ ok: true, ...r }), (e) => ({ ok: false, error: e }));
    await othersReady;
    await waitRegistrations({ pg, emulator, allWorkflows, triggers, webhookBase, timings });
    const load = await fireLoad({ emulator, triggers, webhookBase, timings });
    const waited = await waitAll({ pg, emulator, triggers, poll, pollDriver, load, timings });
    await checkResults({ db, pg, roles, emulator, triggers, expectedDeliveries: load.expectedDeliveries, load, waited });
    await timings.time('per-process de-duplication', () => perProcessDedup({
      emulator: emulator.client, triggers, bases: webhookBases, logs: roles.filter((r) => r.webhook).map((r) => r.logFile),
      check, note, nodeOutput: qw.nodeOutput,
      executions: async (ids) => { await waitFinished(pg, ids, 0, 120000); return readExecutions(db, ids); },
    }));
  } catch (e) {
    if (!stack.interrupted) check(false, 'queue-mode run', e.message);
  } finally {
    if (failed && !stack.interrupted) {
      for (const f of fs.readdirSync(stack.tmp).filter((x) => x.endsWith('.log')).sort()) {
        const text = tail(path.join(stack.tmp, f), 25).trim();
        if (text) process.stderr.write(`--- last lines of ${f}\n${text}\n`);
      }
      if (!opts.keep) process.stderr.write('(run again with --keep to keep the logs)\n');
    }
    await timings.time('stop everything', () => stack.stop());
  }
  if (stack.interrupted) return; // trapSignals reports and exits
  for (const l of timings.lines()) note(l);
  note(`total ${fmtMs(Date.now() - started)}`);
  if (stack.removeTemp()) note(`kept the logs in ${stack.tmp}`);
  say(`queue: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

/** Runs fn over items with at most `limit` pending at a time; resolves the results in order. */
async function inFlight(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const lane = async () => { while (next < items.length) { const i = next++; out[i] = await fn(items[i]); } };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

const sqlList = (ids) => ids.map((id) => `'${String(id).replace(/'/g, "''")}'`).join(',');

/** A provider key in the tallies: its first 6 characters only (the emulator's keys are demo values, but keys are secrets). */
const redactKey = (key) => (key.length > 10 ? `${key.slice(0, 6)}…` : key);

/** Waits until the workflows have at least `min` executions and all have stopped; returns a summary line. */
async function waitFinished(pg, ids, min, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = await pg.psql(`select count(*) filter (where "stoppedAt" is not null), count(*) from execution_entity where "workflowId" in (${sqlList(ids)})`, pg.database);
    const [done, total] = out.trim().split('|').map(Number);
    const line = `${done} of ${total} finished (${min} expected)`;
    if (total >= min && done === total) return line;
    if (Date.now() > deadline) return `timed out: ${line}`;
    await sleep(1000);
  }
}

/** The executions of these workflows from PostgreSQL: [{ id, workflowId, status, mode, runData }]. */
async function readExecutions({ pg, flatted }, ids, { finishedOnly = false } = {}) {
  const rowsJson = await pg.psql(`select coalesce(json_agg(json_build_object('id', e.id, 'workflowId', e."workflowId",
    'status', e.status, 'mode', e.mode, 'data', d.data) order by e.id), '[]') from execution_entity e
    left join execution_data d on d."executionId" = e.id where e."workflowId" in (${sqlList(ids)})${finishedOnly ? ' and e."stoppedAt" is not null' : ''}`, pg.database);
  return JSON.parse(rowsJson).map(({ data, ...e }) => {
    let runData = {};
    try { runData = ((flatted.parse(data) || {}).resultData || {}).runData || {}; } catch { /* no data: counted as lost by the checks */ }
    return { ...e, runData };
  });
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  say(`queue: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
