'use strict';
// The trigger half of the queue-mode test (scripts/queue.js): active copies of the trigger examples in
// the cluster. The webhook triggers register the webhook processor's URL at the emulator when the main
// activates them, and the emulator's signed deliveries (some sent twice, as a provider's retry would)
// must each start exactly one execution. The polling trigger runs on the main; payments are added and
// changed between its polls, and each new or changed one must be emitted exactly once.
const { sleep } = require('./util');
const qw = require('./queue-workflows');

const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };

/**
 * Which examples, what identifies one emitted item (the trigger node's output), and how many
 * deliveries. `duplicates`: deliveries the emulator sends a second identical copy of (same ID and
 * signature), right after the original's first attempt.
 */
const TRIGGERS = [
  {
    example: 'vivenu-trigger-tickets', provider: 'vivenu', kind: 'webhook', deliveries: 20, duplicates: 5,
    key: (j) => j.data && j.data.transaction && j.data.transaction._id,
  },
  {
    example: 'fourvenues-trigger-paid-orders', provider: 'fourvenues', kind: 'webhook', deliveries: 20, duplicates: 5,
    key: (j) => j.payload && j.payload.payment_id,
  },
  {
    // The example watches refunds only; here every new payment and every status change is emitted.
    example: 'restrict-content-pro-trigger-refunds', provider: 'restrict-content-pro', kind: 'poll',
    parameters: { events: ['newPayment', 'statusChanged'], statuses: [] },
    key: (j) => j.payment && `${j.event}:${j.payment.id}:${j.payment.status}`,
  },
];

/** Loads the trigger examples as active cluster workflows: [{ ...TRIGGERS[i], id, workflow, triggerName }]. */
function prepare(readExample) {
  return TRIGGERS.map((t) => {
    const example = readExample(t.example);
    const id = `queue${String(example.id).slice(0, 16)}`;
    const { workflow, trigger } = qw.triggerCopy(example, { id, pollTimes: t.kind === 'poll' ? EVERY_MINUTE : undefined });
    if (t.parameters) {
      const node = workflow.nodes.find((n) => n.name === trigger);
      node.parameters = { ...node.parameters, ...t.parameters };
    }
    return { ...t, id, workflow, triggerName: trigger };
  });
}

/** The webhook URLs the emulator holds for vivenu and Fourvenues: { provider → [url] }. */
async function registeredUrls(emulator) {
  const v = await emulator.state('vivenu');
  const f = await emulator.state('fourvenues');
  return { vivenu: (v.webhooks || []).map((w) => w.url), fourvenues: (f.webhookEndpoints || []).map((w) => w.url) };
}

/**
 * Fires every webhook trigger's deliveries at once (one vivenu transaction or Fourvenues payment each;
 * the emulator sends a Fourvenues event only to endpoints of the payment's organization, so what was
 * delivered is read back from the deliveries). Returns { provider → [expected key] }. The delivery
 * timeout is raised to 5 minutes: on a loaded 2-core machine the webhook processor can take longer than
 * the providers' 5–10 s to answer, and the emulator would retry what n8n is still handling.
 */
async function fireDeliveries(emulator, triggers) {
  const v = await emulator.state('vivenu');
  const f = await emulator.state('fourvenues');
  const ids = {
    vivenu: v.transactions.filter((t) => t.status === 'COMPLETE').map((t) => t._id),
    fourvenues: f.payments.filter((p) => p.status === 'paid').map((p) => p._id),
  };
  const expected = {};
  await Promise.all(triggers.filter((t) => t.kind === 'webhook').map(async (t) => {
    const chosen = ids[t.provider].slice(0, t.deliveries);
    // Retries keep the providers' schedule, 1,000 times faster than real time (the emulator's default
    // is 60,000 times), so a retry of a failed delivery comes after n8n had a moment to recover.
    await emulator.webhookConfig({ provider: t.provider, timeoutMs: 300000, timeScale: 1 / 1000 });
    if (t.duplicates) await emulator.injectWebhook({ provider: t.provider, duplicate: 1, times: t.duplicates });
    const events = chosen.map((id) => (t.provider === 'vivenu'
      ? { type: 'transaction.complete', data: { transactionId: id } }
      : { type: 'payment.success', data: { payment_id: id } }));
    const sent = await emulator.fireWebhook({ provider: t.provider, events });
    expected[t.provider] = sent.filter((d) => !d.duplicateOf).map((d) => t.key(JSON.parse(d.rawBody)));
    if (!expected[t.provider].length) throw new Error(`the emulator sent no ${t.provider} delivery`);
  }));
  return expected;
}

