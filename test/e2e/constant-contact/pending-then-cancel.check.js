'use strict';
// Get Many (payment status PENDING, all pages, default track) → Limit 2 → Update Status CANCELED:
// the two cancellations go out in one bulk PUT.
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('constant-contact');
  return { EVENT_ID: fixtures.eventId };
};

exports.check = async ({ output, emulator, assert }) => {
  const state = await emulator.state('constant-contact');
  const pending = output.json('Pending Registrations');
  const expected = state.registrations.filter((r) => r.event_id === state.fixtures.eventId && r.payment_status === 'PENDING');
  assert.ok(expected.length >= 2);
  assert.deepEqual(pending.map((r) => r.registration_id), expected.map((r) => r.registration_id));
  assert.ok(pending.every((r) => r.payment_status === 'PENDING'));

  const cancelled = output.json('Cancel');
  assert.deepEqual(cancelled.map((c) => [c.outcome, c.registrationStatus, c.registrationIds[0]]), [
    ['updated', 'CANCELED', pending[0].registration_id],
    ['updated', 'CANCELED', pending[1].registration_id],
  ]);
  const requests = await emulator.requests('constant-contact');
  const puts = requests.filter((r) => r.method === 'PUT');
  assert.equal(puts.length, 1);
  assert.deepEqual(puts[0].body, { registration_ids: [pending[0].registration_id, pending[1].registration_id], registration_status: 'CANCELED' });
  assert.equal(puts[0].rawQuery, 'return_items_to_inventory=true');
  for (const r of state.registrations.filter((x) => [pending[0].registration_id, pending[1].registration_id].includes(x.registration_id))) {
    assert.equal(r.registration_status, 'CANCELED');
  }
};
