'use strict';
// Shared bits of the Fourvenues e2e checks.
const SEED_RESPONSE = require('../../fourvenues/fixtures/seed-payment-response.json');

const SEED_ID = 'abcdefghi1234567890';
const API_KEY = 'sk_test_emulator_fourvenues_demo';

/** "GET /path?query" of every request the emulator received for Fourvenues, oldest first. */
async function requestLines(emulator) {
  return (await emulator.requests('fourvenues')).map((r) => `${r.method} ${r.providerPath}${r.rawQuery ? `?${r.rawQuery}` : ''}`);
}

/** Ids of the venues the demo key's channel sees. */
const hostIds = (state) => state.channels[0].host_ids;

module.exports = { SEED_RESPONSE, SEED_ID, API_KEY, requestLines, hostIds };
