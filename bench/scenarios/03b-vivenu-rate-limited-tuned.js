'use strict';
// Scenario 03 again, with our node's Requests per Second set to the API's real limit (20):
// the user tells the node the rate, so it never runs into 429s. Compared with the HTTP Request
// configuration that succeeds in 03 (Batching 20 items / 1,000 ms).
const base = require('./03-vivenu-rate-limited');
const v = require('../lib/vivenu');

module.exports = {
  ...base,
  title: 'vivenu: 200 Get by ID, API limited to 20 req/s, ours set to 20 req/s',
  ours: () => ({
    label: 'vivenu node, Get, Requests per Second 20',
    node: v.ours({ operation: 'get', transactionId: v.byId('={{ $json.id }}') }, { requestOptions: { requestsPerSecond: 20 } }),
  }),
  baselines: (ctx) => base.baselines(ctx).filter((b) => /Batching/.test(b.label)),
};
