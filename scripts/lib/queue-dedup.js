'use strict';
// The per-process de-duplication part of the queue-mode test (scripts/queue.js), run after the load.
// The webhook triggers remember the deliveries they started in the memory of the n8n process that
// received them (nodes/common/triggers/webhook/deliveries.ts), so with several webhook processors a repeat is
// dropped by the process that saw the original and may start one more execution elsewhere: at least
// once, never more than once per process. Each case uses a fresh transaction or payment, so its
// executions are told apart from the load's by the trigger's output.
const crypto = require('crypto');
const fs = require('fs');
const { sleep } = require('./util');

const EVENT = {
  vivenu: { type: 'transaction.complete', data: (id) => ({ transactionId: id }) },
  fourvenues: { type: 'payment.success', data: (id) => ({ payment_id: id }) },
};

/** A fresh record the load never delivered: a COMPLETE vivenu transaction or a paid Fourvenues payment, no automatic delivery. */
async function freshSubject(emulator, provider, { webhook = false } = {}) {
  if (provider === 'vivenu') return (await emulator.control('POST', 'vivenu', '/transactions', { status: 'COMPLETE', webhook })).transaction._id;
  return (await emulator.control('POST', 'fourvenues', '/payments', { status: 'paid', webhook })).payment._id;
}

/** The registered URL and signing secret of a webhook trigger, from the emulator. */
async function registration(emulator, provider) {
  const s = await emulator.state(provider);
  if (provider === 'vivenu') { const w = s.webhooks[0]; return { url: w.url, secret: w.hmacKey }; }
  const w = s.webhookEndpoints[0];
  return { url: w.url, secret: w.sign_secret };
}

/** POSTs exactly these bytes with these headers (a provider's retry, or a captured delivery replayed). */
async function replay(url, rawBody, headers) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody, signal: AbortSignal.timeout(120000) });
  await res.text();
  return res.status;
}

/** What the triggers logged in a webhook processor's log from byte `from` on (the kit's info and warn lines). */
function loggedSince(file, from) {
  const text = fs.readFileSync(file, 'utf8').slice(from);
  const count = (re) => (text.match(re) || []).length;
  return {
    accepted: count(/signed delivery \([^)]+\) accepted/g),
    duplicates: count(/signed delivery \([^)]+\) ignored: duplicate/g),
    refused: count(/delivery refused: missing or invalid/g),
    payloadBase64: count(/signed delivery \(payload:base64\) accepted/g),
  };
}

/**
 * Runs the cases and counts them through `check`. `bases`: the webhook processors' base URLs (A first:
 * the one the triggers registered); `logs`: their log files, in the same order. `executions(ids)`: every execution of those workflows, after all of
 * them stopped ([{ id, runData }]). `nodeOutput(runData, node)`: a node's output items.
 */
