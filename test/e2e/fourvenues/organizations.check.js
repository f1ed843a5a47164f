'use strict';
// Organization → Get Many: the venues that added the channel as a partner, in one request.
const { hostIds } = require('./helpers');

exports.check = async ({ output, emulator, assert }) => {
  const state = await emulator.state('fourvenues');
  const got = output.json('Get Many Organizations');
  assert.deepEqual(got.map((o) => o._id), hostIds(state));
  assert.deepEqual(Object.keys(got[0]).sort(), ['_id', 'created_at', 'name', 'slug']);
  const requests = await emulator.requests('fourvenues');
  assert.deepEqual(requests.map((r) => `${r.method} ${r.providerPath}`), ['GET /organizations']);
};
