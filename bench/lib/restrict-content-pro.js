'use strict';
// Restrict Content Pro building blocks for bench/scenarios/*-restrict-content-pro-*.js: the two
// credentials (ours, and the generic "Basic Auth" with a WordPress application password a user of
// n8n's HTTP Request node would create), node builders, number/offset pagination and a counter.

const PROVIDER = 'restrict-content-pro';
const USER = 'admin';
const APP_PASSWORD = 'Rcp1 Emu2 Adm3 InX4 Pa55 W0rd';

const CRED = {
  ours: { id: 'benchRcpApi00001', name: 'Restrict Content Pro (bench emulator)' },
  basic: { id: 'benchRcpBasic001', name: 'Restrict Content Pro Basic Auth (bench emulator)' },
};

/** {{RESTRICT_CONTENT_PRO_URL}} is the emulated WordPress site (…/rcp, pretty permalinks). */
const credentials = [
  {
    ...CRED.ours,
    type: 'restrictContentProApi',
    data: { url: '{{RESTRICT_CONTENT_PRO_URL}}', username: USER, password: APP_PASSWORD, urlStyle: 'wpJson' },
  },
  { ...CRED.basic, type: 'httpBasicAuth', data: { user: USER, password: APP_PASSWORD } },
];

/** Our Restrict Content Pro node (n8n-nodes-event-payments.restrictContentPro). */
function ours(parameters) {
  return {
    type: 'n8n-nodes-event-payments.restrictContentPro',
    typeVersion: 1,
    parameters,
    credentials: { restrictContentProApi: CRED.ours },
  };
}

/** n8n's HTTP Request node (4.2), Generic → Basic Auth, GET with query and pagination. */
function httpRequest(url, { query, pagination } = {}) {
  const parameters = { method: 'GET', url, authentication: 'genericCredentialType', genericAuthType: 'httpBasicAuth', options: {} };
  if (query && Object.keys(query).length) {
    parameters.sendQuery = true;
    parameters.queryParameters = { parameters: Object.entries(query).map(([name, value]) => ({ name, value: String(value) })) };
  }
  if (pagination) parameters.options.pagination = { pagination };
  return { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters, credentials: { httpBasicAuth: CRED.basic } };
}

/**
 * The HTTP Request node's pagination for RCP's number/offset (documented default number=20):
 * `offset` grows by the page size; the route answers a bare JSON array, so the built-in
 * "Response Is Empty" ends it at the first `[]`.
 */
function offsetPagination(pageSize, { perSecond = 0 } = {}) {
  return {
    ...(perSecond ? { requestInterval: Math.ceil(1000 / perSecond) } : {}),
    paginationMode: 'updateAParameterInEachRequest',
    parameters: { parameters: [{ type: 'qs', name: 'offset', value: `={{ $pageCount * ${pageSize} }}` }] },
    paginationCompleteWhen: 'responseIsEmpty',
  };
}

/** Payments in the Measured node's output (HTTP Request turns each page's array into one item per element). */
function countPayments(items) {
  let n = 0;
  for (const { json } of items) {
    if (Array.isArray(json)) n += json.length;
    else if (json && json.id !== undefined) n += 1;
  }
  return n;
}

/** Headers of a plain script (the physical-limit column). */
const HEADERS = { authorization: `Basic ${Buffer.from(`${USER}:${APP_PASSWORD}`).toString('base64')}` };

module.exports = { PROVIDER, HEADERS, CRED, credentials, ours, httpRequest, offsetPagination, countPayments };
