'use strict';
// Scenario 02 again, with our node's Request Options raised (Concurrency 20, Requests per Second
// 200): what the node does when the user knows their vivenu key tolerates more than the default
// safe rate of 25 requests/s. Same data, latency and HTTP Request baseline as 02.
const base = require('./02-vivenu-get-by-id');
const v = require('../lib/vivenu');

module.exports = {
  ...base,
  title: 'vivenu: Get 300 by ID (40 ms latency), ours tuned: concurrency 20, 200 req/s',
  ours: () => ({
    label: 'vivenu node, Get, concurrency 20, 200 req/s',
    node: v.ours({ operation: 'get', transactionId: v.byId('={{ $json.id }}') }, { requestOptions: { concurrency: 20, requestsPerSecond: 200 } }),
  }),
};
