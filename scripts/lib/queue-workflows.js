'use strict';
// The workload of the queue-mode test (scripts/queue.js): webhook-triggered copies of the example
// workflows (examples/*.json), the calls fired at the webhook processor, and the pure checks on what
// came back (executions from PostgreSQL, worker logs, the emulator's request log and state).
const crypto = require('crypto');
const { reachableFrom } = require('./cases');

const PKG_PREFIX = 'n8n-nodes-event-payments.';
const MANUAL = 'n8n-nodes-base.manualTrigger';

/** Deterministic UUID from a string (webhookId must be a UUID and stable between runs). */
function uuidFrom(s) {
  const h = crypto.createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A production copy of one example: its Manual Trigger replaced by a Webhook node (POST
 * /webhook/<path>, answering at once), everything not hanging off it (Schedule Triggers…) dropped,
 * active. `bodyDriven` names a Set node in raw mode whose JSON is taken from the webhook body instead
 * of the example's fixed rows (so every call can carry different records).
 */
function webhookCopy(example, { id, path, bodyDriven } = {}) {
  const wf = JSON.parse(JSON.stringify(example));
  const manual = wf.nodes.find((n) => n.type === MANUAL);
  if (!manual) throw new Error(`${example.id}: no Manual Trigger to replace`);
  const keep = new Set(reachableFrom(wf, manual.name));
  const hookName = 'Webhook (queue test)';
  wf.nodes = wf.nodes.filter((n) => keep.has(n.name) && n.name !== manual.name);
  wf.nodes.unshift({
    id: uuidFrom(`${id}/node`),
    name: hookName,
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    position: manual.position || [0, 0],
    webhookId: uuidFrom(`${id}/webhook`),
    parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
  });
  const connections = {};
  for (const [from, c] of Object.entries(wf.connections || {})) {
    if (!keep.has(from)) continue;
    connections[from === manual.name ? hookName : from] = c;
  }
  wf.connections = connections;
  if (bodyDriven) {
    const set = wf.nodes.find((n) => n.name === bodyDriven);
    if (!set) throw new Error(`${example.id}: no node "${bodyDriven}"`);
    set.parameters = { ...set.parameters, mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}' };
  }
  wf.id = id;
  wf.name = `[queue test] ${example.name}`;
  wf.active = true;
  delete wf.pinData;
  return wf;
}

/**
 * A production copy of one trigger example: the trigger node and what hangs off it (the Manual Trigger
 * branch that stands in for it in the editor dropped), active, with its own id and webhookId (the
 * provider registers `<WEBHOOK_URL>webhook/<webhookId>/webhook` at activation). `pollTimes` replaces a
 * polling trigger's schedule (n8n refuses intervals under a minute).
 */
function triggerCopy(example, { id, pollTimes } = {}) {
  const wf = JSON.parse(JSON.stringify(example));
  const trigger = wf.nodes.find((n) => String(n.type).startsWith(PKG_PREFIX) && /Trigger$/.test(n.type));
  if (!trigger) throw new Error(`${example.id}: no trigger node of this package`);
  const keep = new Set(reachableFrom(wf, trigger.name));
  wf.nodes = wf.nodes.filter((n) => keep.has(n.name));
  wf.connections = Object.fromEntries(Object.entries(wf.connections || {}).filter(([from]) => keep.has(from)));
  if (trigger.webhookId) trigger.webhookId = uuidFrom(`${id}/webhook`);
  if (pollTimes) trigger.parameters = { ...trigger.parameters, pollTimes };
  wf.id = id;
  wf.name = `[queue test] ${example.name}`;
  wf.active = true;
  delete wf.pinData;
  return { workflow: wf, trigger: trigger.name };
}

/** The JSON of the items one node output (main output 0, last run) in an execution's run data; null if it did not run or failed. */
function nodeOutput(runData, name) {
  const runs = runData[name];
  if (!runs || !runs.length) return null;
  const r = runs[runs.length - 1];
  if (r.error) return null;
  return ((((r.data || {}).main || [])[0]) || []).map((i) => i.json);
}

/**
 * Compares the keys a trigger was expected to emit with the keys its executions emitted (one list
 * entry per emitted item): { missing, duplicated, unexpected } key lists.
 */
function compareEmitted(expected, emitted) {
  const times = new Map();
  for (const k of emitted) times.set(k, (times.get(k) || 0) + 1);
  const want = new Set(expected);
  return {
    missing: [...want].filter((k) => !times.has(k)),
    duplicated: [...times].filter(([k, n]) => want.has(k) && n > 1).map(([k]) => k),
    unexpected: [...times.keys()].filter((k) => !want.has(k)),
  };
}

/** Items each of this package's nodes output (main output 0, last run) in one execution's run data. */
function packageNodeItems(workflow, runData) {
  const counts = {};
  for (const n of workflow.nodes || []) {
    if (!String(n.type).startsWith(PKG_PREFIX)) continue;
    const runs = runData[n.name];
    if (!runs || !runs.length) { counts[n.name] = null; continue; }
    const r = runs[runs.length - 1];
    counts[n.name] = r.error ? null : (((r.data || {}).main || [])[0] || []).length;
  }
  return counts;
}

/** The most frequent value in a list (ties: the first seen). */
function mode(values) {
  const tally = new Map();
  for (const v of values) tally.set(v, (tally.get(v) || 0) + 1);
  let best;
  let bestN = 0;
  for (const [v, n] of tally) if (n > bestN) { best = v; bestN = n; }
  return best;
}

/** Epoch ms of a request-log entry's `at` (ISO string or number). */
function atMs(entry) {
  const a = entry.at;
  if (typeof a === 'number') return a;
  const t = Date.parse(a);
  return Number.isFinite(t) ? t : null;
}

/**
 * Per provider: requests, 429s, peak requests per second (most requests whose arrival fell in one
 * 1-second window, sliding over the arrival times) and peak accepted (non-429) per second.
 */
function requestStats(entries) {
  const by = {};
  for (const e of entries) {
    const p = e.provider || '?';
    const s = by[p] || (by[p] = { requests: 0, s429: 0, times: [], okTimes: [] });
    s.requests += 1;
    if (e.status === 429) s.s429 += 1;
    const t = atMs(e);
    if (t !== null) { s.times.push(t); if (e.status !== 429) s.okTimes.push(t); }
  }
  const peak = (times) => {
    times.sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j += 1;
      best = Math.max(best, i - j + 1);
    }
    return best;
  };
  const out = {};
  for (const [p, s] of Object.entries(by)) {
    out[p] = { requests: s.requests, s429: s.s429, peakRps: peak(s.times), peakAcceptedRps: peak(s.okTimes) };
  }
  return out;
}

/** Execution IDs a worker log says it started: { id → count }. */
function workerStarts(logText) {
  const ids = {};
  for (const m of logText.matchAll(/Worker started execution (\d+)/g)) ids[m[1]] = (ids[m[1]] || 0) + 1;
  return ids;
}

module.exports = { webhookCopy, triggerCopy, nodeOutput, compareEmitted, packageNodeItems, mode, requestStats, workerStarts, uuidFrom, PKG_PREFIX };
