'use strict';
// Scenario 06 again, with our node's Requests per Second raised from its default 10 (a courtesy to
// shared WordPress hosting; RCP itself sets no limit) to 100: shows that the default pace, not the
// paging, is what makes 06 slower than HTTP Request with number=100. Same data, latency and baselines.
const base = require('./06-restrict-content-pro-export-payments');
const rcp = require('../lib/restrict-content-pro');

module.exports = {
  ...base,
  title: 'Restrict Content Pro: export all 3,000 payments, ours at 100 req/s',
  ours: () => ({
    label: 'RCP node, Get Many, Return All, 100 req/s',
    node: rcp.ours({ resource: 'payment', operation: 'getAll', returnAll: true, filters: {}, options: {}, requestOptions: { requestsPerSecond: 100 } }),
  }),
  baselines: (ctx) => base.baselines(ctx).filter((b) => /number=100/.test(b.label)),
};
