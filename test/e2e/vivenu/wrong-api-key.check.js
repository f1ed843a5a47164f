'use strict';
// A credential with an unknown API key: the run fails with vivenu's 401 turned into a clear n8n error.
exports.expectError = true;
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('vivenu');
  return { COMPLETE_TRANSACTION_ID: fixtures.completeTransactionId };
};

exports.check = async ({ output, emulator, assert }) => {
  assert.equal(output.error.node && output.error.node.name, 'Get Transaction');
  assert.match(`${output.error.message} ${output.error.description || ''}`, /401|unauthori[sz]ed|api key|credential/i);
  const reqs = await emulator.requests('vivenu');
  assert.ok(reqs.length >= 1 && reqs.every((r) => r.status === 401), 'the emulator answered 401');
  assert.ok(reqs.length <= 2, `a 401 is not retried over and over (got ${reqs.length} requests)`);
};
