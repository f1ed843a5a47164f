'use strict';
// Ticket → Get Many (an event, Limit 4) → Ticket → Get by the QR code of each ticket.
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('fourvenues');
  return { DEMO_EVENT_ID: fixtures.demoEventId };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const state = await emulator.state('fourvenues');
  const expected = state.tickets.filter((t) => t.event_id === vars.DEMO_EVENT_ID).slice(0, 4);
  assert.deepEqual(output.json('Get Many Tickets'), expected);
  assert.deepEqual(output.json('Get Ticket'), expected);
  const requests = await emulator.requests('fourvenues');
  assert.equal(requests[0].rawQuery, `event_id=${vars.DEMO_EVENT_ID}&limit=4&offset=0`);
  assert.deepEqual(requests.slice(1).map((r) => r.providerPath).sort(), expected.map((t) => `/tickets/by-code/${t.qr_code}`).sort());
};
