'use strict';

/**
 * In-process n8n workflow harness.
 *
 *   const { runNode, testCredential, loadNodeType } = require('../harness');
 *
 * runNode builds a two-node workflow (harness input node -> node under test)
 * and executes it with n8n-core's real WorkflowExecute, real execution
 * lifecycle hooks, real node execution contexts and request helpers
 * (`this.helpers.httpRequestWithAuthentication`, `requestOAuth2` with token
 * refresh, RoutingNode for declarative nodes) and n8n-workflow's expression
 * engine. Credentials come from an in-memory ICredentialsHelper
 * (./credentials-helper.js). See README.md in this folder.
 */

const { randomUUID } = require('node:crypto');
const { Workflow, createEmptyRunExecutionData, deepCopy } = require('n8n-workflow');
const { WorkflowExecute, ExecutionLifecycleHooks, ExecuteContext, RoutingNode, ExternalSecretsProxy } =
	require('n8n-core');
const setup = require('./setup');

const { Container } = setup.requireFromCore('@n8n/di');
const get = setup.requireFromCore('lodash/get');

const { HarnessCredentialsHelper, CredentialTypeRegistry } = require('./credentials-helper');
const { builtinCredentialTypes } = require('./builtin-credentials');
const nodeTypesLib = require('./node-types');

const {
	INPUT_NODE_TYPE,
	loadNodeType,
	loadCredentialTypes,
	fullTypeName,
	defaultVersionOf,
	wrapForErrorCapture,
	createInputNodeType,
	HarnessNodeTypes,
} = nodeTypesLib;

const INPUT_NODE_NAME = 'Input';

function buildRegistry(credentialTypes) {
	const registry = new CredentialTypeRegistry(builtinCredentialTypes());
	for (const type of loadCredentialTypes(credentialTypes)) registry.add(type);
	return registry;
}

function buildAdditionalData({ credentialsHelper, hooks, executionId, workflowId }) {
	const base = 'http://localhost:5678';
	return {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		userId: 'harness-user',
		projectId: 'harness-project',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('harness: sub-workflow execution is not supported');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('harness: task runners (Code node) are not supported');
		},
	};
}

function pickError(candidates, serialized) {
	if (!serialized) return candidates.find(Boolean);
	for (const candidate of candidates) {
		if (candidate && candidate.message === serialized.message) return candidate;
	}
	return serialized;
}

/**
 * Runs one node through n8n-core's WorkflowExecute.
 *
 * @param {object} options
 * @param {string|Function|object} options.node path to the compiled node
 *   (relative to repo root), a node class, or a node type instance
 * @param {object} [options.parameters] node parameters (expressions allowed)
 * @param {Record<string, object>} [options.credentials] credential type -> decrypted data
 * @param {Array<string|Function|object>} [options.credentialTypes] credential
 *   classes to load (paths relative to repo root, classes or instances)
 * @param {Array<{json: object}>} [options.input] items fed into the node
 * @param {boolean} [options.continueOnFail] node.onError = 'continueRegularOutput'
 * @param {'stopWorkflow'|'continueRegularOutput'|'continueErrorOutput'} [options.onError]
 * @param {number} [options.typeVersion]
 * @param {string} [options.nodeName] name of the node in the workflow
 * @param {object} [options.nodeSettings] extra INode fields (retryOnFail, alwaysOutputData, executeOnce, ...)
 * @param {string} [options.mode] execution mode, default 'manual'
 * @param {object} [options.staticData] workflow static data
 * @param {object} [options.workflowSettings] merged into the workflow settings
 */
