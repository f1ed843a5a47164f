'use strict';
// The Restrict Content Pro Trigger in a real, ACTIVE workflow polling every 5 s: new payments (several in
// one second) and status changes injected between polls through the emulator's control API are emitted
// exactly once each across several polls, and after an n8n restart (same database) exactly the changes
// made while n8n was down are emitted, once.
const WORKFLOW_ID = 'e2eRcpTrigActive';
const NODE = 'RCP Trigger';
const PROVIDER = 'restrict-content-pro';
const { activate, polledItems, waitForPolls } = require('../_support/active-workflow');

exports.timeoutMs = 300000;
// Activates the workflow and reads its executions through n8n's REST API (server engine only).
exports.needsServer = true;

const isPoll = (r) => r.method === 'GET' && /\/payments$/.test(r.providerPath);
const key = (i) => (i.event === 'statusChanged' ? `statusChanged ${i.payment.id} ${i.previousStatus}>${i.status}` : `${i.event} ${i.payment.id}`);
const add = async (emulator, rows) => (await emulator.control('POST', PROVIDER, '/payments', rows)).payments;
const patch = (emulator, id, status) => emulator.control('PATCH', PROVIDER, `/payments/${id}`, { status });

exports.check = async ({ emulator, assert, server }) => {
  assert.ok(server, 'needs the server engine');
  const expected = [];
  let polls = 0;
  // After a change: two more polls, then every item emitted so far must be exactly the expected ones.
  const settle = async (what) => {
    polls = await waitForPolls(emulator, PROVIDER, isPoll, polls, 2);
    const got = (await polledItems(server, WORKFLOW_ID, NODE)).map(key).sort();
    assert.deepEqual(got, expected.slice().sort(), `${what}: emitted items (${polls} polls so far)`);
  };
  const newestComplete = async (n) => (await emulator.state(PROVIDER)).payments
    .filter((p) => p.status === 'complete').sort((a, b) => Number(b.id) - Number(a.id)).slice(0, n);

  const activated = await activate(server, WORKFLOW_ID);
  assert.equal(activated.status, 200, `activate → ${activated.status} ${JSON.stringify(activated.body).slice(0, 300)}`);
  try {
    // The first polls only remember where the list stands: nothing old is emitted.
    await settle('first polls');

    // Three new payments in the same second and two refunds of watched payments.
    const [a, b] = await newestComplete(2);
    const sameSecond = '2026-11-01 10:00:00';
    const batch = await add(emulator, [{ date: sameSecond }, { date: sameSecond }, { date: sameSecond }]);
    await patch(emulator, a.id, 'refunded');
    await patch(emulator, b.id, 'refunded');
    expected.push(...batch.map((p) => `newPayment ${p.id}`), `statusChanged ${a.id} complete>refunded`, `statusChanged ${b.id} complete>refunded`);
    await settle('new and changed payments');

    // One more new payment, and a payment emitted as new now fails.
    const [late] = await add(emulator, [{ date: '2026-09-02 08:00:00' }]);
    await patch(emulator, batch[0].id, 'failed');
    expected.push(`newPayment ${late.id}`, `statusChanged ${batch[0].id} complete>failed`);
    await settle('second round');

    // n8n restarts; meanwhile two payments arrive and one is refunded.
    await server.restart({
      whileDown: async () => {
        const down = await add(emulator, [{}, {}]);
        await patch(emulator, late.id, 'refunded');
        expected.push(...down.map((p) => `newPayment ${p.id}`), `statusChanged ${late.id} complete>refunded`);
      },
    });
    await settle('after the restart');
  } finally {
    await server.request('POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
  }
};
