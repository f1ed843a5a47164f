'use strict';
// Calls a node's listSearch method the way the n8n editor does: through n8n-core's real
// LoadOptionsContext (request helpers, credential authentication, OAuth2 signing), with the harness's
// in-memory credentials.
const { Workflow } = require('n8n-workflow');
const { LoadOptionsContext, ExternalSecretsProxy } = require('n8n-core');
const { Container } = require('@n8n/di');
const setup = require('../harness/setup');
const { HarnessCredentialsHelper, CredentialTypeRegistry } = require('../harness/credentials-helper');
const { builtinCredentialTypes } = require('../harness/builtin-credentials');
const { INPUT_NODE_TYPE, loadNodeType, loadCredentialTypes, fullTypeName, createInputNodeType, HarnessNodeTypes } = require('../harness/node-types');

/** `credentials`: credential type → data; `parameters`: the node's current parameters (what the picker may read). */
async function listSearch({ node: nodeSpec, credentialTypes, credentials, method, parameters = {}, filter, paginationToken }) {
	await setup.ensureSetup();
	const nodeType = loadNodeType(nodeSpec);
	const type = fullTypeName(nodeType);
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(INPUT_NODE_TYPE, createInputNodeType(() => []));
	nodeTypes.add(type, nodeType);
	const registry = new CredentialTypeRegistry(builtinCredentialTypes());
	for (const t of loadCredentialTypes(credentialTypes)) registry.add(t);
	const credentialsHelper = new HarnessCredentialsHelper(registry, nodeTypes, INPUT_NODE_TYPE);
	const nodeCredentials = {};
	for (const [credType, data] of Object.entries(credentials)) nodeCredentials[credType] = credentialsHelper.setCredential(credType, data);
	const node = { id: 'ls', name: 'Node', type, typeVersion: 1, position: [0, 0], parameters, credentials: nodeCredentials };
	const workflow = new Workflow({ id: 'ls', nodes: [node], connections: {}, active: false, nodeTypes });
	const base = 'http://localhost:5678';
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: parameters,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		variables: {},
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
	};
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const fn = nodeType.methods.listSearch[method];
	await workflow.expression.acquireIsolate();
	try {
		return await fn.call(context, filter, paginationToken);
	} finally {
		await workflow.expression.releaseIsolate();
	}
}

module.exports = { listSearch };
