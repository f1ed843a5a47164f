'use strict';
// All payments of one event (2,015; × --scale), 40 ms latency, with no API limit and at 20/s and 10/s
// (Fourvenues reportedly allows about 10 per key, UNVERIFIED; 429 without Retry-After, none is documented).
// Ours: Payment → Get Many, Return All, Filters → Event: pages of limit=100, defaults.
// HTTP Request: its pagination as the docs lead a user to set it up (offset += page size until `data`
// is empty), naive with the documented default page (50), strongest with limit=100 and, under a
// limit, the pagination's Interval Between Requests set for it.
// Physical: the same pages one after another (the list tells no total, so they cannot be planned
// ahead), paced at the limit.
const fv = require('../lib/fourvenues');
const { client, offsetPages } = require('../lib/physical');
const { scaled } = require('../lib/scale');

module.exports = {
  title: 'Fourvenues: Get Many, all payments of one event',
  provider: fv.PROVIDER,
  emulator: { seed: 1, size: { fourvenues: { payments: scaled(6000), eventsPerOrg: 1 } } },
  latencyMs: 40,
  limits: [0, 20, 10],
  credentials: fv.credentials,
  timeoutMs: 90000,

  async prepare({ emulator }) {
    const state = await emulator.state(fv.PROVIDER, ['fixtures', 'payments']);
    const eventId = state.fixtures.demoEventId;
    return { eventId, expected: state.payments.filter((p) => p.event_id === eventId).length };
  },
  expected: ({ data }) => data.expected,
  count: ({ items }) => fv.countPayments(items),

  ours: ({ data }) => ({
    label: 'Fourvenues node, Return All, Filters → Event',
    node: fv.ours({ resource: 'payment', operation: 'getAll', returnAll: true, filters: { event: fv.byId(data.eventId) } }),
  }),
  baselines: ({ vars, data, limit }) => [
    {
      label: 'HTTP Request, pagination, default page (50)',
      node: fv.httpRequest(`${vars.FOURVENUES_URL}/payments`, { query: { event_id: data.eventId }, pagination: fv.offsetPagination(50) }),
    },
    {
      label: `HTTP Request, pagination, limit=100${limit ? `, interval ${Math.ceil(1000 / limit)} ms` : ''}`,
      strongest: true,
      node: fv.httpRequest(`${vars.FOURVENUES_URL}/payments`, { query: { event_id: data.eventId, limit: 100 }, pagination: fv.offsetPagination(100, { perSecond: limit }) }),
    },
  ],

  async physical({ vars, data, limit }) {
    const { call } = client({ headers: fv.HEADERS, perSecond: limit });
    const url = (offset) => `${vars.FOURVENUES_URL}/payments?event_id=${data.eventId}&limit=100&offset=${offset}`;
    return await offsetPages(call, url, 100, (body) => body.data);
  },
};
