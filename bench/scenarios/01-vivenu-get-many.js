'use strict';
// Get Many, all 5,000 transactions. Ours: Return All (pages of top=1000, the API's maximum).
// HTTP Request: its built-in pagination as vivenu's docs lead a user to configure it — `skip`
// += page size until a page has no docs — with the default page size (25) and with top=100.
const v = require('../lib/vivenu');

const TOTAL = 5000;

module.exports = {
  title: 'vivenu: Get Many, all 5,000 transactions',
  provider: 'vivenu',
  emulator: { seed: 1, size: { vivenu: { transactions: TOTAL } } },
  latencyMs: 40,
  credentials: v.credentials,

  async prepare({ emulator }) {
    return { expected: (await v.sellerTransactions(emulator)).length };
  },
  expected: ({ data }) => data.expected,
  count: ({ items }) => v.countTransactions(items),

  ours: () => ({
    label: 'vivenu node, Return All',
    node: v.ours({ operation: 'getAll', returnAll: true }),
  }),
  baselines: ({ vars }) => [
    {
      label: 'HTTP Request, pagination, default page (25)',
      node: v.httpRequest(`${vars.VIVENU_URL}/transactions`, { pagination: v.skipPagination(25) }),
    },
    {
      label: 'HTTP Request, pagination, top=100',
      node: v.httpRequest(`${vars.VIVENU_URL}/transactions`, { query: { top: 100 }, pagination: v.skipPagination(100) }),
    },
  ],
};
