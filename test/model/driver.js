'use strict';

/**
 * Drives a polling trigger's real `poll()` (from dist/) the way n8n does, with n8n's HTTP helper answered
 * by a model of the provider. What it reproduces of n8n (docs/triggers.md, "What n8n saves"):
 * - one poll functions object per activation, used for every poll of it;
 * - the node's static data lives in memory between polls and is saved only when a poll returns items;
 *   a poll that throws saves nothing (its in-memory changes stay, as in n8n's classic path);
 * - n8n 2.x runs the poll at activation as a test and throws its static data away when it emits nothing;
 * - a restart starts again from the static data last saved, in a new activation;
 * - n8n 2.x offers getPollBudgetMs(), 1.x does not.
 *
 * Time is virtual: every answered request moves Date.now() on by PAGE_MS (a slow page by SLOW_MS), so
 * the trigger's poll deadline and the transport's pacing see time pass without the test waiting.
 */

/** Static data is JSON: a JSON copy is what n8n's save keeps, and fast. */
const deepCopy = (value) => JSON.parse(JSON.stringify(value ?? {}));

const PAGE_MS = 1000;
const SLOW_MS = 45_000;

const clock = { skew: 0 };
const realNow = Date.now.bind(Date);
let installed = false;
function installClock() {
	if (installed) return;
	installed = true;
	Date.now = () => realNow() + clock.skew;
}
/** Gives Date.now back (e.g. after a jest file). */
function restoreClock() {
	if (!installed) return;
	Date.now = realNow;
	installed = false;
}
const advance = (ms) => {
	clock.skew += ms;
};

const BUDGETS = { ample: 600_000, tight: 3_000, settle: 20_000 };

class Poller {
	/**
	 * @param provider the model's provider: { nodeType, credentialType, credentials, parameters, answer(request, pollInfo) }
	 * @param engine '2.x' | '1.x'
	 */
	constructor(provider, engine) {
		installClock();
		this.provider = provider;
		this.engine = engine;
		this.live = {};
		this.saved = {};
		this.savedEver = false;
		this.newActivation();
	}

	newActivation() {
		this.ctx = this.makeContext();
		this.atActivation = this.engine === '2.x';
	}

	/** n8n stopped and started again: the static data last saved, a new activation. */
	restart() {
		this.live = deepCopy(this.saved);
		this.newActivation();
	}

	makeContext() {
		const poller = this;
		const node = { id: 'model-node', name: 'Model Trigger', type: this.provider.nodeTypeName, typeVersion: 1, position: [0, 0], parameters: {} };
		const ctx = {
			getNode: () => node,
			getWorkflow: () => ({ id: 'modelwf', name: 'Model', active: true }),
			getMode: () => 'trigger',
			getActivationMode: () => 'activate',
			getCredentials: async () => deepCopy(poller.provider.credentials),
			getNodeParameter: (name, fallback) => (name in poller.provider.parameters ? deepCopy(poller.provider.parameters[name]) : fallback),
			getWorkflowStaticData: (type) => {
				if (type !== 'node') throw new Error('model: only node static data');
				return poller.live;
			},
			logger: { debug() {}, info() {}, warn() {}, error() {} },
			helpers: {
				returnJsonArray: (items) => items.map((json) => ({ json })),
				httpRequestWithAuthentication: async (_credentialType, options) => {
					const reply = poller.provider.answer(options, poller.current);
					advance(reply.slow ? SLOW_MS : PAGE_MS);
					const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
					const headers = { 'content-type': reply.contentType ?? 'application/json' };
					if (reply.statusCode >= 400 && !options.ignoreHttpStatusErrors) {
						const error = new Error(`Request failed with status code ${reply.statusCode}`);
						error.httpCode = String(reply.statusCode);
						error.cause = { response: { status: reply.statusCode, headers, data: text } };
						throw error;
					}
					return { statusCode: reply.statusCode, headers, body: text };
				},
			},
		};
		if (this.engine === '2.x') ctx.getPollBudgetMs = () => poller.current?.budgetMs ?? BUDGETS.ample;
		return ctx;
	}

	/**
	 * One poll. `info` is handed to the provider's answer() (faults per page) and collects what happened.
	 * Returns { items, error, elapsed, saved }.
	 */
	async poll(info) {
		this.current = info;
		const before = deepCopy(this.live);
		const start = Date.now();
		let items = null;
		let error;
		try {
			const result = await this.provider.nodeType.poll.call(this.ctx);
			items = result ? result[0].map((item) => item.json) : null;
		} catch (caught) {
			error = caught;
		}
		const elapsed = Date.now() - start;
		const wasActivation = this.atActivation;
		if (wasActivation) {
			// n8n 2.x: the poll at activation is a test; an error fails the activation (tried again at the
			// next poll time here), and without items its static data is thrown away.
			if (error || !items) this.replaceLive(before);
			if (!error) this.atActivation = false;
			else this.ctx = this.makeContext();
		}
		let saved = false;
		if (items && !error) {
			this.saved = deepCopy(this.live);
			this.savedEver = true;
			saved = true;
		}
		this.current = undefined;
		return { items, error, elapsed, saved, wasActivation };
	}

	replaceLive(value) {
		for (const key of Object.keys(this.live)) delete this.live[key];
		Object.assign(this.live, deepCopy(value));
	}
}

module.exports = { Poller, BUDGETS, PAGE_MS, SLOW_MS, advance, restoreClock };
