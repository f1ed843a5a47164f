'use strict';

/**
 * Trigger nodes inside n8n-core: the activation hooks (`webhookMethods.*.checkExists/create/delete`)
 * run with n8n-core's HookContext, deliveries with its WebhookContext behind a real loopback HTTP
 * server (so the emulators can deliver to it), and polls with its PollContext.
 *
 *   const t = await triggerHarness({ node, parameters, credentials, credentialTypes });
 *   await t.activate();            // checkExists, then create if it answered false (as n8n does on activation and on every start)
 *   t.url                          // the production webhook URL the node registers
 *   t.executions                   // items of every delivery that started an execution
 *   t.responses                    // every delivery: { status, body, executed }
 *   await t.restart();             // a new Workflow with the saved static data, then activate() again
 *   await t.deactivate();          // delete
 *   await t.poll({ mode })         // one poll: { items, staticData }; static data saved only when items came back (as n8n)
 *   t.restartPoller()              // n8n restarted: back to the static data last saved
 *   await t.close();
 */

const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Workflow, deepCopy } = require('n8n-workflow');
const { ExecutionLifecycleHooks, HookContext, WebhookContext, PollContext } = require('n8n-core');
const setup = require('./setup');
const { internals, loadNodeType, fullTypeName } = require('./index');
const { HarnessCredentialsHelper } = require('./credentials-helper');
const { HarnessNodeTypes, INPUT_NODE_TYPE, createInputNodeType, defaultVersionOf } = require('./node-types');

