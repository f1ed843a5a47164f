'use strict';
// Get 300 transactions by ID (300 input items × --scale), 40 ms latency, no API limit.
// Ours: default Request Options. HTTP Request: one GET per item, default settings (it sends the
// requests of all items at once: already the strongest setup without a limit).
// Physical: the same GETs from a plain script, 50 in flight.
const v = require('../lib/vivenu');
const { client, pool } = require('../lib/physical');
const { scaled } = require('../lib/scale');
const t = require('../lib/targets');

const ITEMS = scaled(300);

module.exports = {
  title: `vivenu: Get ${ITEMS.toLocaleString('en')} transactions by ID, no API limit`,
  provider: 'vivenu',
  emulator: { seed: 1, size: { vivenu: { transactions: Math.max(1000, ITEMS * 2) } } },
  latencyMs: 40,
  credentials: v.credentials,
  // Issue 24: Get by ID with no limit within 1.5× of the plain script; and ≥ 1× the strongest HTTP Request.
  target: () => t.both(t.atLeastStrongest(1), t.withinPhysical(1.5)),

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
  baselines: ({ vars }) => [
    {
      label: 'HTTP Request, one GET per item',
      strongest: true,
      node: v.httpRequest(`={{ '${vars.VIVENU_URL}/transactions/' + $json.id }}`),
    },
  ],

  async physical({ vars, data }) {
    const { call } = client({ headers: v.HEADERS });
    return (await pool(data.ids, 50, (id) => call(`${vars.VIVENU_URL}/transactions/${id}`))).length;
  },
};
