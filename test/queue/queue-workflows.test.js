'use strict';
// The pure parts of the queue-mode test (scripts/lib/queue-workflows.js): how an example becomes a
// webhook-triggered production workflow, and how the emulator's request log becomes tallies.
const path = require('path');
const qw = require('../../scripts/lib/queue-workflows');

const example = (name) => require(path.join(__dirname, '..', '..', 'examples', `${name}.json`));

describe('webhookCopy', () => {
  test('replaces the Manual Trigger with an active POST webhook and keeps the rest wired', () => {
    const src = example('vivenu-transactions');
    const wf = qw.webhookCopy(src, { id: 'queueX', path: 'queue-test-x' });
    const hook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
    expect(hook.parameters).toMatchObject({ httpMethod: 'POST', path: 'queue-test-x', responseMode: 'onReceived' });
    expect(hook.webhookId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(false);
    expect(wf.connections[hook.name].main[0][0].node).toBe('Get Completed Transactions');
    expect(wf).toMatchObject({ id: 'queueX', active: true });
    expect(src.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true); // source untouched
  });

  test('drops what does not hang off the Manual Trigger (Schedule Triggers) and is stable', () => {
    const src = example('restrict-content-pro-nightly-export');
    const a = qw.webhookCopy(src, { id: 'queueR', path: 'p' });
    expect(a.nodes.map((n) => n.type)).not.toContain('n8n-nodes-base.scheduleTrigger');
    expect(a.nodes.map((n) => n.name)).not.toContain('Yesterday');
    expect(qw.webhookCopy(src, { id: 'queueR', path: 'p' })).toEqual(a);
  });

  test('bodyDriven takes a Set node\'s JSON from the webhook body', () => {
    const wf = qw.webhookCopy(example('constant-contact-mark-paid'), { id: 'queueC', path: 'c', bodyDriven: 'Payments Sheet' });
    expect(wf.nodes.find((n) => n.name === 'Payments Sheet').parameters.jsonOutput).toBe('={{ JSON.stringify($json.body) }}');
  });
});

describe('triggerCopy', () => {
  test('keeps the trigger and what hangs off it, with its own webhookId, active', () => {
    const src = example('vivenu-trigger-tickets');
    const { workflow, trigger } = qw.triggerCopy(src, { id: 'queueV' });
    expect(trigger).toBe('On Completed Order');
    expect(workflow.nodes.map((n) => n.name).sort()).toEqual(['Get Tickets', 'On Completed Order']);
    expect(Object.keys(workflow.connections)).toEqual(['On Completed Order']);
    const node = workflow.nodes.find((n) => n.name === trigger);
    expect(node.webhookId).toBe(qw.uuidFrom('queueV/webhook'));
    expect(node.webhookId).not.toBe(src.nodes.find((n) => n.name === trigger).webhookId);
    expect(workflow).toMatchObject({ id: 'queueV', active: true });
    expect(workflow.pinData).toBeUndefined();
  });

  test('pollTimes replaces a polling trigger\'s schedule', () => {
    const pollTimes = { item: [{ mode: 'everyMinute' }] };
    const { workflow, trigger } = qw.triggerCopy(example('restrict-content-pro-trigger-refunds'), { id: 'queueR', pollTimes });
    expect(workflow.nodes.find((n) => n.name === trigger).parameters.pollTimes).toEqual(pollTimes);
    expect(workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(false);
  });

  test('an example without a trigger of this package is refused', () => {
    expect(() => qw.triggerCopy(example('vivenu-transactions'), { id: 'x' })).toThrow(/no trigger node/);
  });
});

describe('tallies', () => {
  test('compareEmitted: missing, emitted twice and unexpected keys', () => {
    expect(qw.compareEmitted(['a', 'b', 'c'], ['a', 'b', 'b', 'd'])).toEqual({ missing: ['c'], duplicated: ['b'], unexpected: ['d'] });
    expect(qw.compareEmitted(['a'], ['a'])).toEqual({ missing: [], duplicated: [], unexpected: [] });
  });

  test('nodeOutput: the JSON of the last run, null when the node did not run or failed', () => {
    const runData = { A: [{ data: { main: [[{ json: { x: 1 } }]] } }, { data: { main: [[{ json: { x: 2 } }, { json: { x: 3 } }]] } }], B: [{ error: {} }] };
    expect(qw.nodeOutput(runData, 'A')).toEqual([{ x: 2 }, { x: 3 }]);
    expect(qw.nodeOutput(runData, 'B')).toBeNull();
    expect(qw.nodeOutput(runData, 'C')).toBeNull();
  });

  test('requestStats: per provider counts, 429s and the busiest one-second window', () => {
    const t0 = Date.parse('2026-12-01T10:00:00.000Z');
    const at = (ms) => new Date(t0 + ms).toISOString();
    const log = [
      { provider: 'cc', status: 200, at: at(0) }, { provider: 'cc', status: 429, at: at(100) },
      { provider: 'cc', status: 200, at: at(900) }, { provider: 'cc', status: 200, at: at(1500) },
      { provider: 'v', status: 200, at: at(0) },
    ];
    expect(qw.requestStats(log)).toEqual({
      cc: { requests: 4, s429: 1, peakRps: 3, peakAcceptedRps: 2 },
      v: { requests: 1, s429: 0, peakRps: 1, peakAcceptedRps: 1 },
    });
  });

  test('workerStarts counts each execution a worker log started', () => {
    const log = 'Worker started execution 3 (job 3)\nWorker finished execution 3 (job 3)\nWorker started execution 4 (job 5)\nWorker started execution 4 (job 5)\n';
    expect(qw.workerStarts(log)).toEqual({ 3: 1, 4: 2 });
  });

  test('packageNodeItems reads the last run of this package\'s nodes; a failed node counts as null', () => {
    const wf = { nodes: [{ name: 'A', type: `${qw.PKG_PREFIX}vivenu` }, { name: 'B', type: `${qw.PKG_PREFIX}vivenu` }, { name: 'S', type: 'n8n-nodes-base.set' }] };
    const runData = { A: [{ data: { main: [[{}, {}]] } }], B: [{ error: { message: 'x' } }], S: [{ data: { main: [[{}]] } }] };
    expect(qw.packageNodeItems(wf, runData)).toEqual({ A: 2, B: null });
    expect(qw.mode([2, 3, 2, null])).toBe(2);
  });
});
