'use strict';
// The membership level "From list" picker. In the run, a level picked from the list (ID 2) is looked up once
// and RCP is asked for payments of its name. When the runner hands over the n8n server (`n8n`), the picker's
// list itself is fetched the way the editor does it (POST /rest/dynamic-node-parameters/resource-locator-results).
const PROVIDER = 'restrict-content-pro';

exports.check = async ({ output, emulator, assert, workflow, n8n }) => {
  const items = output.json('Silver Payments');
  assert.equal(items.length, 5);
  assert.ok(items.every((p) => p.subscription === 'Silver'));
  const requests = await emulator.requests(PROVIDER);
  assert.deepEqual(
    requests.map((r) => `${r.method} ${r.providerPath}${r.rawQuery ? `?${r.rawQuery}` : ''}`),
    ['GET /wp-json/rcp/v1/levels/2', 'GET /wp-json/rcp/v1/payments?subscription=Silver&number=100&offset=0'],
  );

  if (!n8n || typeof n8n.request !== 'function') return;
  await emulator.clearRequests();
  const node = workflow.nodes.find((x) => x.name === 'Silver Payments');
  const ask = async (methodName, filter) => {
    const res = await n8n.request('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
      nodeTypeAndVersion: { name: node.type, version: 1 },
      path: 'parameters.filters.level',
      methodName,
      filter,
      currentNodeParameters: node.parameters,
      credentials: node.credentials,
    });
    assert.equal(res.status, 200, `${methodName}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body.data || res.body;
  };
  const levels = await ask('searchLevels');
  assert.deepEqual(levels.results, [
    { name: 'Bronze · 5.00', value: '1' },
    { name: 'Silver · 10.00', value: '2' },
    { name: 'Gold · 99.00', value: '3' },
    { name: 'Free Trial · 0.00', value: '4' },
    { name: 'Legacy Plan · 8.00 (inactive)', value: '5' },
  ]);
  assert.deepEqual((await ask('searchLevels', 'gold')).results, [{ name: 'Gold · 99.00', value: '3' }]);
  const payments = await ask('searchPayments');
  assert.equal(payments.results.length, 60);
  assert.deepEqual(payments.results[0], { name: '#60 · Gold · 109.00 · complete · 2026-10-31 14:00:00', value: '60' });
  const picker = await emulator.requests(PROVIDER);
  assert.deepEqual(picker.map((r) => `${r.method} ${r.providerPath}?${r.rawQuery} ${r.status}`), [
    'GET /wp-json/rcp/v1/levels?status=all&orderby=list_order 200',
    'GET /wp-json/rcp/v1/levels?status=all&orderby=list_order 200',
    'GET /wp-json/rcp/v1/payments?number=100&offset=0&orderby=id&order=DESC 200',
  ]);
};
