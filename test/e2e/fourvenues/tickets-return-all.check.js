'use strict';
// Ticket → Get Many with Return All over an event with more than one page of tickets.
exports.emulator = { size: { fourvenues: { payments: 1500 } } };
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('fourvenues');
  return { DEMO_EVENT_ID: fixtures.demoEventId };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const state = await emulator.state('fourvenues');
  const expected = state.tickets.filter((t) => t.event_id === vars.DEMO_EVENT_ID);
  assert.ok(expected.length > 100, `more than one page (${expected.length} tickets)`);
  const got = output.json('Get Many Tickets');
  assert.deepEqual(got.map((t) => t._id), expected.map((t) => t._id));
  assert.equal(got[0].qr_code, expected[0].qr_code);
  assert.equal(got[0].price_name, expected[0].price.name);
  const offsets = (await emulator.requests('fourvenues')).map((r) => Number(r.query.offset));
  assert.deepEqual(offsets.slice(0, -1), offsets.slice(0, -1).map((_, k) => k * 100));
  assert.equal(offsets[offsets.length - 1], expected.length, 'the end is confirmed by an empty page');
};
