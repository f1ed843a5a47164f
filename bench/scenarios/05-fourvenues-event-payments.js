'use strict';
// All payments of one event, 40 ms latency. The seed puts 2,000 payments on each of the demo
// channel's venues' events (one event per venue) plus 15 recent ones on the demo event: 2,015.
// Ours: Payment → Get Many, Return All, Filters → Event: pages of limit=100, stops at a page shorter
// than the documented default (50); paced at its default 8 requests/s (Fourvenues reportedly allows
// about 10 per key; the emulator's limiter is off here, as by default).
// HTTP Request: its pagination as the docs lead a user to set it up (offset += page size until
// `data` is empty), with the documented default page (50) and with limit=100.
const fv = require('../lib/fourvenues');

module.exports = {
  title: 'Fourvenues: Get Many, all 2,015 payments of one event',
  provider: fv.PROVIDER,
  emulator: { seed: 1, size: { fourvenues: { payments: 6000, eventsPerOrg: 1 } } },
  latencyMs: 40,
  credentials: fv.credentials,

  async prepare({ emulator }) {
    const state = await emulator.state(fv.PROVIDER);
    const eventId = state.fixtures.demoEventId;
    return { eventId, expected: state.payments.filter((p) => p.event_id === eventId).length };
  },
  expected: ({ data }) => data.expected,
  count: ({ items }) => fv.countPayments(items),

  ours: ({ data }) => ({
    label: 'Fourvenues node, Return All, Filters → Event',
    node: fv.ours({ resource: 'payment', operation: 'getAll', returnAll: true, filters: { event: fv.byId(data.eventId) } }),
  }),
  baselines: ({ vars, data }) => [
    {
      label: 'HTTP Request, pagination, default page (50)',
      node: fv.httpRequest(`${vars.FOURVENUES_URL}/payments`, { query: { event_id: data.eventId }, pagination: fv.offsetPagination(50) }),
    },
    {
      label: 'HTTP Request, pagination, limit=100',
      node: fv.httpRequest(`${vars.FOURVENUES_URL}/payments`, { query: { event_id: data.eventId, limit: 100 }, pagination: fv.offsetPagination(100) }),
    },
  ],
};
