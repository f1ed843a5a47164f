'use strict';
// Completes the seed's guaranteed NEW transaction (its ID is looked up before the workflow is imported).
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('vivenu');
  return { NEW_TRANSACTION_ID: fixtures.newTransactionId };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const [tx] = output.json('Complete Transaction');
  assert.equal(tx._id, vars.NEW_TRANSACTION_ID);
  assert.equal(tx.status, 'COMPLETE');
  const reqs = (await emulator.requests('vivenu')).filter((r) => r.method === 'POST');
  assert.equal(reqs.length, 1, 'exactly one POST (complete is never retried)');
  assert.equal(reqs[0].providerPath, `/api/transactions/${vars.NEW_TRANSACTION_ID}/complete`);
  assert.equal(reqs[0].status, 200);
  const state = await emulator.state('vivenu');
  assert.equal(state.transactions.find((t) => t._id === vars.NEW_TRANSACTION_ID).status, 'COMPLETE');
};
