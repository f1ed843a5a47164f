'use strict';
// A shipped order's stored Flexiown values → Update Status "completed": the body is exactly the
// seed's shape (apiKey first, docs casing), the output is { success, paymentId, status }.
const { API_KEY, storedOrder, assertNoKey, SEED_FIELDS } = require('./_shared');

exports.prepare = async ({ emulator }) => storedOrder(emulator, 'confirmedPaymentId');

exports.check = async ({ output, emulator, assert, vars }) => {
  assert.deepEqual(output.json('Mark Payment Completed'), [{ success: true, paymentId: vars.PAYMENT_ID, status: 'completed' }]);
  assert.deepEqual(output.items('Mark Payment Completed')[0].pairedItem, { item: 0 });
  const reqs = await emulator.requests('flexiown');
  assert.equal(reqs.length, 1);
  const [r] = reqs;
  assert.equal(r.method, 'POST');
  assert.equal(r.providerPath, `/api/status/${vars.PAYMENT_ID}`);
  assert.equal(r.headers['api-key'], API_KEY);
  assert.deepEqual(Object.keys(JSON.parse(r.rawBody)), SEED_FIELDS);
  assert.deepEqual(r.body, {
    apiKey: API_KEY,
    id: vars.PAYMENT_ID,
    status: 'completed',
    trust_Seed: vars.TRUST_SEED,
    trust_Value: vars.TRUST_VALUE,
    alt_Trust_Value: '',
  });
  const state = await emulator.state('flexiown');
  assert.equal(state.payments.find((p) => p.id === vars.PAYMENT_ID).status, 'completed');
  assertNoKey(output, assert);
};
