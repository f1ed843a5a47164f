'use strict';
// 1,000 input items for one event and track become ONE PUT with every ID (the emulator sets no maximum
// per request), every item's output tells its outcome, and no second holds more than 4 requests.
exports.emulator = { size: { 'constant-contact': { registrations: 1200 } } };
exports.timeoutMs = 90000;

exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('constant-contact');
  return {
    EVENT_ID: fixtures.eventId,
    REGISTRATION_IDS_JSON: JSON.stringify(fixtures.payableRegistrationIds.slice(0, 1000)),
  };
};

function maxPerSecond(requests) {
  const times = requests.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

exports.check = async ({ output, emulator, assert }) => {
  const state = await emulator.state('constant-contact');
  const ids = state.fixtures.payableRegistrationIds.slice(0, 1000);
  const items = output.items('Mark Paid');
  assert.equal(items.length, 1000);
  items.forEach((item, i) => {
    assert.equal(item.json.outcome, 'updated', `item ${i}`);
    assert.deepEqual(item.json.registrationIds, [ids[i]]);
    assert.equal(item.json.trackId, state.fixtures.trackId);
    assert.match(item.json.note, /silently skips free registrations/);
  });

  const requests = await emulator.requests('constant-contact');
  const puts = requests.filter((r) => r.method === 'PUT');
  assert.equal(puts.length, 1, `${puts.length} PUTs`);
  assert.deepEqual(puts[0].body.registration_ids, ids);
  assert.ok(puts.every((r) => r.providerPath === `/v3/events/${state.fixtures.eventId}/tracks/${state.fixtures.trackId}/registrations/payment_status`));
  assert.deepEqual(requests.filter((r) => r.method === 'GET').map((r) => r.providerPath), [`/v3/events/${state.fixtures.eventId}`]);
  assert.deepEqual(requests.filter((r) => r.status === 429), []);
  assert.ok(maxPerSecond(requests) <= 4, `max ${maxPerSecond(requests)} requests in one second`);

  const paid = new Set(state.registrations.filter((r) => r.payment_status === 'PAID').map((r) => r.registration_id));
  assert.deepEqual(ids.filter((id) => !paid.has(id)), []);
};