/** What the emulator's delivery log says per provider: deliveries, copies, attempts, non-2xx finals. */
function deliveryTally(deliveries) {
  const out = {};
  for (const d of deliveries) {
    const s = out[d.provider] || (out[d.provider] = { deliveries: 0, copies: 0, attempts: 0, failed: 0 });
    if (d.duplicateOf) s.copies += 1; else s.deliveries += 1;
    s.attempts += (d.attempts || []).length;
    if (!(d.status >= 200 && d.status < 300)) s.failed += 1;
  }
  return out;
}

/** Is this request log entry a poll of the RCP trigger (newest payments, no filter)? */
const isRcpPoll = (e) => e.provider === 'restrict-content-pro' && e.method === 'GET'
  && /\/payments$/.test(e.providerPath || e.path) && e.query && e.query.order === 'DESC' && !e.query.status;

/**
 * Three complete payments, dated now, made before the poller is activated: the ones the rounds change.
 * Not older ones: the nightly-export workload counts the completed payments of a past day, and changing
 * those while it runs made its executions disagree.
 */
async function seedPayments(emulator) {
  return (await emulator.control('POST', 'restrict-content-pro', '/payments', [{}, {}, {}].map(() => ({ status: 'complete' })))).payments;
}

/**
 * Drives the polling trigger: two rounds of changes (new payments, status changes), each waited for
 * until the trigger's executions emitted it, then one more poll that must emit nothing. `emitted()`
 * returns the keys the finished poll executions emitted so far. Resolves { expected, polls, note }.
 */
async function drivePolling({ emulator, emitted, old, timeoutMs = 200000, log = () => {} }) {
  const rcp = 'restrict-content-pro';
  const expected = [];
  if (!old || old.length < 3) throw new Error('drivePolling needs 3 payments made before activation (seedPayments)');
  const add = async (n) => (await emulator.control('POST', rcp, '/payments', Array.from({ length: n }, () => ({ status: 'complete' })))).payments;
  const change = async (p, status) => {
    await emulator.control('PATCH', rcp, `/payments/${p.id}`, { status });
    expected.push(`statusChanged:${p.id}:${status}`);
  };
  const waitAll = async (what) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = new Set(await emitted());
      const missing = expected.filter((k) => !seen.has(k));
      if (!missing.length) return;
      if (Date.now() > deadline) throw new Error(`polling trigger: ${what} not emitted within ${timeoutMs / 1000} s: ${missing.join(', ')}`);
      await sleep(2000);
    }
  };
  const polls = async () => (await emulator.requests(rcp)).filter(isRcpPoll).length;
  const nextPoll = async (what) => {
    const before = await polls();
    const deadline = Date.now() + 90000;
    while ((await polls()) <= before) {
      if (Date.now() > deadline) throw new Error(`polling trigger: no poll within 90 s ${what}`);
      await sleep(2000);
    }
  };
  const round = async (label, n, changes) => {
    const added = await add(n);
    expected.push(...added.map((p) => `newPayment:${p.id}:complete`));
    for (const [p, status] of changes(added)) await change(p, status);
    log(`polling ${label}: ${n} new payments and status changes made (${expected.length} items expected so far)`);
    await waitAll(label);
  };

  // The first change waits for the first scheduled poll after activation: what the activation poll
  // remembered is not kept (n8n 2.40.7), and the first scheduled poll took changes made before it into
  // its starting point without emitting them (docs/dev/queue-test.md, "Things seen while building it").
  await nextPoll('of activation');
  let round1 = [];
  await round('round 1', 3, (added) => { round1 = added; return [[old[0], 'refunded'], [old[1], 'failed']]; });
  await round('round 2', 2, () => [[round1[0], 'refunded'], [old[2], 'refunded']]);
  // One more poll after everything was emitted: it must find nothing new (no repeat of an emitted item).
  await nextPoll('after round 2');
  await sleep(5000); // an execution that poll started would be queued by now
  return { expected, polls: await polls() };
}

module.exports = { TRIGGERS, prepare, seedPayments, registeredUrls, fireDeliveries, deliveryTally, drivePolling, isRcpPoll };
