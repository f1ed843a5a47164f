'use strict';
// Get Many (3 COMPLETE transactions) → Get, with the ID taken from the expression {{ $json._id }}.
exports.check = async ({ output, emulator, assert }) => {
  const listed = output.json('Get Many Transactions');
  assert.equal(listed.length, 3);
  const got = output.json('Get Transaction');
  assert.deepEqual(got.map((t) => t._id), listed.map((t) => t._id), 'one Get per input item, in order');
  const state = await emulator.state('vivenu');
  for (const t of got) {
    const expected = state.transactions.find((x) => x._id === t._id);
    assert.ok(expected, `transaction ${t._id} exists in the emulator`);
    assert.equal(t.status, 'COMPLETE');
    assert.equal(t.email, expected.email);
    assert.equal(t.realPrice, expected.realPrice);
  }
  const gets = (await emulator.requests('vivenu')).filter((r) => r.method === 'GET' && /^\/api\/transactions\/[0-9a-f]{24}$/.test(r.providerPath));
  // Items may be fetched concurrently, so compare the set of requested paths, not their order.
  assert.deepEqual(gets.map((r) => r.providerPath).sort(), listed.map((t) => `/api/transactions/${t._id}`).sort());
};
