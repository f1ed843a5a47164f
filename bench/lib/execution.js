'use strict';
// Runs a workflow through n8n's REST API the way the editor's button does, in three steps the bench
// times separately:
//   server.startRun() (scripts/lib/n8n.js) POST /rest/workflows/:id/run → execution id
//   finished() polls the execution LIST (status, startedAt, stoppedAt; never the run data)
//   read()     one GET /rest/executions/:id with the run data, once the execution is finished
// scripts/lib/n8n.js runWorkflow() polls GET /rest/executions/:id, which carries the whole run data:
// fine for the e2e cases, but a 50,000-item execution is 150+ MB that n8n reads, unflattens and sends
// on every poll, and n8n answers it without data above EXECUTIONS_DATA_MAX_DISPLAY_SIZE (100 MB).
const { sleep } = require('../../scripts/lib/util');

const DONE = (ex) => ex && !['new', 'running', 'waiting'].includes(ex.status) && ex.stoppedAt;

/** The execution's summary from the list endpoint ({ id, status, startedAt, stoppedAt, … }) once it is finished. */
async function finished(server, { workflowId, executionId, timeoutMs }) {
  const q = `filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=20`;
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  while (Date.now() < deadline) {
    await sleep(delay);
    delay = Math.min(delay * 2, 500);
    const r = await server.request('GET', `/rest/executions?${q}`);
    const found = (r.body?.data?.results || []).find((e) => String(e.id) === executionId);
    if (DONE(found)) return found;
  }
  throw new Error(`execution ${executionId} of workflow ${workflowId} did not finish within ${timeoutMs / 1000} s`);
}

/** The finished execution with its run data, in the shape of `n8n execute --rawOutput` ({ status, data: { resultData } }). */
async function read(server, executionId, { timeoutMs = 600000 } = {}) {
  const e = await server.request('GET', `/rest/executions/${executionId}`, undefined, { timeoutMs });
  const ex = e.body?.data;
  if (e.status !== 200 || !ex) throw new Error(`GET /rest/executions/${executionId} → ${e.status}`);
  if (ex.dataTooLargeToDisplay) throw new Error(`n8n withheld the run data of execution ${executionId} as too large to display (EXECUTIONS_DATA_MAX_DISPLAY_SIZE)`);
  const data = typeof ex.data === 'string' ? server.ctx.flatted.parse(ex.data) : ex.data;
  return { ...ex, data };
}

module.exports = { finished, read };
