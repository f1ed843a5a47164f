'use strict';
// Get Tickets of the seed's COMPLETE transaction with 3 tickets: one output item per ticket, secrets removed.
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('vivenu');
  return { COMPLETE_TRANSACTION_ID: fixtures.completeTransactionId };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const tickets = output.json('Get Tickets');
  const state = await emulator.state('vivenu');
  const expected = state.tickets.filter((t) => t.transactionId === vars.COMPLETE_TRANSACTION_ID);
  assert.equal(expected.length, 3, 'seed fixture has 3 tickets');
  assert.deepEqual(tickets.map((t) => t._id).sort(), expected.map((t) => t._id).sort());
  assert.ok(tickets.every((t) => t.transactionId === vars.COMPLETE_TRANSACTION_ID));
  assert.ok(tickets.every((t) => !('secret' in t)), 'ticket secrets are removed by default');
  const reqs = await emulator.requests('vivenu');
  assert.deepEqual(reqs.map((r) => `${r.method} ${r.providerPath}`), [`GET /api/transactions/${vars.COMPLETE_TRANSACTION_ID}/tickets`]);
};
