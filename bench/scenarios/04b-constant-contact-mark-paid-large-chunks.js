'use strict';
// Scenario 04 with our node's Options → Registrations per Request at its maximum (500) instead of the
// default 100 (Constant Contact documents no maximum, so the default stays cautious): 1 GET + 2 PUTs
// against the strongest HTTP Request setup (one PUT with all IDs).
const base = require('./04-constant-contact-mark-paid');

module.exports = {
  ...base,
  title: `${base.title}, ours at 500 per request`,
  ours: ({ data }) => ({
    label: 'Constant Contact node, Update Payment Status, 500 per request',
    node: base.markPaid(data, { chunkSize: 500 }),
  }),
  baselines: (ctx) => base.baselines(ctx).filter((b) => b.strongest),
};
