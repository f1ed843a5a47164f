'use strict';
// Payment → Get Many with an event (From list) and a date range: the query the API documents, every page read.
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('fourvenues');
  return { DEMO_EVENT_ID: fixtures.demoEventId };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const state = await emulator.state('fourvenues');
  const expected = state.payments.filter(
    (p) => p.event_id === vars.DEMO_EVENT_ID && p.paid_at >= '2026-09-01T00:00:00.000Z' && p.paid_at < '2026-11-01T00:00:00.000Z',
  );
  assert.ok(expected.length > 0, 'the seeded data has payments in the range');
  assert.deepEqual(output.json('Get Many Payments'), expected);
  const [first] = await emulator.requests('fourvenues');
  assert.deepEqual(first.query, { event_id: vars.DEMO_EVENT_ID, start_date: '2026-09-01', end_date: '2026-11-01', limit: '100', offset: '0' });
};
