'use strict';
// Helpers for the Flexiown e2e checks (files starting with "_" are not cases).
const API_KEY = 'fo_emulator_demo_key_7c1e4a9b2d';
const WRONG_KEY = 'fo_wrong_key_never_shown_e2e';

/** {{VARS}} for the Set node that stands in for the shop's order record. */
async function storedOrder(emulator, fixture) {
  const state = await emulator.state('flexiown');
  const p = state.payments.find((x) => x.id === state.fixtures[fixture]);
  return { PAYMENT_ID: p.id, ORDER_ID: p.orderId, TRUST_SEED: p.trustSeed, TRUST_VALUE: p.trustValue };
}

/** Neither key may appear anywhere in the stored execution (outputs, errors, node snapshots). */
function assertNoKey(output, assert) {
  const text = JSON.stringify(output.execution);
  assert.ok(!text.includes(API_KEY), 'the API key appears nowhere in the execution data');
  assert.ok(!text.includes(WRONG_KEY), 'the wrong API key appears nowhere in the execution data');
}

const SEED_FIELDS = ['apiKey', 'id', 'status', 'trust_Seed', 'trust_Value', 'alt_Trust_Value'];

module.exports = { API_KEY, WRONG_KEY, storedOrder, assertNoKey, SEED_FIELDS };
