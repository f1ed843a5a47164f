'use strict';
// All five payment operations in one run inside a real n8n: Create (level picked from the list → its name and
// ID are sent) → Get → Update → Delete → Get Many (filtered by user and level name, typed values).
const PROVIDER = 'restrict-content-pro';
const AUTH = `Basic ${Buffer.from('admin:Rcp1 Emu2 Adm3 InX4 Pa55 W0rd').toString('base64')}`;

exports.check = async ({ output, emulator, assert }) => {
  const [created] = output.json('Create Payment');
  assert.equal(created.id, '61', 'the next ID of the seeded table');
  assert.deepEqual(
    { ...created, subscription_key: undefined },
    {
      id: '61', customer_id: '3', membership_id: '0', subscription: 'Gold', object_id: '3', object_type: 'subscription',
      date: '2026-10-31 18:00:00', amount: '24.5', subtotal: '0', credits: '0', fees: '0', discount_amount: '0', discount_code: '',
      user_id: '12', payment_type: 'Bank Transfer', transaction_type: 'new', subscription_key: undefined, transaction_id: 'e2e-tx-0001',
      status: 'complete', gateway: 'manual',
    },
  );
  assert.deepEqual(output.json('Get Payment'), [created], 'Get returns the stored payment');
  const [updated] = output.json('Update Payment');
  assert.equal(updated.id, 61, 'typed values: the ID is a number');
  assert.equal(updated.amount, 24.5);
  assert.equal(updated.status, 'refunded');
  assert.equal(updated.discount_code, 'E2E');
  assert.equal(updated.date, '2026-10-31T18:00:00');
  assert.deepEqual(output.json('Delete Payment'), [{ deleted: true, id: '61' }]);

  const state = await emulator.state(PROVIDER);
  assert.ok(!state.payments.some((p) => p.id === '61'), 'the payment is gone from the emulator');
  const many = output.json('Get Many Payments');
  const expected = state.payments.filter((p) => p.user_id === '12' && p.subscription === 'Gold').sort((a, b) => Number(b.id) - Number(a.id));
  assert.deepEqual(many.map((p) => p.id), expected.map((p) => Number(p.id)), 'Get Many: the member\'s Gold payments, newest first, without the deleted one');

  const requests = await emulator.requests(PROVIDER);
  assert.deepEqual(
    requests.map((r) => `${r.method} ${r.providerPath}${r.rawQuery ? `?${r.rawQuery}` : ''} ${r.status}`),
    [
      'GET /wp-json/rcp/v1/levels/3 200',
      'POST /wp-json/rcp/v1/payments/new 200',
      'GET /wp-json/rcp/v1/payments/61 200',
      'GET /wp-json/rcp/v1/payments/61 200',
      'POST /wp-json/rcp/v1/payments/update/61 200',
      'GET /wp-json/rcp/v1/payments/61 200',
      'GET /wp-json/rcp/v1/payments/61 200',
      'DELETE /wp-json/rcp/v1/payments/delete?id=61 200',
      'GET /wp-json/rcp/v1/payments?user_id=12&subscription=Gold&number=100&offset=0 200',
    ],
  );
  assert.deepEqual(requests[1].body, {
    user_id: 12, amount: 24.5, subscription: 'Gold', object_id: 3, date: '2026-10-31 18:00:00', gateway: 'manual',
    payment_type: 'Bank Transfer', transaction_id: 'e2e-tx-0001',
  });
  assert.deepEqual(requests[4].body, { status: 'refunded', discount_code: 'E2E' });
  assert.deepEqual(requests[7].body, { id: 61 });
  for (const r of requests) assert.equal(r.headers.authorization, AUTH, 'HTTP Basic with the application password');
};
