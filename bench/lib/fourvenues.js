'use strict';
// Fourvenues building blocks for bench/scenarios/*-fourvenues-*.js: the two credentials (ours, and
// the generic "Header Auth" with X-Api-Key a user of n8n's HTTP Request node would create), node
// builders, the docs-style limit/offset pagination and a result counter.

const PROVIDER = 'fourvenues';
const API_KEY = 'sk_test_emulator_fourvenues_demo';

const CRED = {
  ours: { id: 'benchFourvApi001', name: 'Fourvenues (bench emulator)' },
  header: { id: 'benchFourvHdr001', name: 'Fourvenues X-Api-Key header (bench emulator)' },
};

/** {{FOURVENUES_URL}} is the emulator's Fourvenues base URL (…/fourvenues; the API has no version prefix). */
const credentials = [
  { ...CRED.ours, type: 'fourvenuesApi', data: { apiKey: API_KEY, environment: 'custom', baseUrl: '{{FOURVENUES_URL}}' } },
  { ...CRED.header, type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: API_KEY } },
];

const byId = (value) => ({ __rl: true, mode: 'id', value });

/** Our Fourvenues node (n8n-nodes-event-payments.fourvenues). */
function ours(parameters) {
  return {
    type: 'n8n-nodes-event-payments.fourvenues',
    typeVersion: 1,
    parameters,
    credentials: { fourvenuesApi: CRED.ours },
  };
}

/** n8n's HTTP Request node (4.2), Generic → Header Auth (X-Api-Key), GET with query and pagination. */
function httpRequest(url, { query, pagination } = {}) {
  const parameters = { method: 'GET', url, authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth', options: {} };
  if (query && Object.keys(query).length) {
    parameters.sendQuery = true;
    parameters.queryParameters = { parameters: Object.entries(query).map(([name, value]) => ({ name, value: String(value) })) };
  }
  if (pagination) parameters.options.pagination = { pagination };
  return { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters, credentials: { httpHeaderAuth: CRED.header } };
}

/**
 * The HTTP Request node's pagination as Fourvenues' docs lead a user to set it up: `offset` grows by
 * the page size (documented default `limit` 50) until a page comes back with an empty `data` array.
 */
function offsetPagination(pageSize, { perSecond = 0 } = {}) {
  return {
    ...(perSecond ? { requestInterval: Math.ceil(1000 / perSecond) } : {}),
    paginationMode: 'updateAParameterInEachRequest',
    parameters: { parameters: [{ type: 'qs', name: 'offset', value: `={{ $pageCount * ${pageSize} }}` }] },
    paginationCompleteWhen: 'other',
    completeExpression: '={{ $response.body.data.length === 0 }}',
  };
}

/** Payments in the Measured node's output: our items (one per payment) or the `data` of HTTP Request's page items. */
function countPayments(items) {
  let n = 0;
  for (const { json } of items) n += Array.isArray(json && json.data) ? json.data.length : (json && json._id ? 1 : 0);
  return n;
}

/** Headers of a plain script (the physical-limit column). */
const HEADERS = { 'x-api-key': API_KEY };

module.exports = { PROVIDER, HEADERS, API_KEY, CRED, credentials, byId, ours, httpRequest, offsetPagination, countPayments };
