'use strict';
// A credential with an unknown key: one 401, a clear error, the key nowhere.
const { WRONG_KEY, storedOrder, assertNoKey } = require('./_shared');

exports.expectError = true;
exports.prepare = async ({ emulator }) => storedOrder(emulator, 'confirmedPaymentId');

exports.check = async ({ output, emulator, assert, vars }) => {
  assert.equal(output.error.node && output.error.node.name, 'Mark Payment Completed');
  assert.equal(output.error.message, 'Flexiown error 401: Unauthorized [item 0]');
  const reqs = await emulator.requests('flexiown');
  assert.equal(reqs.length, 1, 'a 401 is not retried');
  assert.equal(reqs[0].status, 401);
  assert.equal(reqs[0].headers['api-key'], WRONG_KEY);
  const state = await emulator.state('flexiown');
  assert.equal(state.payments.find((p) => p.id === vars.PAYMENT_ID).status, 'confirmed');
  assertNoKey(output, assert);
};
