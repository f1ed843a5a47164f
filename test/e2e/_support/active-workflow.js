'use strict';
// What the active-workflow cases share: activating a workflow through n8n's REST API (as the editor's
// toggle does), polling for a condition, and listing the webhook executions of one workflow.
// (Folders starting with "_" are not case folders: scripts/lib/cases.js skips them.)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Calls fn every 250 ms until it returns something truthy or the time is up; returns its last value. */
async function waitFor(fn, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await sleep(250);
  }
}

/** The executions of one workflow started in `mode` ('webhook'; 'trigger' for a poll), newest first. */
async function executionsOf(server, workflowId, mode) {
  const filter = encodeURIComponent(JSON.stringify({ workflowId }));
  const r = await server.request('GET', `/rest/executions?filter=${filter}&limit=100`);
  if (r.status !== 200) throw new Error(`GET /rest/executions → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  return (r.body?.data?.results ?? []).filter((e) => e.mode === mode);
}

/** The executions a webhook started for one workflow. */
const webhookExecutions = (server, workflowId) => executionsOf(server, workflowId, 'webhook');

/**
 * What a polling trigger emitted in a real n8n: the json of `node`'s output items in every poll execution
 * of the workflow, oldest execution first, each tagged with its execution id (`_execution`). Waits until
 * every execution has finished.
 */
async function polledItems(server, workflowId, node) {
  const runs = await waitFor(async () => {
    const list = await executionsOf(server, workflowId, 'trigger');
    return list.every((e) => e.stoppedAt) ? list : null;
  });
  if (!runs) throw new Error(`poll executions of ${workflowId} did not finish`);
  const out = [];
  for (const e of runs.slice().sort((a, b) => Number(a.id) - Number(b.id))) {
    const r = await server.request('GET', `/rest/executions/${e.id}`);
    const ex = r.body?.data;
    const data = typeof ex?.data === 'string' ? server.ctx.flatted.parse(ex.data) : ex?.data;
    const runData = data?.resultData?.runData?.[node];
    if (!runData) throw new Error(`execution ${e.id} (${ex?.status}) has no run of "${node}": ${JSON.stringify(data?.resultData?.error ?? {}).slice(0, 300)}`);
    for (const item of runData[0]?.data?.main?.[0] ?? []) out.push({ ...item.json, _execution: e.id });
  }
  return out;
}

/**
 * Waits until the emulator logged `count` more requests matching `match` (a poll's list request) than
 * `since` (a number of matching requests seen before), so at least that many polls have run. Returns
 * the new total.
 */
async function waitForPolls(emulator, provider, match, since, count, timeoutMs = 90000) {
  let total = since;
  const done = await waitFor(async () => {
    total = (await emulator.requests(provider)).filter(match).length;
    return total >= since + count;
  }, timeoutMs);
  if (!done) throw new Error(`expected ${count} more poll(s) of ${provider} within ${timeoutMs / 1000} s, saw ${total - since}`);
  return total;
}

/** Activates a workflow (its current version) and returns n8n's answer. */
async function activate(server, workflowId) {
  const wf = await server.request('GET', `/rest/workflows/${workflowId}`);
  return server.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId: wf.body.data.versionId });
}

/**
 * Waits until `count` webhook executions of the workflow have finished, gives n8n a moment to start any
 * further one, and asserts that there are exactly `count`.
 */
async function expectWebhookExecutions(server, workflowId, count, assert, what) {
  const done = await waitFor(async () => {
    const list = await webhookExecutions(server, workflowId);
    return list.length >= count && list.every((e) => e.stoppedAt) ? list : null;
  });
  await sleep(1500);
  const list = await webhookExecutions(server, workflowId);
  assert.equal(list.length, count, `${what} (executions: ${JSON.stringify((done ?? list).map((e) => e.status))})`);
}

/**
 * After a restart: waits until n8n serves the production webhook `url` again (an unsigned POST is
 * answered by the node, 401, instead of 404 by n8n) and returns that answer's status.
 */
async function webhookServed(url, timeoutMs = 90000) {
  let status = null;
  await waitFor(async () => {
    status = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      .then((r) => r.status, () => null);
    return status !== null && status !== 404;
  }, timeoutMs);
  return status;
}

/** Activates the workflow, runs fn(), and deactivates it again whatever happened. */
async function whileActive(server, workflowId, assert, fn) {
  const activated = await activate(server, workflowId);
  assert.equal(activated.status, 200, `activate → ${activated.status} ${JSON.stringify(activated.body).slice(0, 300)}`);
  try {
    await fn();
  } finally {
    await server.request('POST', `/rest/workflows/${workflowId}/deactivate`, {});
  }
}

/**
 * The bookkeeping of a polling case: `expect(...keys)` adds the items the trigger must emit (as `key(item)`
 * strings); `settle(what)` waits for two more polls and asserts that everything emitted so far, over all
 * executions, is exactly the expected items, each once.
 */
function pollLedger({ server, emulator, assert, workflowId, node, provider, isPoll, key }) {
  const expected = [];
  let polls = 0;
  return {
    expect: (...keys) => expected.push(...keys),
    settle: async (what) => {
      polls = await waitForPolls(emulator, provider, isPoll, polls, 2);
      const got = (await polledItems(server, workflowId, node)).map(key).sort();
      assert.deepEqual(got, expected.slice().sort(), `${what}: emitted items (${polls} polls so far)`);
    },
  };
}

module.exports = { sleep, waitFor, executionsOf, webhookExecutions, polledItems, waitForPolls, activate, whileActive, pollLedger, webhookServed, expectWebhookExecutions };
