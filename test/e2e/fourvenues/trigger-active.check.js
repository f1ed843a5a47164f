'use strict';
// The Fourvenues Trigger in a real, ACTIVE workflow: activation creates one endpoint for the n8n URL, a new
// paid payment (with an injected duplicate delivery of the same x-webhook-id) starts exactly one execution,
// a refund request (not chosen) and forged deliveries start none, an n8n restart keeps the one endpoint and
// the next payment starts one execution; deactivation deletes the endpoint.
const WORKFLOW_ID = 'e2eFourvTrigAct';
const WEBHOOK_ID = '5e8d3b21-e2e0-4c2e-8d4f-b2c3d4e5f6a7';
const { sleep, waitFor, webhookExecutions, activate, webhookServed, expectWebhookExecutions } = require('../_support/active-workflow');

exports.timeoutMs = 240000;
// Activates the workflow and reads its executions through n8n's REST API (server engine only).
exports.needsServer = true;

const executions = (server) => webhookExecutions(server, WORKFLOW_ID);

exports.check = async ({ emulator, assert, server }) => {
  assert.ok(server, 'needs the server engine');
  let deactivated;
  const activated = await activate(server, WORKFLOW_ID);
  assert.equal(activated.status, 200, `activate → ${activated.status} ${JSON.stringify(activated.body).slice(0, 300)}`);
  try {
    const url = `http://localhost:${server.port}/webhook/${WEBHOOK_ID}/webhook`;
    const endpoints = await waitFor(async () => {
      const list = (await emulator.state('fourvenues')).webhookEndpoints.filter((w) => w.url === url);
      return list.length ? list : null;
    }, 10000);
    assert.equal(endpoints && endpoints.length, 1, `one endpoint for ${url}`);

    await emulator.injectWebhook({ provider: 'fourvenues', duplicate: 1 });
    const { payment } = await emulator.control('POST', 'fourvenues', '/payments', {});
    await emulator.waitForWebhooks({ provider: 'fourvenues', timeoutMs: 20000 });
    const deliveries = await emulator.webhookDeliveries('fourvenues');
    assert.equal(deliveries.length, 2);
    assert.ok(deliveries.every((d) => d.status === 200), `statuses ${deliveries.map((d) => d.status)}`);
    const runs = await waitFor(async () => {
      const list = await executions(server);
      return list.length >= 1 && list.every((e) => e.stoppedAt) ? list : null;
    });
    assert.ok(runs, 'the signed delivery started an execution');

    const forged = await emulator.triggerWebhook({ provider: 'fourvenues', type: 'payment.success', targetUrl: url, hmacKey: endpoints[0].sign_secret, badSignature: true, data: { payment_id: payment._id } });
    assert.equal(forged.status, 401);
    await sleep(1500);
    assert.equal((await executions(server)).length, 1, 'one execution for a delivery and its duplicate; forged ones start none');

    // n8n restarts (same database): the endpoint (whose secret the node kept) is adopted, not recreated,
    // and the next payment starts exactly one execution.
    await server.restart();
    assert.equal(await webhookServed(url), 401, 'after the restart n8n serves the webhook again (an unsigned probe is refused)');
    await emulator.clearWebhookDeliveries();
    await emulator.control('POST', 'fourvenues', '/payments', {});
    await emulator.waitForWebhooks({ provider: 'fourvenues', timeoutMs: 20000 });
    assert.deepEqual((await emulator.webhookDeliveries('fourvenues')).map((d) => d.status), [200], 'the delivery after the restart was accepted (signed with the secret kept since the activation)');
    await expectWebhookExecutions(server, WORKFLOW_ID, 2, assert, 'one execution for the payment after the restart');
    const now = (await emulator.state('fourvenues')).webhookEndpoints.filter((w) => w.url === url);
    assert.deepEqual(now.map((w) => [w._id, w.sign_secret]), [[endpoints[0]._id, endpoints[0].sign_secret]], 'after the restart: the same single endpoint');
    const calls = (await emulator.requests('fourvenues')).filter((r) => r.providerPath.includes('/webhooks/endpoints')).map((r) => `${r.method} ${r.providerPath}`);
    assert.deepEqual(calls.filter((c) => !c.startsWith('GET')).map((c) => c.split(' ')[0]), ['POST'], `one endpoint write in all, the activation's (endpoint calls: ${calls.join(', ')})`);
  } finally {
    deactivated = await server.request('POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
  }
  const gone = await waitFor(async () => {
    const list = (await emulator.state('fourvenues')).webhookEndpoints.filter((w) => w.url.includes(WEBHOOK_ID));
    return list.length === 0 ? true : null;
  }, 10000);
  assert.ok(gone, `deactivation deleted the endpoint (deactivate → ${deactivated.status})`);
};
