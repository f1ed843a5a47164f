'use strict';
// Export all 3,000 payments of a WordPress site running Restrict Content Pro, 40 ms latency.
// Ours: Payment → Get Many, Return All, no filters: pages of number=100 (its default page size),
// stops at a short page; paced at its default 10 requests/s (RCP publishes no limit; it is the
// site's own PHP workers that take the load).
// HTTP Request (Generic → Basic Auth, application password): pagination on `offset`, with RCP's
// default page (number=20) and with number=100, until a page is empty ([]).
const rcp = require('../lib/restrict-content-pro');

const TOTAL = 3000;

module.exports = {
  title: 'Restrict Content Pro: export all 3,000 payments',
  provider: rcp.PROVIDER,
  emulator: { seed: 1, size: { 'restrict-content-pro': { payments: TOTAL } } },
  latencyMs: 40,
  credentials: rcp.credentials,

  async prepare({ emulator }) {
    return { expected: (await emulator.state(rcp.PROVIDER)).payments.length };
  },
  expected: ({ data }) => data.expected,
  count: ({ items }) => rcp.countPayments(items),

  ours: () => ({
    label: 'RCP node, Get Many, Return All',
    node: rcp.ours({ resource: 'payment', operation: 'getAll', returnAll: true, filters: {}, options: {} }),
  }),
  baselines: ({ vars }) => {
    const url = `${vars.RESTRICT_CONTENT_PRO_URL}/wp-json/rcp/v1/payments`;
    return [
      { label: 'HTTP Request, pagination, default page (number=20)', node: rcp.httpRequest(url, { pagination: rcp.offsetPagination(20) }) },
      { label: 'HTTP Request, pagination, number=100', node: rcp.httpRequest(url, { query: { number: 100 }, pagination: rcp.offsetPagination(100) }) },
    ];
  },
};
