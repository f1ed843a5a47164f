'use strict';
// Create a payment (products from fields), then Get Status verifying the trust signature with the
// values Create output.
const crypto = require('crypto');
const { assertNoKey } = require('./_shared');

exports.check = async ({ output, emulator, assert }) => {
  const [created] = output.json('Create Payment');
  const products = [
    { name: 'Samsung 65" Crystal UHD Smart TV', sku: 'UA65DU7010', quantity: '1', price: '11999.00' },
    { name: 'Wall Bracket', sku: 'WB-100', quantity: '2', price: '650.00' },
  ];
  const trustSeed = Buffer.from(JSON.stringify(products)).toString('base64');
  const trustValue = crypto.createHash('md5').update('E2E-1001').digest('hex');
  assert.match(created.paymentId, /^[0-9a-f-]{36}$/);
  assert.equal(created.orderId, 'E2E-1001');
  assert.equal(created.trustSeed, trustSeed);
  assert.equal(created.trustValue, trustValue);
  assert.equal(created.trustSignatureMatches, true);
  assert.ok(created.redirectUrl.endsWith(`/flexiown/pay/${created.paymentId}`));

  const [status] = output.json('Get Status');
  assert.equal(status.paymentId, created.paymentId);
  assert.equal(status.status, 'Pending');
  assert.equal(status.normalizedStatus, 'pending');
  assert.equal(status.order_id, 'E2E-1001');
  assert.equal(status.trustSignatureMatches, true);
  assert.equal(status.orderIdMatches, true);

  const reqs = await emulator.requests('flexiown');
  assert.deepEqual(reqs.map((r) => `${r.method} ${r.providerPath}`), ['POST /api/payment/create', `GET /api/status/${created.paymentId}`]);
  assert.deepEqual(reqs[0].body.products, products);
  assert.deepEqual(reqs[0].body.customer, { first_Name: 'Thandi', last_Name: 'Nkosi', email: 'thandi@example.co.za' });
  assert.equal(reqs[0].body.redirects.trust_Seed, trustSeed);
  assert.equal(reqs[0].body.redirects.final_Amount, '13299.00');
  assert.equal(reqs[0].body.apiKey, undefined, 'only status updates carry the key in the body');
  assertNoKey(output, assert);
};
