'use strict';
// Event → Get Many (organization filter, Limit 3) → Event → Get with the ID from {{ $json._id }}.
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('fourvenues');
  return { DEMO_ORGANIZATION_ID: fixtures.demoOrganizationId };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const state = await emulator.state('fourvenues');
  const expected = state.events.filter((e) => e.organization_id === vars.DEMO_ORGANIZATION_ID).slice(0, 3);
  assert.deepEqual(output.json('Get Many Events'), expected);
  assert.deepEqual(output.json('Get Event'), expected);
  assert.deepEqual(output.items('Get Event').map((i) => i.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
  const requests = await emulator.requests('fourvenues');
  assert.deepEqual(requests[0].query, { organization_id: vars.DEMO_ORGANIZATION_ID, limit: '3', offset: '0' });
  assert.deepEqual(requests.slice(1).map((r) => r.providerPath).sort(), expected.map((e) => `/events/${e._id}`).sort());
};
