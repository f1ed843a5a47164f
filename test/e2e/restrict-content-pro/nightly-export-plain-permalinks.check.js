'use strict';
// The nightly export's core on a site without pretty permalinks: ?rest_route=, Return All over pages of 25,
// status=complete sent to RCP, the day filtered by the node (the backdated payment with the highest ID included).
const PROVIDER = 'restrict-content-pro';

exports.check = async ({ output, emulator, assert }) => {
  const { fixtures, payments } = await emulator.state(PROVIDER);
  const ids = fixtures.paymentIds;
  const items = output.json('Completed Payments of the Day');
  assert.deepEqual(items.map((p) => p.id), [ids.backdated, ids.completeManual, ids.completePaypal, ids.completeStripe]);
  for (const p of items) {
    assert.deepEqual(p, payments.find((x) => x.id === p.id), `payment ${p.id} exactly as stored`);
    assert.equal(p.status, 'complete');
    assert.ok(p.date >= '2026-10-31 00:00:00' && p.date < '2026-11-01 00:00:00', `payment ${p.id} is dated on the day`);
  }
  const complete = payments.filter((p) => p.status === 'complete').length;
  const offsets = Array.from({ length: Math.floor(complete / 25) + 1 }, (_, k) => k * 25);
  assert.ok(offsets.length >= 2, `${complete} completed payments need more than one page`);
  const requests = await emulator.requests(PROVIDER);
  assert.deepEqual(
    requests.map((r) => `${r.method} ${r.providerPath}?${r.rawQuery} ${r.status}`),
    offsets.map((o) => `GET /plain/?rest_route=/rcp/v1/payments&status=complete&number=25&offset=${o} 200`),
  );
};
