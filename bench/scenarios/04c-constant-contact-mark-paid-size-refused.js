'use strict';
// Scenario 04 against an account that refuses more than 300 registration IDs per PUT (Constant Contact
// documents no maximum and no refusal: the emulator's `maxRegistrationIds` answers 400
// `[{"error_key":"bad.request","error_message":"registration_ids: size must be between 1 and 300 …"}]`,
// UNVERIFIED). Ours, defaults: 1 GET, then PUTs of 1,000 (refused), 500 (refused) and 4 × 250. The
// strongest HTTP Request setup of 04 (one PUT with every ID) is refused and marks nothing paid.
const base = require('./04-constant-contact-mark-paid');
const { scaled } = require('../lib/scale');

const ITEMS = scaled(1000);
const MAX_IDS = 300;

module.exports = {
  ...base,
  target: null, // not 04's: ≥ 1× the strongest HTTP Request setup, cold and warm
  title: `${base.title}, account refuses > ${MAX_IDS} IDs per PUT`,
  emulator: { seed: 1, size: { 'constant-contact': { registrations: Math.round(ITEMS * 2.4), maxRegistrationIds: MAX_IDS } } },
  ours: ({ data }) => ({
    label: 'Constant Contact node, Update Payment Status, defaults',
    node: base.markPaid(data),
  }),
  baselines: (ctx) => base.baselines(ctx).filter((b) => b.strongest),
  // A script that knows the limit: PUTs of 300 at the documented 4 requests/s.
  physical: base.putsOf(MAX_IDS),
};
