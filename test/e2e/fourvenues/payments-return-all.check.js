'use strict';
// Payment → Get Many, Return All over 1,000+ payments: limit=100 pages until a short page, simplified output.
const { requestLines, hostIds } = require('./helpers');

exports.emulator = { size: { fourvenues: { payments: 1500 } } };

exports.check = async ({ output, emulator, assert }) => {
  const state = await emulator.state('fourvenues');
  const visible = state.payments.filter((p) => hostIds(state).includes(p.organization_id));
  const got = output.json('Get Many Payments');
  assert.equal(got.length, visible.length);
  assert.deepEqual(got.map((p) => p._id), visible.map((p) => p._id));
  assert.deepEqual(got[0], {
    _id: visible[0]._id,
    status: visible[0].status,
    organization_id: visible[0].organization_id,
    event_id: visible[0].event_id,
    rate_id: visible[0].rate_id,
    resource_type: visible[0].resource_type,
    resource_ids: visible[0].resource_ids,
    amount: visible[0].total.amount,
    fees: visible[0].total.fees,
    currency: visible[0].currency,
    paid_at: visible[0].paid_at,
    expires_at: visible[0].expires_at,
  });
  const lines = await requestLines(emulator);
  const pages = Math.ceil(visible.length / 100) + (visible.length % 100 === 0 || visible.length % 100 >= 50 ? 1 : 0);
  assert.equal(lines.length, pages, `one request per page of 100 (${lines.join(', ')})`);
  lines.forEach((line, k) => assert.equal(line, `GET /payments?limit=100&offset=${k * 100}`));
};
