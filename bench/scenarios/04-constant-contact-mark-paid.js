'use strict';
// Mark 1,000 registrations of one event paid (1,000 input items, one registration ID each), 40 ms
// latency. Constant Contact allows 4 requests per second per app; the emulator enforces it in every
// API handler (sliding 1 s window over accepted requests, 429 {"error_key":"throttled"} without
// Retry-After: emulators/providers/constant-contact/common.js enforceLimits).
// Ours: Registration → Update Payment Status, default options: one GET for the event's default track,
// then ⌈1000/100⌉ = 10 bulk PUTs …/registrations/payment_status, paced at ≤ 4 requests/s.
// HTTP Request (Generic → OAuth2 API): one PUT with one ID per item, what a user builds without the
// node: (a) defaults; (b) Batching 4 items / 1,000 ms, the documented limit, which takes ~4 minutes
// and so runs once whatever --runs says.
const cc = require('../lib/constant-contact');

const ITEMS = 1000;

module.exports = {
  title: 'Constant Contact: mark 1,000 registrations paid (4 req/s limit, 40 ms latency)',
  provider: cc.PROVIDER,
  // 2,400 registrations give > 1,000 offline (door/check) payments still PENDING: every chosen one must change.
  emulator: { seed: 1, size: { 'constant-contact': { registrations: 2400 } } },
  latencyMs: 40,
  credentials: cc.credentials,
  timeoutMs: 330000, // Batching 4 / 1,000 ms needs ~250 s

  async prepare({ emulator }) {
    const { fixtures } = await emulator.state(cc.PROVIDER);
    const ids = fixtures.offlinePendingRegistrationIds.slice(0, ITEMS);
    if (ids.length < ITEMS) throw new Error(`constant-contact seed has only ${ids.length} pending offline registrations`);
    return { ids, eventId: fixtures.eventId, trackId: fixtures.trackId };
  },
  input: ({ data }) => data.ids.map((id) => ({ registration_id: id })),
  expected: () => ITEMS,
  // Success means the registrations really are PAID in the emulator afterwards, not just items out.
  count: ({ emulator, data }) => cc.countPaid(emulator, data.ids),

  ours: ({ data }) => ({
    label: 'Constant Contact node, Update Payment Status, defaults',
    node: cc.ours({
      operation: 'updatePaymentStatus',
      eventId: cc.byId(data.eventId),
      trackId: cc.empty(),
      registrationIds: '={{ $json.registration_id }}',
      paymentStatus: 'Paid',
    }),
  }),
  baselines: ({ vars, data }) => {
    const url = `${vars.CONSTANT_CONTACT_URL}/events/${data.eventId}/tracks/${data.trackId}/registrations/payment_status`;
    const jsonBody = "={{ JSON.stringify({ registration_ids: [$json.registration_id], payment_status: 'Paid' }) }}";
    return [
      { label: 'HTTP Request, one PUT per item, defaults', node: cc.httpRequest(url, { method: 'PUT', jsonBody }) },
      {
        label: 'HTTP Request, one PUT per item, Batching 4 items / 1000 ms',
        node: cc.httpRequest(url, { method: 'PUT', jsonBody, batching: { batchSize: 4, batchInterval: 1000 } }),
        maxRuns: 1,
      },
    ];
  },
};
