'use strict';
// Scenario 05 with the emulator's Fourvenues limiter switched on at the rate Fourvenues reportedly
// allows (about 10 requests/s per key, sliding window, UNVERIFIED; 429 without Retry-After, as none
// is documented). This is what our node's default pace of 8 requests/s is for. Same data, latency,
// node configurations and HTTP Request baselines as 05.
const base = require('./05-fourvenues-event-payments');
const fv = require('../lib/fourvenues');

module.exports = {
  ...base,
  title: 'Fourvenues: all 2,015 payments of one event, API limited to 10 req/s (429, no Retry-After)',
  timeoutMs: 90000,
  async arrange({ emulator }) {
    await emulator.rateLimit({ provider: fv.PROVIDER, limit: 10, windowMs: 1000, mode: 'sliding' });
  },
};
