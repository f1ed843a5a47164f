'use strict';
// The Constant Contact Trigger in a real, ACTIVE workflow polling every 5 s: new registrations (several in
// one second) and payment/registration status changes injected between polls through the emulator's
// control API are emitted exactly once each across several polls, and after an n8n restart (same
// database) exactly the changes made while n8n was down are emitted, once.
const WORKFLOW_ID = 'e2eCcTrigActive';
const NODE = 'CC Trigger';
const PROVIDER = 'constant-contact';
const { activate, polledItems, waitForPolls } = require('../_support/active-workflow');

exports.timeoutMs = 300000;
// Activates the workflow and reads its executions through n8n's REST API (server engine only).
exports.needsServer = true;

exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state(PROVIDER);
  return { CC_EVENT_ID: fixtures.eventId };
};

// A poll's first page (later pages carry `next`).
const isPoll = (r) => r.method === 'GET' && /^\/v3\/events\/[^/]+\/tracks\/[^/]+\/registrations$/.test(r.providerPath) && !r.query.next;
const key = (i) => (i.event === 'statusChanged'
  ? `statusChanged ${i.registration.registration_id} ${i.previousPaymentStatus}|${i.previousRegistrationStatus}>${i.registration.payment_status}|${i.registration.registration_status}`
  : `${i.event} ${i.registration.registration_id}`);
const add = async (emulator, rows) => (await emulator.control('POST', PROVIDER, '/registrations', rows)).registrations;
const statuses = (r) => `${r.payment_status}|${r.registration_status}`;
/** Changes a registration; returns the item key the trigger must emit for it. */
const change = async (emulator, id, body) => {
  const { registration, previous } = await emulator.control('PATCH', PROVIDER, `/registrations/${id}`, body);
  return `statusChanged ${id} ${statuses(previous)}>${statuses(registration)}`;
};

exports.check = async ({ emulator, assert, server }) => {
  assert.ok(server, 'needs the server engine');
  const { fixtures } = await emulator.state(PROVIDER);
  const expected = [];
  let polls = 0;
  // After a change: two more polls, then every item emitted so far must be exactly the expected ones.
  const settle = async (what) => {
    polls = await waitForPolls(emulator, PROVIDER, isPoll, polls, 2);
    const got = (await polledItems(server, WORKFLOW_ID, NODE)).map(key).sort();
    assert.deepEqual(got, expected.slice().sort(), `${what}: emitted items (${polls} polls so far)`);
  };

  const activated = await activate(server, WORKFLOW_ID);
  assert.equal(activated.status, 200, `activate → ${activated.status} ${JSON.stringify(activated.body).slice(0, 300)}`);
  try {
    // The first polls only remember where the list stands: nothing old is emitted.
    await settle('first polls');

    // Three registrations in the same second; an existing door payment is paid.
    const second = '2026-12-01T09:00:00.000Z';
    const batch = await add(emulator, [{ registration_time: second }, { registration_time: second }, { registration_time: second }]);
    const [pending] = fixtures.offlinePendingRegistrationIds;
    expected.push(...batch.map((r) => `newRegistration ${r.registration_id}`), await change(emulator, pending, { payment_status: 'PAID' }));
    await settle('new and changed registrations');

    // One more at the very same second (the cursor sits there), and one of the new ones is cancelled.
    const [same] = await add(emulator, [{ registration_time: second }]);
    expected.push(`newRegistration ${same.registration_id}`, await change(emulator, batch[0].registration_id, { registration_status: 'CANCELED' }));
    await settle('second round');

    // n8n restarts; meanwhile two people register and one of the new ones pays.
    await server.restart({
      whileDown: async () => {
        const down = await add(emulator, [{}, {}]);
        expected.push(...down.map((r) => `newRegistration ${r.registration_id}`), await change(emulator, same.registration_id, { payment_status: 'PAID' }));
      },
    });
    await settle('after the restart');
  } finally {
    await server.request('POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
  }
};
