'use strict';
// 207 partial success with "Continue (regular output)": the unknown IDs become error items that
// name them, the others are updated; items are paired with their input.
const UNKNOWN = '00000000-0000-4000-8000-0000000000aa';

exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('constant-contact');
  return {
    EVENT_ID: fixtures.eventId,
    TRACK_ID: fixtures.trackId,
    REGISTRATION_IDS_JSON: JSON.stringify([fixtures.payableRegistrationIds[0], UNKNOWN, fixtures.payableRegistrationIds[1]]),
  };
};

exports.check = async ({ output, emulator, assert }) => {
  const { fixtures } = await emulator.state('constant-contact');
  const items = output.items('Mark Paid');
  assert.equal(items.length, 3);
  assert.deepEqual(items.map((i) => i.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
  assert.equal(items[0].json.outcome, 'updated');
  assert.equal(items[0].json.httpCode, 207);
  assert.equal(items[1].json.error, `Constant Contact did not update the payment status of registration ${UNKNOWN} [item 1]`);
  assert.match(items[1].json.description, /failed_registration_ids/);
  assert.equal(items[2].json.outcome, 'updated');

  // Chunks go out concurrently, so their arrival order is not fixed.
  const puts = (await emulator.requests('constant-contact')).filter((r) => r.method === 'PUT');
  const byFirstId = (a, b) => String(a[0][0]).localeCompare(String(b[0][0]));
  assert.deepEqual(puts.map((r) => [r.body.registration_ids, r.status]).sort(byFirstId), [
    [[fixtures.payableRegistrationIds[0], UNKNOWN], 207],
    [[fixtures.payableRegistrationIds[1]], 200],
  ].sort(byFirstId));
};
