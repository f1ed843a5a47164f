'use strict';
// The Constant Contact Trigger in a real, ACTIVE workflow polling every 5 s: new registrations (several in
// one second) and payment/registration status changes injected between polls through the emulator's
// control API are emitted exactly once each across several polls, and after an n8n restart (same
// database) exactly the changes made while n8n was down are emitted, once.
const PROVIDER = 'constant-contact';
const { whileActive, pollLedger } = require('../_support/active-workflow');

exports.timeoutMs = 300000;
// Activates the workflow and reads its executions through n8n's REST API (server engine only).
exports.needsServer = true;

exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state(PROVIDER);
  return { CC_EVENT_ID: fixtures.eventId };
};

const statuses = (r) => `${r.payment_status}|${r.registration_status}`;
const add = async (emulator, rows) => (await emulator.control('POST', PROVIDER, '/registrations', rows)).registrations;
/** Changes a registration; returns the key of the item the trigger must emit for it. */
const change = async (emulator, id, body) => {
  const { registration, previous } = await emulator.control('PATCH', PROVIDER, `/registrations/${id}`, body);
  return `statusChanged ${id} ${statuses(previous)}>${statuses(registration)}`;
};

exports.check = async ({ emulator, assert, server }) => {
  assert.ok(server, 'needs the server engine');
  const { fixtures } = await emulator.state(PROVIDER);
  const ledger = pollLedger({
    server, emulator, assert, provider: PROVIDER, workflowId: 'e2eCcTrigActive', node: 'CC Trigger',
    // A poll's first page (later pages carry `next`).
    isPoll: (r) => r.method === 'GET' && /^\/v3\/events\/[^/]+\/tracks\/[^/]+\/registrations$/.test(r.providerPath) && !r.query.next,
    key: (i) => (i.event === 'statusChanged'
      ? `statusChanged ${i.registration.registration_id} ${i.previousPaymentStatus}|${i.previousRegistrationStatus}>${statuses(i.registration)}`
      : `${i.event} ${i.registration.registration_id}`),
  });

  await whileActive(server, 'e2eCcTrigActive', assert, async () => {
    // The first polls only remember where the list stands: nothing old is emitted.
    await ledger.settle('first polls');

    // Three registrations in the same second; an existing door payment is paid.
    const second = '2026-12-01T09:00:00.000Z';
    const batch = await add(emulator, [{ registration_time: second }, { registration_time: second }, { registration_time: second }]);
    ledger.expect(...batch.map((r) => `newRegistration ${r.registration_id}`), await change(emulator, fixtures.offlinePendingRegistrationIds[0], { payment_status: 'PAID' }));
    await ledger.settle('new and changed registrations');

    // One more at the very same second (the cursor sits there), and one of the new ones is cancelled.
    const [same] = await add(emulator, [{ registration_time: second }]);
    ledger.expect(`newRegistration ${same.registration_id}`, await change(emulator, batch[0].registration_id, { registration_status: 'CANCELED' }));
    await ledger.settle('second round');

    // n8n restarts; meanwhile two people register and one of the new ones pays.
    await server.restart({
      whileDown: async () => {
        const down = await add(emulator, [{}, {}]);
        ledger.expect(...down.map((r) => `newRegistration ${r.registration_id}`), await change(emulator, same.registration_id, { payment_status: 'PAID' }));
      },
    });
    await ledger.settle('after the restart');
  });
  // Every poll cost one request (the event fits in one page), and the default track was looked up at most once,
  // restart included (it is kept with the cursor): none when an earlier case of this n8n process already read it
  // with the same credential (it is remembered for 5 minutes, helpers/trackCache.ts).
  const reqs = (await emulator.requests(PROVIDER)).filter((r) => r.method === 'GET' && r.providerPath.startsWith('/v3/') && r.status !== 429);
  assert.ok(reqs.every((r) => !r.query.next), 'one page per poll');
  const lookups = reqs.filter((r) => /^\/v3\/events\/[^/]+$/.test(r.providerPath)).length;
  assert.ok(lookups <= 1, `the default track looked up at most once (${lookups} times)`);
};
