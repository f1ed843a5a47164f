'use strict';
// Export all 3,000 payments (× --scale) of a WordPress site running Restrict Content Pro, 40 ms latency,
// with no limit and behind a host limit of 20/s and 10/s (RCP sets none; a host or security plugin may,
// 429 without Retry-After).
// Ours: Payment → Get Many, Return All, no filters: pages of number=100, defaults.
// HTTP Request (Generic → Basic Auth, application password): pagination on `offset` until a page is
// empty, naive with RCP's default page (number=20), strongest with number=100 and, under a limit, the
// pagination's Interval Between Requests set for it.
// Physical: the same pages one after another (no total is sent), paced at the limit.
const rcp = require('../lib/restrict-content-pro');
const { client, offsetPages } = require('../lib/physical');
const { scaled } = require('../lib/scale');

const TOTAL = scaled(3000);

module.exports = {
  title: `Restrict Content Pro: export all ${TOTAL.toLocaleString('en')} payments`,
  provider: rcp.PROVIDER,
  emulator: { seed: 1, size: { 'restrict-content-pro': { payments: TOTAL } } },
  latencyMs: 40,
  limits: [0, 20, 10],
  credentials: rcp.credentials,
  timeoutMs: 90000,

  async prepare({ emulator }) {
    return { expected: (await emulator.state(rcp.PROVIDER, ['payments'])).payments.length };
  },
  expected: ({ data }) => data.expected,
  count: ({ items }) => rcp.countPayments(items),

  ours: () => ({
    label: 'RCP node, Get Many, Return All',
    node: rcp.ours({ resource: 'payment', operation: 'getAll', returnAll: true, filters: {}, options: {} }),
  }),
  baselines: ({ vars, limit }) => {
    const url = `${vars.RESTRICT_CONTENT_PRO_URL}/wp-json/rcp/v1/payments`;
    return [
      { label: 'HTTP Request, pagination, default page (number=20)', node: rcp.httpRequest(url, { pagination: rcp.offsetPagination(20) }) },
      {
        label: `HTTP Request, pagination, number=100${limit ? `, interval ${Math.ceil(1000 / limit)} ms` : ''}`,
        strongest: true,
        node: rcp.httpRequest(url, { query: { number: 100 }, pagination: rcp.offsetPagination(100, { perSecond: limit }) }),
      },
    ];
  },

  async physical({ vars, limit }) {
    const { call } = client({ headers: rcp.HEADERS, perSecond: limit });
    const url = (offset) => `${vars.RESTRICT_CONTENT_PRO_URL}/wp-json/rcp/v1/payments?number=100&offset=${offset}`;
    return await offsetPages(call, url, 100, (body) => body);
  },
};
