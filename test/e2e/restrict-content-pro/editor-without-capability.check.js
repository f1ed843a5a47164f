'use strict';
// A WordPress user who can log in but lacks the RCP capability: WordPress's 403 rest_forbidden, with the
// difference to a failed login spelled out.
const PROVIDER = 'restrict-content-pro';
exports.expectError = true;

exports.check = async ({ output, emulator, assert }) => {
  assert.equal(output.error.node && output.error.node.name, 'Get Many Payments');
  assert.equal(output.error.message, 'Restrict Content Pro error 403: Sorry, you are not allowed to do that. (rest_forbidden) [item 0]');
  assert.match(output.error.description, /The login works, but this WordPress user lacks the capability/);
  assert.doesNotMatch(JSON.stringify(output.error), /Edit Or00|EditOr00NoRcpCap50000000/, 'the application password is nowhere in the error');
  const requests = await emulator.requests(PROVIDER);
  assert.deepEqual(requests.map((r) => r.status), [403], 'a 403 is not retried');
};
