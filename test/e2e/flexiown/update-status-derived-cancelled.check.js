'use strict';
// Update Status "cancelled" with the trust value derived from the merchant order ID (MD5).
const crypto = require('crypto');
const { storedOrder, assertNoKey } = require('./_shared');

exports.prepare = async ({ emulator }) => storedOrder(emulator, 'confirmedPaymentId2');

exports.check = async ({ output, emulator, assert, vars }) => {
  assert.deepEqual(output.json('Cancel Payment'), [{ success: true, paymentId: vars.PAYMENT_ID, status: 'cancelled' }]);
  const [r] = await emulator.requests('flexiown');
  const md5 = crypto.createHash('md5').update(vars.ORDER_ID).digest('hex');
  assert.equal(r.body.trust_Value, md5);
  assert.equal(r.body.trust_Value, vars.TRUST_VALUE, 'the seeded trust value is the MD5 of the order ID');
  assert.equal(r.body.status, 'cancelled');
  const state = await emulator.state('flexiown');
  assert.equal(state.payments.find((p) => p.id === vars.PAYMENT_ID).status, 'cancelled');
  assertNoKey(output, assert);
};
