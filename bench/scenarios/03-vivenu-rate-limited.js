'use strict';
// Rate-limited API: the emulator allows 20 requests/s per key and answers 429 with
// Retry-After: 1 beyond that. 200 Get-by-ID items, 40 ms latency.
// Ours: default options (honours Retry-After). HTTP Request: defaults; with Retry On Fail
// (node setting, 3 tries, 1 s apart); and with Batching 20 items / 1,000 ms (what its error
// message suggests), which is how a user would make it succeed.
const v = require('../lib/vivenu');

const ITEMS = 200;
const LIMIT = { provider: 'vivenu', limit: 20, windowMs: 1000, retryAfter: 1 };

module.exports = {
  title: 'vivenu: 200 Get by ID, API limited to 20 req/s (429 + Retry-After: 1)',
  provider: 'vivenu',
  emulator: { seed: 1, size: { vivenu: { transactions: 1000 } } },
  latencyMs: 40,
  credentials: v.credentials,
  timeoutMs: 90000,

  async arrange({ emulator }) {
    await emulator.rateLimit(LIMIT);
  },
  async prepare({ emulator }) {
    return { ids: (await v.sellerTransactions(emulator)).slice(0, ITEMS).map((t) => t._id) };
  },
  input: ({ data }) => data.ids.map((id) => ({ id })),
  expected: () => ITEMS,
  count: ({ items }) => v.countTransactions(items),

  ours: () => ({
    label: 'vivenu node, Get, default options',
    node: v.ours({ operation: 'get', transactionId: v.byId('={{ $json.id }}') }),
  }),
  baselines: ({ vars }) => {
    const url = `={{ '${vars.VIVENU_URL}/transactions/' + $json.id }}`;
    return [
      { label: 'HTTP Request, defaults', node: v.httpRequest(url) },
      {
        label: 'HTTP Request, Retry On Fail (3 tries, 1 s)',
        node: v.httpRequest(url, { settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } }),
      },
      {
        label: 'HTTP Request, Batching 20 items / 1000 ms',
        node: v.httpRequest(url, { batching: { batchSize: 20, batchInterval: 1000 } }),
      },
    ];
  },
};
