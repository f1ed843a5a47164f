'use strict';
// Issue 24 item 1 in a real n8n (2.40.7, and 1.123.81 in the smoke pass): Get by ID with the ID given as a
// plain field reference, in the forms the package reads without the expression engine: a key with a space,
// a dotted key inside a nested object, an array index, a unicode key, a key with quotes (in list mode, with
// whitespace inside the brackets). Each node must get exactly the IDs n8n's own evaluation gives.
const NODES = ['Get by Odd Key', 'Get by Nested Dotted Key', 'Get by Array Index', 'Get by Unicode Key', 'Get by Quoted Key'];

exports.check = async ({ output, emulator, assert }) => {
  const listed = output.json('Get Many Transactions').map((t) => t._id);
  assert.equal(listed.length, 3);
  assert.deepEqual(output.json('Odd Keys').map((j) => j['odd key']), listed, 'the Set node built one item per transaction');
  for (const name of NODES) {
    assert.deepEqual(output.json(name).map((t) => t._id), listed, `${name}: one Get per item, each item's own ID, in order`);
  }
  const gets = (await emulator.requests('vivenu'))
    .filter((r) => r.method === 'GET' && /^\/api\/transactions\/[^/]+$/.test(r.providerPath))
    .map((r) => r.providerPath);
  // Five nodes, each one request per item: every listed ID exactly five times, nothing else.
  assert.deepEqual(gets.sort(), listed.flatMap((id) => NODES.map(() => `/api/transactions/${id}`)).sort());
};