async function runNode(options) {
	const state = await setup.ensureSetup();
	const logStart = setup.logBuffer.length;
	const reportedStart = state.reportSeq;

	const {
		node: nodeSpec,
		parameters = {},
		credentials = {},
		credentialTypes = [],
		input = [{ json: {} }],
		continueOnFail = false,
		onError,
		typeVersion,
		nodeName,
		nodeSettings = {},
		mode = 'manual',
		staticData,
		workflowSettings = {},
	} = options;

	const nodeType = loadNodeType(nodeSpec);
	const type = fullTypeName(nodeType);
	const version = typeVersion ?? defaultVersionOf(nodeType);
	const name = nodeName ?? nodeType.description.defaults?.name ?? nodeType.description.displayName ?? 'Node';

	const thrownErrors = [];
	const nodeTypes = new HarnessNodeTypes();
	const inputItems = deepCopy(input);
	nodeTypes.add(INPUT_NODE_TYPE, createInputNodeType(() => inputItems));
	nodeTypes.add(type, nodeType, {
		wrapVersion: (versioned) => wrapForErrorCapture(versioned, (error) => thrownErrors.push(error)),
	});

	const registry = buildRegistry(credentialTypes);
	const credentialsHelper = new HarnessCredentialsHelper(registry, nodeTypes, INPUT_NODE_TYPE);
	const nodeCredentials = {};
	for (const [credType, data] of Object.entries(credentials)) {
		nodeCredentials[credType] = credentialsHelper.setCredential(credType, data);
	}

	const inputNode = {
		id: randomUUID(),
		name: INPUT_NODE_NAME,
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const testNode = {
		id: randomUUID(),
		name,
		type,
		typeVersion: version,
		position: [250, 0],
		parameters: deepCopy(parameters),
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
		...nodeSettings,
	};
	const effectiveOnError = onError ?? (continueOnFail ? 'continueRegularOutput' : undefined);
	if (effectiveOnError) testNode.onError = effectiveOnError;

	const workflowId = 'harness-workflow';
	const workflowData = {
		id: workflowId,
		name: 'Harness workflow',
		active: false,
		nodes: [inputNode, testNode],
		connections: {
			[INPUT_NODE_NAME]: { main: [[{ node: name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', ...workflowSettings },
		staticData: staticData ?? {},
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes });

	const executionId = String(Date.now()) + Math.floor(Math.random() * 1000);
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const events = [];
	hooks.addHandler('nodeExecuteBefore', (nodeName) => events.push({ event: 'nodeExecuteBefore', nodeName }));
	hooks.addHandler('nodeExecuteAfter', (nodeName, taskData) =>
		events.push({ event: 'nodeExecuteAfter', nodeName, status: taskData.executionStatus }),
	);
	hooks.addHandler('workflowExecuteAfter', (fullRunData) =>
		events.push({ event: 'workflowExecuteAfter', status: fullRunData.status }),
	);

	const additionalData = buildAdditionalData({ credentialsHelper, hooks, executionId, workflowId });
	const workflowExecute = new WorkflowExecute(additionalData, mode);

	let fullRunData;
	let runError;
	try {
		fullRunData = await workflowExecute.run({ workflow, startNode: workflow.getNode(INPUT_NODE_NAME) });
	} catch (error) {
		// e.g. WorkflowHasIssuesError (missing required parameters) is thrown synchronously
		runError = error;
	}

	const runData = fullRunData?.data?.resultData?.runData ?? {};
	const taskData = runData[name]?.[0];
	const outputs = taskData?.data?.main ?? [];
	const items = outputs[0] ?? [];

	// Prefer the original error instances over the serialised copies WorkflowExecute
	// keeps in the run data (those lose the prototype and `cause`).
	const reported = state.reportedSince(reportedStart);
	const candidates = [...thrownErrors].reverse().concat([...reported].reverse());
	const runEndedWith = fullRunData?.data?.resultData?.error;
	// With onError=continue* n8n passes the input through, but because the node
	// under test is the last node WorkflowExecute still finishes with status
	// 'error' and resultData.error set. That error did not stop the node, so it
	// is reported as nodeError only.
	const continued =
		testNode.continueOnFail === true ||
		testNode.onError === 'continueRegularOutput' ||
		testNode.onError === 'continueErrorOutput';
	let error;
	if (runError) error = runError;
	else if (runEndedWith && !(continued && taskData?.data)) error = pickError(candidates, runEndedWith);
	// The node's own error even when the run went on (onError=continue* and the
	// node threw instead of handling the item itself: n8n then passes the input through).
	const nodeError = taskData?.error ? pickError(candidates, taskData.error) : runError;

	return {
		items,
		outputs,
		error,
		nodeError,
		status: fullRunData?.status ?? 'error',
		runData,
		fullRunData,
		node: workflow.getNode(name),
		workflow,
		executionId,
		events,
		updatedCredentials: Object.keys(credentialsHelper.updated).length ? deepCopy(credentialsHelper.updated) : undefined,
		credentialUpdates: credentialsHelper.updates,
		credentialLoads: { ...credentialsHelper.loads },
		logs: setup.logBuffer.slice(logStart),
		expressionEngine: state.expressionEngine,
	};
}

function evaluateTestRules(rules, responseItems) {
	for (const rule of rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = responseItems?.[0]?.[0]?.json;
			if (get(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return undefined;
}

/**
 * Executes a credential type's declarative `test` request (ICredentialTestRequest)
 * the way n8n's credential tester does: defaults applied, `test.request`
 * resolved by n8n-core's RoutingNode (so `baseURL: '={{$credentials.baseUrl}}'`
 * works), authenticated through the credential type's `authenticate` (or the
 * OAuth2 path for `extends: ['oAuth2Api']`), sent with n8n-core's request
 * helper, then `rules` evaluated.
 *
 * @returns {Promise<{status: 'OK'|'Error', message: string, logs: string[], updatedCredentials?: object}>}
 */
async function testCredential({ credentialTypes = [], type, data }) {
	await setup.ensureSetup();
	const logStart = setup.logBuffer.length;
	const registry = buildRegistry(credentialTypes);
	const credentialType = registry.getByName(type);
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(INPUT_NODE_TYPE, createInputNodeType(() => []));
	const credentialsHelper = new HarnessCredentialsHelper(registry, nodeTypes, INPUT_NODE_TYPE);
	const finish = (result) => ({
		...result,
		logs: setup.logBuffer.slice(logStart),
		updatedCredentials: Object.keys(credentialsHelper.updated).length ? deepCopy(credentialsHelper.updated) : undefined,
	});

	if (!credentialType.test) {
		if (registry.getParentTypes(type).includes('oAuth2Api')) {
			// n8n's verdict for OAuth2 credentials without a test request
			return finish(
				data?.oauthTokenData?.access_token !== undefined
					? { status: 'OK', message: 'Connection Successful!' }
					: { status: 'Error', message: 'This OAuth2 credential was not connected to an account.' },
			);
		}
		return finish({ status: 'Error', message: 'No testing function found for this credential.' });
	}
	const { request, rules } = credentialType.test;

	const details = credentialsHelper.setCredential(type, data);
	credentialsHelper.testingCredentials = true;
	const executionId = `cred-test-${Date.now()}`;
	const hooks = new ExecutionLifecycleHooks('internal', executionId, { id: 'harness-cred-test', nodes: [], connections: {} });
	const additionalData = buildAdditionalData({
		credentialsHelper,
		hooks,
		executionId,
		workflowId: 'harness-cred-test',
	});

	let decrypted;
	try {
		decrypted = await credentialsHelper.getDecrypted(additionalData, details, type, 'internal');
	} catch (error) {
		return finish({ status: 'Error', message: String(error.message) });
	}

	const testNodeTypeName = 'n8n-nodes-harness.credentialTest';
	const testNodeType = {
		description: {
			displayName: 'Credential Test',
			name: testNodeTypeName,
			group: ['transform'],
			version: 1,
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } },
			],
		},
	};
	nodeTypes.add(testNodeTypeName, testNodeType);
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: testNodeTypeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: details },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	additionalData.currentNodeParameters = node.parameters;
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, { id: details.id, name: details.name, type, data: decrypted });

	let response;
	await workflow.expression.acquireIsolate();
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const res = error.cause?.response;
		if (res) {
			const statusCode = res.status;
			for (const rule of rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return finish({ status: 'Error', message: rule.properties.message, httpCode: statusCode });
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return finish({
					status: 'Error',
					message: res.statusText || `Received HTTP status code: ${statusCode}`,
					httpCode: statusCode,
				});
			}
		} else if (error.cause?.code) {
			return finish({ status: 'Error', message: error.cause.code });
		}
		return finish({ status: 'Error', message: String(error.message) });
	} finally {
		await workflow.expression.releaseIsolate();
	}
	const ruleFailure = evaluateTestRules(rules, response);
	if (ruleFailure) return finish(ruleFailure);
	return finish({ status: 'OK', message: 'Connection successful!' });
}

/** Lines logged so far in this process (module instance). */
function getLogs() {
	return [...setup.logBuffer];
}

// Under jest, dispose the isolate pool after the test file so no handles linger.
if (typeof afterAll === 'function') {
	try {
		afterAll(() => setup.shutdown());
	} catch {
		// required from inside a test: hooks can't be added there; call shutdown() yourself
	}
}

module.exports = {
	runNode,
	testCredential,
	loadNodeType,
	loadCredentialTypes,
	fullTypeName,
	getLogs,
	/** Disposes the expression isolate pool; call from afterAll if your runner complains about open handles. */
	shutdown: setup.shutdown,
	ensureSetup: setup.ensureSetup,
	/** For ./trigger.js: the same credential registry and additional data runNode uses. */
	internals: { buildRegistry, buildAdditionalData },
};
