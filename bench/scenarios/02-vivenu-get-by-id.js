'use strict';
// Get 300 transactions by ID (300 input items), 40 ms latency per request.
// Ours: default Request Options (parallel items, within vivenu's safe rate).
// HTTP Request: one GET per item, default settings.
const v = require('../lib/vivenu');

const ITEMS = 300;

module.exports = {
  title: 'vivenu: Get 300 transactions by ID (40 ms latency)',
  provider: 'vivenu',
  emulator: { seed: 1, size: { vivenu: { transactions: 1000 } } },
  latencyMs: 40,
  credentials: v.credentials,

  async prepare({ emulator }) {
    const ids = (await v.sellerTransactions(emulator)).slice(0, ITEMS).map((t) => t._id);
    return { ids };
  },
  input: ({ data }) => data.ids.map((id) => ({ id })),
  expected: () => ITEMS,
  count: ({ items }) => v.countTransactions(items),

  ours: () => ({
    label: 'vivenu node, Get, default options',
    node: v.ours({ operation: 'get', transactionId: v.byId('={{ $json.id }}') }),
  }),
  baselines: ({ vars }) => [
    {
      label: 'HTTP Request, one GET per item',
      node: v.httpRequest(`={{ '${vars.VIVENU_URL}/transactions/' + $json.id }}`),
    },
  ],
};
