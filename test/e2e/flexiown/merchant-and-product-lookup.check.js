'use strict';
// Merchant → Get, then three split-out products looked up in ONE array request, each result paired.
const { assertNoKey } = require('./_shared');

exports.check = async ({ output, emulator, assert }) => {
  assert.deepEqual(output.json('Get Merchant'), [{ name: 'Emulator Appliances (Pty) Ltd', activationPeriodExpiry: 600, completionPeriodExpiry: 86400 }]);
  const items = output.items('Look Up Products');
  assert.deepEqual(items.map((i) => i.json), [
    { sku: 'TV-1', accepted: true, price: 483.29 },
    { sku: 'CBL-1', accepted: false, price: 0 },
    { sku: 'FR-1', accepted: true, price: 1127.7 },
  ]);
  assert.deepEqual(items.map((i) => i.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
  const lookups = (await emulator.requests('flexiown')).filter((r) => r.providerPath === '/api/product');
  assert.equal(lookups.length, 1, 'one batched request');
  assert.deepEqual(lookups[0].body, [
    { name: 'TV', sku: 'TV-1', quantity: '1', price: '11999.00' },
    { name: 'Cable', sku: 'CBL-1', quantity: '1', price: '99.00' },
    { name: 'Fridge', sku: 'FR-1', quantity: '2', price: '13999.00' },
  ]);
  assertNoKey(output, assert);
};
