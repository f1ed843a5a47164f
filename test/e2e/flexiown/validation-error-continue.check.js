'use strict';
// A wrong trust value: Flexiown's 400 problem details become one readable line per field; with
// "continue" the error is an output item, without the trust value or the key.
const { storedOrder, assertNoKey } = require('./_shared');

exports.prepare = async ({ emulator }) => storedOrder(emulator, 'confirmedPaymentId');

exports.check = async ({ output, assert }) => {
  const [item] = output.json('Mark Payment Completed');
  assert.equal(
    item.error,
    'Flexiown error 400: One or more validation errors occurred. trust_Value: The trust value does not match the one used at payment creation [item 0]',
  );
  assert.equal(item.httpCode, '400');
  assert.match(item.description, /Trace ID: [0-9a-f-]{36}/);
  const nodeRun = JSON.stringify(output.runData['Mark Payment Completed']);
  assert.ok(!nodeRun.includes('ffffffffffffffffffffffffffffffff'), 'the trust value is not in the node output');
  assertNoKey(output, assert);
};
