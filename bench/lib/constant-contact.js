'use strict';
// Constant Contact building blocks for bench/scenarios/*-constant-contact-*.js: the two OAuth2
// credentials (ours, and the generic "OAuth2 API" credential a user of n8n's HTTP Request node
// would create for an API without a dedicated credential), node builders and a result counter.
//
// Both credentials carry the emulator's long-lived demo access token (cc_emulator_access_token,
// valid for a year after a reset, scope campaign_data offline_access) as stored OAuth token data,
// the way the e2e credentials do (test/e2e/constant-contact/credentials.json), so no browser
// round-trip is needed. Both belong to the same emulated app (cc_emulator_client), so they share
// its 4 requests/second budget, as two n8n credentials for one Constant Contact app would.

const PROVIDER = 'constant-contact';

const CLIENT = { clientId: 'cc_emulator_client', clientSecret: 'cc_emulator_client_secret' };
const TOKEN = {
  token_type: 'Bearer',
  access_token: 'cc_emulator_access_token',
  refresh_token: 'cc_emulator_refresh_token',
  expires_in: 86400,
  scope: 'campaign_data offline_access',
};
const OAUTH_URLS = {
  authUrl: '{{EMULATOR_URL}}/constant-contact/oauth2/default/v1/authorize',
  accessTokenUrl: '{{EMULATOR_URL}}/constant-contact/oauth2/default/v1/token',
};

const CRED = {
  ours: { id: 'benchCcOauth2001', name: 'Constant Contact (bench emulator)' },
  generic: { id: 'benchCcGenOauth1', name: 'Constant Contact generic OAuth2 (bench emulator)' },
};

/** Imported with `n8n import:credentials`; {{CONSTANT_CONTACT_URL}} is the emulator's …/constant-contact/v3. */
const credentials = [
  {
    ...CRED.ours,
    type: 'constantContactOAuth2Api',
    data: { ...CLIENT, baseUrl: '{{CONSTANT_CONTACT_URL}}', ...OAUTH_URLS, oauthTokenData: TOKEN },
  },
  {
    // n8n's generic OAuth2 credential, filled in as Constant Contact's docs describe the server flow:
    // authorization code, scope campaign_data offline_access, client ID/secret sent as HTTP Basic.
    ...CRED.generic,
    type: 'oAuth2Api',
    data: {
      grantType: 'authorizationCode',
      ...OAUTH_URLS,
      ...CLIENT,
      scope: 'campaign_data offline_access',
      authQueryParameters: '',
      authentication: 'header',
      oauthTokenData: TOKEN,
    },
  },
];

/** Resource-locator value "By ID". */
const byId = (value) => ({ __rl: true, mode: 'id', value });
/** Resource-locator left empty (for Track: the event's default track, looked up once). */
const empty = () => ({ __rl: true, mode: 'list', value: '' });

/** Our Constant Contact node (n8n-nodes-event-payments.constantContact). */
function ours(parameters) {
  return {
    type: 'n8n-nodes-event-payments.constantContact',
    typeVersion: 1,
    parameters: { resource: 'registration', options: {}, ...parameters },
    credentials: { constantContactOAuth2Api: CRED.ours },
  };
}

/**
 * n8n's HTTP Request node (4.2) with Generic → OAuth2 API, sending a JSON body.
 * opts: { method, jsonBody (expression), batching: {batchSize, batchInterval}, settings }
 */
function httpRequest(url, { method = 'GET', jsonBody, batching, settings, executeOnce } = {}) {
  const parameters = {
    method,
    url,
    authentication: 'genericCredentialType',
    genericAuthType: 'oAuth2Api',
    options: {},
  };
  if (jsonBody) {
    parameters.sendBody = true;
    parameters.contentType = 'json';
    parameters.specifyBody = 'json';
    parameters.jsonBody = jsonBody;
  }
  if (batching) parameters.options.batching = { batch: batching };
  return {
    type: 'n8n-nodes-base.httpRequest',
    typeVersion: 4.2,
    parameters,
    credentials: { oAuth2Api: CRED.generic },
    ...(settings ? { settings } : {}),
    ...(executeOnce ? { executeOnce: true } : {}),
  };
}

/** How many of `ids` the emulator now holds as PAID (the work a run actually got done). */
async function countPaid(emulator, ids) {
  const state = await emulator.state(PROVIDER, ['registrations']);
  const wanted = new Set(ids);
  return state.registrations.filter((r) => wanted.has(r.registration_id) && r.payment_status === 'PAID').length;
}

/** Headers of a plain script (the physical-limit column): the same demo access token. */
const HEADERS = { authorization: `Bearer ${TOKEN.access_token}` };

module.exports = { PROVIDER, HEADERS, CRED, credentials, ours, byId, empty, httpRequest, countPaid };