async function withIsolate(workflow, fn) {
	const acquired = typeof workflow.expression.acquireIsolate === 'function';
	if (acquired) await workflow.expression.acquireIsolate();
	try {
		return await fn();
	} finally {
		if (acquired) await workflow.expression.releaseIsolate();
	}
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The part of express's Response a node uses. */
function responseFor(res) {
	const wrapper = {
		written: false,
		statusCode: 200,
		status(code) {
			wrapper.statusCode = code;
			return wrapper;
		},
		json(body) {
			return wrapper.send(JSON.stringify(body), 'application/json');
		},
		send(body, type = 'text/plain') {
			wrapper.written = true;
			wrapper.body = body;
			res.writeHead(wrapper.statusCode, { 'content-type': type });
			res.end(body === undefined ? '' : String(body));
			return wrapper;
		},
		end(body) {
			return wrapper.send(body);
		},
		setHeader(name, value) {
			res.setHeader(name, value);
		},
	};
	return wrapper;
}

async function triggerHarness(options) {
	await setup.ensureSetup();
	const { node: nodeSpec, parameters = {}, credentials = {}, credentialTypes = [], staticData = {} } = options;
	const nodeType = loadNodeType(nodeSpec);
	const type = fullTypeName(nodeType);
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(INPUT_NODE_TYPE, createInputNodeType(() => []));
	nodeTypes.add(type, nodeType);
	const registry = internals.buildRegistry(credentialTypes);
	const credentialsHelper = new HarnessCredentialsHelper(registry, nodeTypes, INPUT_NODE_TYPE);
	const nodeCredentials = {};
	for (const [credType, data] of Object.entries(credentials)) nodeCredentials[credType] = credentialsHelper.setCredential(credType, data);

	const node = {
		id: randomUUID(),
		name: nodeType.description.defaults?.name ?? 'Trigger',
		type,
		typeVersion: defaultVersionOf(nodeType),
		position: [0, 0],
		parameters: deepCopy(parameters),
		webhookId: randomUUID(),
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
	};
	const workflowId = options.workflowId ?? `wf${randomUUID().slice(0, 8)}`;
	const t = {
		executions: [],
		responses: [],
		/** The static data n8n would have saved (what survives a restart). */
		savedStaticData: deepCopy(staticData),
		nodeType,
		node,
	};

	const newWorkflow = () =>
		new Workflow({ id: workflowId, name: 'Trigger harness', active: true, nodes: [node], connections: {}, nodeTypes, staticData: deepCopy(t.savedStaticData), settings: { executionOrder: 'v1' } });
	t.workflow = newWorkflow();
	const save = () => {
		t.savedStaticData = deepCopy(t.workflow.staticData);
	};
	t.nodeStaticData = () => t.workflow.staticData[`node:${node.name}`] ?? {};

	const additional = (extra = {}) => {
		const executionId = `trigger-${Date.now()}`;
		const hooks = new ExecutionLifecycleHooks('trigger', executionId, { id: workflowId, nodes: [node], connections: {} });
		return { ...internals.buildAdditionalData({ credentialsHelper, hooks, executionId, workflowId }), webhookBaseUrl: `${t.base}/webhook`, webhookTestBaseUrl: `${t.base}/webhook-test`, ...extra };
	};

	const server = http.createServer(async (req, res) => {
		const rawBody = await readBody(req);
		let body = {};
		try {
			body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
		} catch {
			body = {};
		}
		const request = { method: req.method, url: req.url, headers: req.headers, body, rawBody, params: {}, query: {} };
		const response = responseFor(res);
		const isTest = req.url.startsWith('/webhook-test/');
		const webhookData = { httpMethod: 'POST', node: node.name, path: 'webhook', webhookDescription: nodeType.description.webhooks[0], workflowId, isTest };
		const ctx = new WebhookContext(t.workflow, node, additional({ httpRequest: request, httpResponse: response }), isTest ? 'manual' : 'webhook', webhookData, [], null);
		try {
			const result = await withIsolate(t.workflow, () => nodeType.webhook.call(ctx));
			const executed = Boolean(result.workflowData);
			if (executed) t.executions.push(result.workflowData[0].map((item) => item.json));
			if (!result.noWebhookResponse && !response.written) response.status(200).json({ message: 'Workflow was started' });
			if (!isTest) save(); // n8n saves the static data a production webhook call changed
			t.responses.push({ status: response.statusCode, body: response.body, executed });
		} catch (error) {
			t.responses.push({ status: 500, error: error.message, executed: false });
			if (!response.written) response.status(500).json({ message: error.message });
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	t.base = `http://127.0.0.1:${server.address().port}`;

	const hook = (activation = 'activate', isTest = false) =>
		new HookContext(t.workflow, node, additional(), isTest ? 'manual' : 'trigger', activation, isTest ? { isTest: true, webhookDescription: nodeType.description.webhooks[0] } : undefined);
	const methods = () => nodeType.webhookMethods.default;

	t.url = `${t.base}/webhook/${node.webhookId}/webhook`;
	t.testUrl = `${t.base}/webhook-test/${node.webhookId}/webhook`;
	t.setParameters = (params) => {
		Object.assign(node.parameters, deepCopy(params));
	};
	t.checkExists = async (activation = 'activate') => await withIsolate(t.workflow, () => methods().checkExists.call(hook(activation)));
	t.create = async (activation = 'activate') => await withIsolate(t.workflow, () => methods().create.call(hook(activation)));
	/** As n8n on activation and on every start: checkExists, create if false, then the static data is saved. */
	t.activate = async (activation = 'activate') => {
		const exists = await t.checkExists(activation);
		if (!exists) await t.create(activation);
		save();
		return exists;
	};
	/** n8n stopped (without deleting webhooks) and started again: a new Workflow with the saved static data. */
	t.restart = async () => {
		t.workflow = newWorkflow();
		return await t.activate('init');
	};
	t.deactivate = async () => {
		const result = await withIsolate(t.workflow, () => methods().delete.call(hook('activate')));
		save();
		return result;
	};
	/** "Listen for test event": the test URL is registered, used, then removed; static data is not saved. */
	t.testListen = async () => {
		const ctx = hook('manual', true);
		const exists = await withIsolate(t.workflow, () => methods().checkExists.call(ctx));
		if (!exists) await withIsolate(t.workflow, () => methods().create.call(ctx));
		return { stop: async () => await withIsolate(t.workflow, () => methods().delete.call(hook('manual', true))) };
	};

	/**
	 * One poll as n8n runs it: the active Workflow (and its static data) lives on between polls in memory,
	 * but only a poll that returned items gets its static data saved (n8n's classic path). Like n8n, every
	 * poll of one activation gets the same poll functions object. `atActivation`: the poll n8n 2.x runs
	 * when activating, as a test whose static data is thrown away when it emits nothing. `budgetMs: null`
	 * removes getPollBudgetMs (n8n 1.x). Manual mode ("Fetch Test Event") works on a copy and saves nothing.
	 */
	let activation;
	const pollContext = (workflow, mode, budget) =>
		new PollContext(workflow, node, additional(), mode, mode === 'manual' ? 'manual' : 'activate', undefined, undefined, undefined, undefined, undefined, budget);
	t.poll = async ({ mode = 'trigger', budgetMs = 60000, atActivation = false } = {}) => {
		const workflow = mode === 'manual' ? newWorkflow() : t.workflow;
		let ctx;
		if (mode === 'manual' || budgetMs === null) {
			ctx = pollContext(workflow, mode, () => budgetMs);
			if (budgetMs === null) Object.defineProperty(ctx, 'getPollBudgetMs', { value: undefined });
		} else {
			if (!activation) activation = { budgetMs, ctx: pollContext(workflow, mode, () => activation.budgetMs) };
			activation.budgetMs = budgetMs;
			ctx = activation.ctx;
		}
		const before = deepCopy(workflow.staticData ?? {});
		const result = await withIsolate(workflow, () => nodeType.poll.call(ctx));
		const items = result ? result[0].map((item) => item.json) : null;
		const key = `node:${node.name}`;
		if (atActivation && !items) {
			if (before[key] === undefined) delete workflow.staticData[key];
			else workflow.staticData[key] = before[key];
		}
		if (items && mode !== 'manual') save();
		return { items, staticData: deepCopy(workflow.staticData[`node:${node.name}`] ?? {}) };
	};
	/** n8n restarted: the poller starts again from the static data last saved, in a new activation. */
	t.restartPoller = () => {
		t.workflow = newWorkflow();
		activation = undefined;
	};

	/** Sends a delivery to the webhook URL as a provider would. */
	t.deliver = async ({ url = t.url, headers = {}, rawBody }) => {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
		return { status: res.status, text: await res.text() };
	};
	t.close = async () => {
		server.closeAllConnections?.();
		await new Promise((resolve) => server.close(resolve));
	};
	return t;
}

module.exports = { triggerHarness };
