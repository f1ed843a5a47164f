'use strict';
// The vivenu Trigger in a real, ACTIVE workflow: activation registers the n8n URL at the emulator once,
// a signed delivery starts exactly one execution, a forged or unsigned one gets 401 and
// starts none, a retried duplicate starts none, an oversized one is refused, an n8n restart keeps the one
// registration (no second, none lost) and the next delivery starts one execution; deactivation removes it.
const WORKFLOW_ID = 'e2eVivenuTrigAct';
const { createHmac } = require('crypto');
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
    const stored = async () => JSON.stringify((await server.request('GET', `/rest/workflows/${WORKFLOW_ID}`)).body?.data?.staticData)?.slice(0, 300);
    assert.equal(deliveries[0].status, 200, `signed delivery answered ${deliveries[0].status} ${JSON.stringify(deliveries[0].response ?? '').slice(0, 200)}; stored static data: ${await stored()}`);
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
    // Oversized: a correctly signed body beyond n8n's payload limit (N8N_PAYLOAD_SIZE_MAX, 16 MiB) is refused
    // before the node runs: 413 from n8n 2.x; n8n 1.x answers 500 or closes the connection.
    const big = JSON.stringify({ id: 'oversized-0001', type: 'transaction.complete', data: { pad: 'x'.repeat(17 * 1024 * 1024) } });
    const oversized = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-vivenu-signature': createHmac('sha256', hooks[0].hmacKey).update(big).digest('hex') }, body: big })
      .then((r) => r.status, (e) => `connection closed (${e.cause?.code ?? e.message})`);
    assert.ok(typeof oversized === 'string' || oversized === 413 || oversized >= 500, `oversized delivery → ${oversized}`);
    await sleep(1500);
    assert.equal((await executions(server)).length, 1, 'forged, unsigned and oversized deliveries start nothing');

    // n8n restarts (same database): the registration is adopted as it is (same ID, same key), not
    // duplicated or lost, and the next delivery starts exactly one execution.
    await server.restart();
    assert.equal(await webhookServed(url), 401, 'after the restart n8n serves the webhook again (an unsigned probe is refused)');
    await emulator.clearWebhookDeliveries();
    await emulator.fireWebhook({ provider: 'vivenu', type: 'transaction.canceled', data: { transactionId: fixtures.canceledTransactionId } });
    await emulator.waitForWebhooks({ provider: 'vivenu', timeoutMs: 20000 });
    const late = await emulator.webhookDeliveries('vivenu');
    assert.deepEqual(late.map((d) => d.status), [200], 'the delivery after the restart was accepted (signed with the key kept since the activation)');
    await expectWebhookExecutions(server, WORKFLOW_ID, 2, assert, 'one execution for the delivery after the restart');
    const now = (await emulator.state('vivenu')).webhooks.filter((w) => w.url === url);
    assert.deepEqual(now.map((w) => [w._id, w.hmacKey, w.enabled]), [[hooks[0]._id, hooks[0].hmacKey, hooks[0].enabled]], 'after the restart: the same single registration');
    const calls = (await emulator.requests('vivenu')).filter((r) => /\/api\/webhooks?\b/.test(r.providerPath)).map((r) => `${r.method} ${r.providerPath}`);
    assert.deepEqual(calls.filter((c) => !c.startsWith('GET')), ['POST /api/webhooks'], `one registration write in all, the activation's (registration calls: ${calls.join(', ')})`);
  } finally {
    deactivated = await server.request('POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
  }
  const left = await waitFor(async () => {
    const list = (await emulator.state('vivenu')).webhooks.filter((w) => w.url.includes('4f7c2a10-e2e0-4b1d-9c3e-a1b2c3d4e5f6'));
    return list.length === 0 ? list : null;
  }, 10000);
  assert.ok(left, `deactivation removed the registration (deactivate → ${deactivated.status} ${JSON.stringify(deactivated.body).slice(0, 200)})`);
};