async function perProcessDedup({ emulator, triggers, bases, logs, executions, nodeOutput, check, note, settleMs = 5000 }) {
  const hooks = triggers.filter((t) => t.kind === 'webhook');
  const ids = hooks.map((t) => t.id);
  const before = new Set((await executions(ids)).map((e) => e.id));
  const logFrom = logs.map((f) => fs.statSync(f).size);
  /** Executions started since `before`, per trigger item key: { key → [{ signatureForm }] } (waits for them to settle). */
  const started = async () => {
    await sleep(settleMs); // an execution a delivery started is enqueued by now
    const out = {};
    for (const e of (await executions(ids)).filter((x) => !before.has(x.id))) {
      const t = hooks.find((h) => h.id === e.workflowId);
      for (const j of nodeOutput(e.runData, t.triggerName) || []) {
        const k = `${t.provider}:${t.key(j)}`;
        (out[k] = out[k] || []).push({ signatureForm: j.signatureForm });
      }
    }
    return out;
  };
  const tally = {}; // key → { sent: { A: n, B: n }, executions }
  const [A, B] = bases;
  const path = (url) => new URL(url).pathname;
  const cases = [];

  for (const t of hooks) {
    const p = t.provider;
    const { url, secret } = await registration(emulator, p);
    const at = { A: url, B: `${B}${path(url)}` };
    if (!url.startsWith(A)) throw new Error(`${p} Trigger registered ${url}, not the first webhook processor ${A}`);
    // 1. Signed delivery to A, the same bytes and signature again (a retry), a copy with a new x-webhook-id.
    const id = await freshSubject(emulator, p);
    const key = `${p}:${id}`;
    const first = await emulator.triggerWebhook({ provider: p, type: EVENT[p].type, targetUrl: at.A, hmacKey: secret, data: EVENT[p].data(id) });
    const { rawBody, headers } = first.sent;
    const statusesA = [first.status, await replay(at.A, rawBody, headers), await replay(at.A, rawBody, { ...headers, 'x-webhook-id': crypto.randomUUID() })];
    let sentA = 3;
    if (p === 'vivenu') {
      // vivenu's key is type + _id + updatedAt: the same event in a new envelope (new `id`, re-signed) is a repeat too.
      statusesA.push((await emulator.triggerWebhook({ provider: p, type: EVENT[p].type, targetUrl: at.A, hmacKey: secret, data: EVENT[p].data(id) })).status);
      sentA += 1;
    }
    cases.push({ p, key, id, rawBody, headers, at, statusesA, sentA });
  }
  let seen = await started();
  for (const c of cases) {
    const n = (seen[c.key] || []).length;
    tally[c.key] = { A: c.sentA, B: 0, afterA: n };
    check(c.statusesA.every((s) => s === 200) && n === 1,
      `${c.p}: one signed delivery sent ${c.sentA} times to webhook processor A (same bytes and signature; a new x-webhook-id${c.p === 'vivenu' ? '; a new envelope' : ''}) → 200 each, exactly 1 execution`,
      `answers ${c.statusesA.join(',')}, ${n} executions`);
  }

  // 2. The same bytes to B, twice: B does not know A's memory, so at most one more execution (per process).
  for (const c of cases) {
    c.statusesB = [await replay(c.at.B, c.rawBody, c.headers), await replay(c.at.B, c.rawBody, c.headers)];
    tally[c.key].B = 2;
  }
  // 3. Forged (wrong signature) and unsigned deliveries of a fresh record, to each process.
  const forged = [];
  for (const c of cases) {
    const id = await freshSubject(emulator, c.p);
    const statuses = [];
    for (const target of [c.at.A, c.at.B]) {
      const spec = { provider: c.p, type: EVENT[c.p].type, targetUrl: target, data: EVENT[c.p].data(id) };
      statuses.push((await emulator.triggerWebhook({ ...spec, hmacKey: (await registration(emulator, c.p)).secret, badSignature: true })).status);
      statuses.push((await emulator.triggerWebhook(spec)).status);
    }
    forged.push({ p: c.p, key: `${c.p}:${id}`, statuses });
  }
  seen = await started();
  for (const c of cases) {
    const n = (seen[c.key] || []).length;
    tally[c.key].executions = n;
    check(c.statusesB.every((s) => s === 200) && n >= 1 && n <= 2,
      `${c.p}: the same bytes twice to webhook processor B → 200 each, ${n - 1} more execution (de-duplication is per process: at most one more, ${n} ≤ 2 processes that received it), 0 missed`,
      `answers ${c.statusesB.join(',')}, ${n} executions in all`);
  }
  for (const f of forged) {
    const n = (seen[f.key] || []).length;
    tally[f.key] = { A: 2, B: 2, executions: n, forged: true };
    check(f.statuses.every((s) => s === 401) && n === 0,
      `${f.p}: a forged and an unsigned delivery to each webhook processor → 401 each (${f.statuses.join(',')}), no execution`,
      `${n} executions`);
  }

  // 4. Fourvenues signing only the payload (base64), one round of automatic deliveries to the registered URL (A).
  const fv = hooks.find((t) => t.provider === 'fourvenues');
  if (fv) {
    await emulator.control('POST', 'fourvenues', '/webhook-settings', { signatureForm: 'payload:base64' });
    const payments = [];
    try {
      for (let k = 0; k < 3; k++) payments.push(await freshSubject(emulator, 'fourvenues', { webhook: true }));
      await emulator.waitForWebhooks({ provider: 'fourvenues', timeoutMs: 300000 });
    } finally {
      await emulator.control('POST', 'fourvenues', '/webhook-settings', { signatureForm: 'raw-body:hex' });
    }
    const deliveries = (await emulator.webhookDeliveries('fourvenues')).filter((d) => payments.some((id) => String(d.rawBody || '').includes(id)));
    seen = await started();
    const per = payments.map((id) => seen[`fourvenues:${id}`] || []);
    for (const [i, id] of payments.entries()) tally[`fourvenues:${id}`] = { A: deliveries.filter((d) => String(d.rawBody || '').includes(id)).length, B: 0, executions: per[i].length, form: 'payload:base64' };
    check(deliveries.length === payments.length && deliveries.every((d) => d.status === 200)
      && per.every((x) => x.length === 1 && x[0].signatureForm === 'payload:base64'),
    `fourvenues signing payload:base64: ${payments.length} payments → ${deliveries.length} deliveries to webhook processor A → ${per.map((x) => x.length).join('+')} executions, each with signatureForm payload:base64`,
    `answers ${deliveries.map((d) => d.status).join(',')}, forms ${per.map((x) => x.map((y) => y.signatureForm).join('/')).join(', ')}`);
  }

  // What each process says it did: B's copies are its own repeats (one accepted per key at most).
  const [logA, logB] = logs.map((f, i) => loggedSince(f, logFrom[i]));
  const extraOnB = cases.reduce((a, c) => a + tally[c.key].executions - tally[c.key].afterA, 0);
  check(logB.accepted === extraOnB && logB.accepted + logB.duplicates === 2 * cases.length && logA.refused === 2 * cases.length && logB.refused === 2 * cases.length
    && logA.payloadBase64 === (fv ? 3 : 0),
  `webhook processors' logs: A accepted ${logA.accepted} (${logA.payloadBase64} payload:base64), dropped ${logA.duplicates} duplicates, refused ${logA.refused}; B accepted ${logB.accepted}, dropped ${logB.duplicates} duplicates, refused ${logB.refused}`,
  `B's accepted should equal the ${extraOnB} executions B added; refused ${2 * cases.length} on each`);

  // 5. Executions per event key.
  note('per-process de-duplication: deliveries to webhook processors A / B → executions, per event key');
  for (const [k, v] of Object.entries(tally)) {
    note(`  ${k}: A ${v.A}, B ${v.B} → ${v.executions}${v.afterA !== undefined ? ` (${v.afterA} after A)` : ''}${v.forged ? ' (forged/unsigned)' : ''}${v.form ? ` (${v.form})` : ''}`);
  }
}

module.exports = { perProcessDedup };
