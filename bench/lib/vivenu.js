'use strict';
// vivenu building blocks shared by bench/scenarios/vivenu-*.js: the two credentials (ours, and
// the generic "Header Auth" a user of n8n's HTTP Request node would create) and node builders.

const API_KEY = 'key_emulator_vivenu_demo';

const CRED = {
  ours: { id: 'benchVivenuApi01', name: 'vivenu (bench emulator)' },
  header: { id: 'benchVivenuHdr01', name: 'vivenu Bearer header (bench emulator)' },
};

/** Imported with `n8n import:credentials`; {{VIVENU_URL}} is the emulator's vivenu base URL (…/vivenu/api). */
const credentials = [
  { ...CRED.ours, type: 'vivenuApi', data: { apiKey: API_KEY, environment: 'custom', baseUrl: '{{VIVENU_URL}}' } },
  { ...CRED.header, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${API_KEY}` } },
];

/** Our vivenu node (n8n-nodes-event-payments.vivenu). */
function ours(parameters, { requestOptions } = {}) {
  return {
    type: 'n8n-nodes-event-payments.vivenu',
    typeVersion: 1,
    parameters: { resource: 'transaction', ...parameters, ...(requestOptions ? { requestOptions } : {}) },
    credentials: { vivenuApi: CRED.ours },
  };
}

/** Resource-locator value "By ID" from an expression. */
const byId = (value) => ({ __rl: true, mode: 'id', value });

/**
 * n8n's own HTTP Request node (n8n-nodes-base.httpRequest 4.2), authenticated the way its docs
 * suggest for a Bearer token API without a dedicated credential: Generic → Header Auth.
 * opts: { query: {name: value}, pagination: {...}, batching: {batchSize, batchInterval}, settings: {retryOnFail…} }
 */
function httpRequest(url, { query, pagination, batching, settings } = {}) {
  const parameters = {
    method: 'GET',
    url,
    authentication: 'genericCredentialType',
    genericAuthType: 'httpHeaderAuth',
    options: {},
  };
  if (query && Object.keys(query).length) {
    parameters.sendQuery = true;
    parameters.queryParameters = { parameters: Object.entries(query).map(([name, value]) => ({ name, value: String(value) })) };
  }
  if (pagination) parameters.options.pagination = { pagination };
  if (batching) parameters.options.batching = { batch: batching };
  return {
    type: 'n8n-nodes-base.httpRequest',
    typeVersion: 4.2,
    parameters,
    credentials: { httpHeaderAuth: CRED.header },
    ...(settings ? { settings } : {}),
  };
}

/**
 * The HTTP Request node's built-in pagination as vivenu's docs lead a user to set it up:
 * `skip` grows by the page size each request, stop when a page comes back with no docs.
 */
function skipPagination(pageSize, { perSecond = 0 } = {}) {
  return {
    paginationMode: 'updateAParameterInEachRequest',
    parameters: { parameters: [{ type: 'qs', name: 'skip', value: `={{ $pageCount * ${pageSize} }}` }] },
    paginationCompleteWhen: 'other',
    completeExpression: '={{ $response.body.docs.length === 0 }}',
    ...intervalFor(perSecond),
  };
}

/** The pagination's "Interval Between Requests" a user sets for a known limit of `perSecond` (none without one). */
function intervalFor(perSecond) {
  return perSecond ? { requestInterval: Math.ceil(1000 / perSecond) } : {};
}

/** Headers of a plain script (the physical-limit column). */
const HEADERS = { authorization: `Bearer ${API_KEY}` };

/** Number of transactions in the Measured node's output: our items, or the docs of HTTP Request's page items. */
function countTransactions(items) {
  let n = 0;
  for (const { json } of items) n += Array.isArray(json && json.docs) ? json.docs.length : (json && json._id ? 1 : 0);
  return n;
}

/**
 * The seller's transactions as the API lists them (what Get Many returns): `total` and the first `max`
 * IDs, read through the API (a 50,000-transaction state dump takes minutes to serialize).
 */
async function sellerTransactions(vars, max = 0) {
  const { client } = require('./physical');
  const { call } = client({ headers: HEADERS });
  const ids = [];
  let total = 0;
  for (let skip = 0; ; skip += 1000) {
    const page = await call(`${vars.VIVENU_URL}/transactions?top=1000&skip=${skip}`);
    total = page.total;
    ids.push(...page.docs.map((t) => t._id));
    if (ids.length >= Math.min(max, total) || page.docs.length === 0) return { total, ids: ids.slice(0, max) };
  }
}

module.exports = { API_KEY, HEADERS, CRED, credentials, ours, byId, httpRequest, skipPagination, intervalFor, countTransactions, sellerTransactions };
