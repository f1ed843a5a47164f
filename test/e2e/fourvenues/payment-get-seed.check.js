'use strict';
// The headline: Payment → Get in a real n8n outputs exactly the payment object of the seed document.
const { SEED_RESPONSE, SEED_ID, API_KEY, requestLines } = require('./helpers');

exports.check = async ({ output, emulator, assert }) => {
  assert.deepEqual(output.json('Get Payment'), [SEED_RESPONSE.data]);
  assert.deepEqual(await requestLines(emulator), [`GET /payments/${SEED_ID}`]);
  const [request] = await emulator.requests('fourvenues');
  assert.equal(request.headers['x-api-key'], API_KEY, 'the key goes in X-Api-Key');
};
