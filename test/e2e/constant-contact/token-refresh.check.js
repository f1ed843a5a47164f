'use strict';
// A credential imported with an expired access token: n8n refreshes it at the emulator's token
// endpoint (HTTP Basic client authentication, long-lived refresh token) and the request succeeds.
exports.check = async ({ output, emulator, assert }) => {
  const events = output.json('Get Events');
  assert.equal(events.length, 3);
  assert.ok(events.every((e) => e.event_id && e.name));

  const requests = await emulator.requests('constant-contact');
  assert.deepEqual(
    requests.map((r) => `${r.method} ${r.providerPath} ${r.status}`),
    ['GET /v3/events 401', 'POST /oauth2/default/v1/token 200', 'GET /v3/events 200'],
  );
  const basic = `Basic ${Buffer.from('cc_emulator_client:cc_emulator_client_secret').toString('base64')}`;
  assert.equal(requests[1].headers.authorization, basic);
  assert.deepEqual(requests[1].body, { grant_type: 'refresh_token', refresh_token: 'cc_emulator_refresh_token' });
  assert.equal(requests[0].headers.authorization, 'Bearer cc_emulator_expired_access_token');
  assert.match(requests[2].headers.authorization, /^Bearer cc_at_/);
};
