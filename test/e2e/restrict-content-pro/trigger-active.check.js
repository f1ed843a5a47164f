'use strict';
// The Restrict Content Pro Trigger in a real, ACTIVE workflow polling every 5 s: new payments (several in
// one second) and status changes injected between polls through the emulator's control API are emitted
// exactly once each across several polls, and after an n8n restart (same database) exactly the changes
// made while n8n was down are emitted, once.
const PROVIDER = 'restrict-content-pro';
const { whileActive, pollLedger } = require('../_support/active-workflow');

exports.timeoutMs = 300000;
// Activates the workflow and reads its executions through n8n's REST API (server engine only).
exports.needsServer = true;

const add = async (emulator, rows) => (await emulator.control('POST', PROVIDER, '/payments', rows)).payments;
const patch = (emulator, id, status) => emulator.control('PATCH', PROVIDER, `/payments/${id}`, { status });

exports.check = async ({ emulator, assert, server }) => {
  assert.ok(server, 'needs the server engine');
  const ledger = pollLedger({
    server, emulator, assert, provider: PROVIDER, workflowId: 'e2eRcpTrigActive', node: 'RCP Trigger',
    // One list request per poll (the watched window of 100 covers the cursor).
    isPoll: (r) => r.method === 'GET' && /\/payments$/.test(r.providerPath),
    key: (i) => (i.event === 'statusChanged' ? `statusChanged ${i.payment.id} ${i.previousStatus}>${i.status}` : `${i.event} ${i.payment.id}`),
  });
  const newestComplete = async (n) => (await emulator.state(PROVIDER)).payments
    .filter((p) => p.status === 'complete').sort((a, b) => Number(b.id) - Number(a.id)).slice(0, n);

  await whileActive(server, 'e2eRcpTrigActive', assert, async () => {
    // The first polls only remember where the list stands: nothing old is emitted.
    await ledger.settle('first polls');

    // Three new payments in the same second and two refunds of watched payments.
    const [a, b] = await newestComplete(2);
    const sameSecond = '2026-11-01 10:00:00';
    const batch = await add(emulator, [{ date: sameSecond }, { date: sameSecond }, { date: sameSecond }]);
    await patch(emulator, a.id, 'refunded');
    await patch(emulator, b.id, 'refunded');
    ledger.expect(...batch.map((p) => `newPayment ${p.id}`), `statusChanged ${a.id} complete>refunded`, `statusChanged ${b.id} complete>refunded`);
    await ledger.settle('new and changed payments');

    // A new payment dated in the past, and a payment emitted as new now fails.
    const [late] = await add(emulator, [{ date: '2026-09-02 08:00:00' }]);
    await patch(emulator, batch[0].id, 'failed');
    ledger.expect(`newPayment ${late.id}`, `statusChanged ${batch[0].id} complete>failed`);
    await ledger.settle('second round');

    // n8n restarts; meanwhile two payments arrive and one is refunded.
    await server.restart({
      whileDown: async () => {
        const down = await add(emulator, [{}, {}]);
        await patch(emulator, late.id, 'refunded');
        ledger.expect(...down.map((p) => `newPayment ${p.id}`), `statusChanged ${late.id} complete>refunded`);
      },
    });
    await ledger.settle('after the restart');
  });
  // Every poll cost one request: no list request ever asked for a second page.
  const lists = await emulator.requests(PROVIDER, { method: 'GET', path: '/payments' });
  assert.deepEqual([...new Set(lists.map((r) => r.query.offset))], ['0'], 'one page per poll');
};
