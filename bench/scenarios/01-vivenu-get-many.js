'use strict';
// Get Many, all 5,000 transactions (× --scale), with no API limit and at 20/s and 10/s.
// Ours: Return All, defaults (pages of top=1000, the API's maximum; after the first page the others
// in parallel). HTTP Request: its built-in pagination (`skip` += page size until a page has no docs),
// naive with the default page (25), strongest with top=1000 and, under a limit, the pagination's
// Interval Between Requests set for it. Physical: first page, then the others at once (paced at the limit).
const v = require('../lib/vivenu');
const { client, pool } = require('../lib/physical');
const { scaled } = require('../lib/scale');
const t = require('../lib/targets');

const TOTAL = scaled(5000);

module.exports = {
  title: `vivenu: Get Many, all ${TOTAL.toLocaleString('en')} transactions`,
  provider: 'vivenu',
  emulator: { seed: 1, size: { vivenu: { transactions: TOTAL } } },
  latencyMs: 40,
  limits: [0, 20, 10],
  rateLimitExtra: { retryAfter: 1 },
  credentials: v.credentials,
  timeoutMs: 120000,
  // Issue 24: Get Many with no limit within 1.5× of the plain script; and, as everywhere, ≥ 1× the strongest HTTP Request.
  target() {
    return this.limit ? t.atLeastStrongest(1) : t.both(t.atLeastStrongest(1), t.withinPhysical(1.5));
  },

  async prepare({ vars }) {
    return { expected: (await v.sellerTransactions(vars)).total };
  },
  expected: ({ data }) => data.expected,
  count: ({ items }) => v.countTransactions(items),

  // Warm-up at --scale > 1: one page of 1,000 instead of all 50,000 (at 1× the variants themselves warm up).
  warmup: (node) => (node.type === v.ours({}).type
    ? v.ours({ operation: 'getAll', returnAll: false, limit: 1000 })
    : { ...node, parameters: { ...node.parameters, options: {} } }),

  ours: () => ({
    label: 'vivenu node, Return All',
    node: v.ours({ operation: 'getAll', returnAll: true }),
  }),
  baselines: ({ vars, limit }) => [
    {
      label: 'HTTP Request, pagination, default page (25)',
      node: v.httpRequest(`${vars.VIVENU_URL}/transactions`, { pagination: v.skipPagination(25) }),
    },
    {
      label: `HTTP Request, pagination, top=1000${limit ? `, interval ${Math.ceil(1000 / limit)} ms` : ''}`,
      strongest: true,
      node: v.httpRequest(`${vars.VIVENU_URL}/transactions`, { query: { top: 1000 }, pagination: v.skipPagination(1000, { perSecond: limit }) }),
    },
  ],

  async physical({ vars, limit }) {
    const { call } = client({ headers: v.HEADERS, perSecond: limit });
    const url = (skip) => `${vars.VIVENU_URL}/transactions?top=1000&skip=${skip}`;
    const first = await call(url(0));
    const skips = [];
    for (let s = first.docs.length; s < first.total; s += 1000) skips.push(s);
    const pages = await pool(skips, 50, (s) => call(url(s)));
    return pages.reduce((n, p) => n + p.docs.length, first.docs.length);
  },
};
