'use strict';
// Get Many (1 NEW transaction) → Update Payment Status → { success: true, transactionId }.
exports.check = async ({ output, emulator, assert }) => {
  const [found] = output.json('Find a NEW transaction');
  assert.ok(found && found._id, 'a NEW transaction was found');
  assert.deepEqual(output.json('Update Payment Status'), [{ success: true, transactionId: found._id }]);
  const posts = (await emulator.requests('vivenu')).filter((r) => r.method === 'POST');
  assert.equal(posts.length, 1);
  assert.equal(posts[0].providerPath, `/api/transactions/${found._id}/paymentstatus`);
  assert.deepEqual(posts[0].body, { paymentStatus: 'LOCAL-RECEIVED' });
  const state = await emulator.state('vivenu');
  assert.equal(state.transactions.find((t) => t._id === found._id).paymentStatus, 'LOCAL-RECEIVED');
};
