'use strict';
// Scenario 04 with our node's Options → Registrations per Request set to 100, the cap a user sets when
// they know their account's limit (and the node's fixed size before it learnt to split refused
// requests): 1 GET + 10 PUTs at ≤ 4 requests/s, against the strongest HTTP Request setup (one PUT
// with all IDs). What a cap costs at Constant Contact's pace.
const base = require('./04-constant-contact-mark-paid');

module.exports = {
  ...base,
  title: `${base.title}, ours capped at 100 per request`,
  ours: ({ data }) => ({
    label: 'Constant Contact node, Update Payment Status, Registrations per Request 100',
    node: base.markPaid(data, { chunkSize: 100 }),
  }),
  baselines: (ctx) => base.baselines(ctx).filter((b) => b.strongest),
};
