'use strict';
// Recording a payment whose transaction ID RCP already has: reported as a duplicate, sent once, nothing created.
const PROVIDER = 'restrict-content-pro';
exports.expectError = true;

exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state(PROVIDER);
  return { DUPLICATE_TRANSACTION_ID: fixtures.transactionIds.completeStripe };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  assert.equal(output.error.node && output.error.node.name, 'Record Payment');
  assert.equal(
    output.error.message,
    `Restrict Content Pro refused the payment: transaction ID "${vars.DUPLICATE_TRANSACTION_ID}" is already recorded (duplicate) [item 0]`,
  );
  assert.match(output.error.description, /not created and the request was not repeated/);
  const requests = await emulator.requests(PROVIDER);
  assert.deepEqual(requests.map((r) => `${r.method} ${r.providerPath} ${r.status}`), ['POST /wp-json/rcp/v1/payments/new 200']);
  assert.equal(requests[0].body.transaction_id, vars.DUPLICATE_TRANSACTION_ID);
  const { payments } = await emulator.state(PROVIDER);
  assert.equal(payments.length, 60, 'no payment was added');
};
