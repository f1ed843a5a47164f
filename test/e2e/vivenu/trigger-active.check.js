'use strict';
// The vivenu Trigger in a real, ACTIVE workflow: activation registers the n8n URL at the emulator once,
// a signed delivery starts exactly one execution, a forged or unsigned one gets 401 and
// starts none, a retried duplicate starts none, and deactivation removes the registration.
const WORKFLOW_ID = 'e2eVivenuTrigActive';
const { sleep, waitFor, webhookExecutions, activate } = require('../_support/active-workflow');

exports.timeoutMs = 90000;
// Activates the workflow and reads its executions through n8n's REST API (server engine only).
exports.needsServer = true;

const executions = (server) => webhookExecutions(server, WORKFLOW_ID);

exports.check = async ({ emulator, assert, server }) => {
  assert.ok(server, 'needs the server engine');
  let deactivated;
  const activated = await activate(server, WORKFLOW_ID);
  assert.equal(activated.status, 200, `activate → ${activated.status} ${JSON.stringify(activated.body).slice(0, 300)}`);
  try {
    const url = `http://localhost:${server.port}/webhook/4f7c2a10-e2e0-4b1d-9c3e-a1b2c3d4e5f6/webhook`;
    const all = await waitFor(async () => {
      const list = (await emulator.state('vivenu')).webhooks;
      return list.length ? list : null;
    }, 10000);
    const hooks = (all ?? []).filter((w) => w.url === url);
    assert.equal(hooks.length, 1, `one registration of ${url}; registered: ${JSON.stringify((all ?? []).map((w) => w.url))}; activation: ${activated.body?.data?.active} ${JSON.stringify(activated.body).slice(0, 200)}`);
    assert.deepEqual(hooks[0].events, { 'transaction.canceled': true, 'transaction.complete': true });
    assert.match(hooks[0].hmacKey, /^[0-9a-f]{64}$/);

    // A signed delivery: one execution.
    const { fixtures } = await emulator.state('vivenu');
    await emulator.fireWebhook({ provider: 'vivenu', type: 'transaction.complete', data: { transactionId: fixtures.completeTransactionId } });
    await emulator.waitForWebhooks({ provider: 'vivenu', timeoutMs: 20000 });
    const deliveries = await emulator.webhookDeliveries('vivenu');
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0].status, 200);
    const runs = await waitFor(async () => {
      const list = await executions(server);
      return list.length >= 1 && list.every((e) => e.stoppedAt) ? list : null;
    });
    assert.ok(runs, 'the signed delivery started an execution');
    await sleep(1000);
    const after1 = await executions(server);
    const saved = (await server.request('GET', `/rest/workflows/${WORKFLOW_ID}`)).body?.data?.staticData;
    // The same delivery again, as vivenu retries it (same body, same signature): no second execution.
    const again = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-vivenu-signature': deliveries[0].headers['x-vivenu-signature'] }, body: deliveries[0].rawBody });
    await sleep(1500);
    const after2 = await executions(server);
    const info = `executions after the delivery: ${after1.length}, after the retry: ${after2.length} (retry answered ${again.status}); saved static data: ${JSON.stringify(saved)?.slice(0, 300)}`;
    assert.equal(after1.length, 1, info);
    assert.equal(after2.length, 1, info);

    // Forged and unsigned deliveries: 401, no execution.
    const forged = await emulator.triggerWebhook({ provider: 'vivenu', type: 'transaction.complete', targetUrl: url, hmacKey: hooks[0].hmacKey, badSignature: true });
    assert.equal(forged.status, 401);
    const unsigned = await emulator.triggerWebhook({ provider: 'vivenu', type: 'transaction.complete', targetUrl: url });
    assert.equal(unsigned.status, 401);
    await sleep(1500);
    assert.equal((await executions(server)).length, 1, 'forged deliveries start nothing');
  } finally {
    deactivated = await server.request('POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
  }
  const left = await waitFor(async () => {
    const list = (await emulator.state('vivenu')).webhooks.filter((w) => w.url.includes('4f7c2a10-e2e0-4b1d-9c3e-a1b2c3d4e5f6'));
    return list.length === 0 ? list : null;
  }, 10000);
  assert.ok(left, `deactivation removed the registration (deactivate → ${deactivated.status} ${JSON.stringify(deactivated.body).slice(0, 200)})`);
};
