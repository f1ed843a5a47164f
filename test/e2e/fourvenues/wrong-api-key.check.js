'use strict';
// A credential with an unknown API key: the run fails with Fourvenues' 401 turned into a clear n8n error.
exports.expectError = true;

exports.check = async ({ output, emulator, assert }) => {
  assert.equal(output.error.node && output.error.node.name, 'Get Payment');
  assert.match(output.error.message, /^Fourvenues error 401: Invalid API key/);
  assert.ok(!JSON.stringify(output.error).includes('sk_test_not_known_to_the_emulator'), 'the key is not in the error');
  const requests = await emulator.requests('fourvenues');
  assert.ok(requests.length >= 1 && requests.every((r) => r.status === 401), 'the emulator answered 401');
  assert.equal(requests.length, 1, 'a 401 is not retried');
};
