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

/** The executions a webhook started for one workflow. */
async function webhookExecutions(server, workflowId) {
  const filter = encodeURIComponent(JSON.stringify({ workflowId }));
  const r = await server.request('GET', `/rest/executions?filter=${filter}&limit=50`);
  return (r.body?.data?.results ?? []).filter((e) => e.mode === 'webhook');
}

/** Activates a workflow (its current version) and returns n8n's answer. */
async function activate(server, workflowId) {
  const wf = await server.request('GET', `/rest/workflows/${workflowId}`);
  return server.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId: wf.body.data.versionId });
}

module.exports = { sleep, waitFor, webhookExecutions, activate };
