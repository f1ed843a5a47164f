'use strict';
// Get 200 transactions by ID (× --scale) from an API limited to 20/s and to 10/s per key (429 with
// Retry-After: 1 beyond that), 40 ms latency.
// Ours: default options. HTTP Request: defaults; Retry On Fail (3 tries, 1 s apart); and Batching
// <limit> items / 1,000 ms, what its 429 message suggests and a user who knows the limit sets (strongest).
// Physical: the same GETs from a plain script at exactly the limit (the floor: items ÷ limit seconds).
const v = require('../lib/vivenu');
const { client, pool } = require('../lib/physical');
const { scaled } = require('../lib/scale');
const t = require('../lib/targets');

const ITEMS = scaled(200);

module.exports = {
  title: `vivenu: Get ${ITEMS.toLocaleString('en')} by ID (429 + Retry-After: 1)`,
  provider: 'vivenu',
  emulator: { seed: 1, size: { vivenu: { transactions: Math.max(1000, ITEMS * 2) } } },
  latencyMs: 40,
  limits: [20, 10],
  rateLimitExtra: { retryAfter: 1 },
  credentials: v.credentials,
  timeoutMs: 90000,
  // Issue 24: cold (the credential's first execution) ≤ 5 × 429 and ≤ 1.1× the plain script at the limit;
  // warm ≥ 1× Batching at exactly the limit, with 0 × 429.
  target: (phase) => (phase === 'cold' ? t.both(t.at429s(5), t.withinPhysical(1.1)) : t.both(t.atLeastStrongest(1), t.at429s(0))),

  async prepare({ vars }) {
    return { ids: (await v.sellerTransactions(vars, ITEMS)).ids };
  },
  input: ({ data }) => data.ids.map((id) => ({ id })),
  expected: () => ITEMS,
  count: ({ items }) => v.countTransactions(items),

  ours: () => ({
    label: 'vivenu node, Get, default options',
    node: v.ours({ operation: 'get', transactionId: v.byId('={{ $json.id }}') }),
  }),
  baselines: ({ vars, limit }) => {
    const url = `={{ '${vars.VIVENU_URL}/transactions/' + $json.id }}`;
    return [
      { label: 'HTTP Request, defaults', node: v.httpRequest(url) },
      {
        label: 'HTTP Request, Retry On Fail (3 tries, 1 s)',
        node: v.httpRequest(url, { settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } }),
      },
      {
        label: `HTTP Request, Batching ${limit} items / 1000 ms`,
        strongest: true,
        node: v.httpRequest(url, { batching: { batchSize: limit, batchInterval: 1000 } }),
      },
    ];
  },

  async physical({ vars, data, limit }) {
    const { call } = client({ headers: v.HEADERS, perSecond: limit });
    return (await pool(data.ids, 50, (id) => call(`${vars.VIVENU_URL}/transactions/${id}`))).length;
  },
};
