'use strict';
// Scenario 04 with our node's Options → Registrations per Request set to 100, the cap a user sets when
// they know their account's limit: 10 PUTs at ≤ 4 requests/s (cold: 1 GET for the default track first),
// against the strongest HTTP Request setup (one PUT with all IDs) and a plain script sending the same
// 10 PUTs of 100 at 4/s. What a cap costs at Constant Contact's pace.
const base = require('./04-constant-contact-mark-paid');
const t = require('../lib/targets');

const CAP = 100;

module.exports = {
  ...base,
  title: `${base.title}, ours capped at ${CAP} per request`,
  // Issue 24: warm within 1.2× of the plain script doing the same PUTs at 4/s.
  target: (phase) => (phase === 'warm' ? t.withinPhysical(1.2) : t.none),
  ours: ({ data }) => ({
    label: `Constant Contact node, Update Payment Status, Registrations per Request ${CAP}`,
    node: base.markPaid(data, { chunkSize: CAP }),
  }),
  baselines: (ctx) => base.baselines(ctx).filter((b) => b.strongest),
  physical: base.putsOf(CAP),
};
