'use strict';
// The emulator core: owns provider states, request log, faults, rate limits and webhook
// deliveries, and dispatches each HTTP request to the control API or to a provider router.
const { Router } = require('./router');
const { parseQuery } = require('./query');
const { readBody, parseBody } = require('./body');
const { send } = require('./respond');
const { HttpError, statusText } = require('./http-error');
const { createRng } = require('./prng');
const { RequestLog } = require('./request-log');
const { FaultStore, faultResult, isPassThrough } = require('./faults');
const { RateLimiter } = require('./rate-limit');
const { DeliveryLog } = require('./webhooks');
const { RequestStats } = require('./stats');
const { loadProviders, checkProvider } = require('./providers');
const { registerControl } = require('./control');
const { recordExchange } = require('./contract-log');

const CONTROL_PREFIX = '/_emulator';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function defaultError(status, message) {
	return { status, body: { statusCode: status, error: statusText(status), message: message || statusText(status) } };
}

/**
 * options: { seed=1, size={ [provider]: {...} }, rateLimits={ [provider]: {limit, windowMs, retryAfter?, mode?} },
 *            providers? (array of modules; default: discovered in emulators/providers), logLimit=10000 }
 */
function createEmulator(options = {}) {
	const loaded = options.providers
		? { providers: options.providers.map((p) => checkProvider(p)), errors: [] }
		: loadProviders();
	const providers = loaded.providers;
	const initial = { seed: options.seed ?? 1, size: options.size || {}, rateLimits: options.rateLimits || {} };

	const emu = {
		providers,
		loadErrors: loaded.errors,
		states: {},
		seed: initial.seed,
		sizes: {},
		log: new RequestLog(options.logLimit || 10000),
		faults: new FaultStore(),
		limiter: new RateLimiter(),
		deliveries: new DeliveryLog(),
		stats: new RequestStats(),
		routers: {},
		contexts: {},
		control: new Router(),
		baseUrl: '',
	};

	const byName = (name) => providers.find((p) => p.name === name);
	emu.provider = byName;
	emu.errorFor = (provider, status, message) =>
		(provider && provider.error ? provider.error(status, message) : defaultError(status, message));

	emu.reset = ({ seed, size } = {}) => {
		emu.seed = seed ?? initial.seed;
		for (const p of providers) {
			const s = { ...(p.defaultSize || {}), ...(initial.size[p.name] || {}), ...((size || {})[p.name] || {}) };
			emu.sizes[p.name] = s;
			// Let the old state go first: holding two 50,000-record states at once doubles the garbage collector's work.
			emu.states[p.name] = null;
			emu.states[p.name] = p.createState({ seed: emu.seed, size: s, rng: createRng(emu.seed, p.name) });
		}
		emu.log.clear();
		emu.faults.clear();
		emu.deliveries.clear();
		emu.stats.clear();
		emu.limiter.remove();
		for (const [provider, spec] of Object.entries(initial.rateLimits)) emu.limiter.set({ ...spec, provider });
	};

	for (const p of providers) {
		const router = new Router();
		const startedAt = Date.now();
		const ctx = {
			name: p.name,
			provider: p,
			get state() {
				return emu.states[p.name];
			},
			HttpError,
			/** Current time for mutations: real time, but never before the provider's fixed reference date. */
			now() {
				const ref = p.referenceDate ? new Date(p.referenceDate).getTime() : 0;
				return new Date(Math.max(Date.now(), ref + (Date.now() - startedAt) + 1000));
			},
			/** POST a webhook once and record the delivery. body: object|string; headers: e.g. signature. */
			sendWebhook: (spec) => emu.deliveries.send({ provider: p.name, ...spec }),
			/**
			 * Queue a webhook delivery with the provider's retries, injected duplicates/delays and holds.
			 * spec: { url, body, headers?, type?, eventId?, source? }. Returns the delivery-log entry at once.
			 */
			deliverWebhook: (spec) => emu.deliveries.deliver({ provider: p.name, ...spec }),
			get baseUrl() {
				return emu.baseUrl;
			},
		};
		p.register(router, ctx);
		emu.routers[p.name] = router;
		emu.contexts[p.name] = ctx;
		if (p.webhooks && p.webhooks.retry) emu.deliveries.setDefaultPolicy(p.name, p.webhooks.retry);
		// Provider control calls live under /_emulator/<provider>/... (e.g. state changes between polls).
		if (typeof p.control === 'function') {
			const scoped = {};
			for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
				scoped[m] = (path, handler) => emu.control[m](`/${p.name}${path}`, (req) => handler(req, ctx));
			}
			p.control(scoped, ctx);
		}
	}
	registerControl(emu.control, emu);
	emu.reset();

	emu.handle = async (req, res) => {
		const url = req.url || '/';
		const q = url.indexOf('?');
		const path = q === -1 ? url : url.slice(0, q);
		const rawQuery = q === -1 ? '' : url.slice(q + 1);
		let rawBody = '';
		try {
			rawBody = await readBody(req);
		} catch (e) {
			send(res, defaultError(e.status || 400, e.message));
			return;
		}
		const { body, bodyError, bodyType } = parseBody(rawBody, req.headers['content-type']);
		const base = {
			method: req.method,
			path,
			rawQuery,
			query: parseQuery(rawQuery),
			headers: { ...req.headers },
			body,
			rawBody,
			bodyError,
			bodyType,
			hasBody: rawBody.length > 0,
		};

		if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
			return handleControl(base, res);
		}

		const provider = providers.find((p) => path === p.prefix || path.startsWith(`${p.prefix}/`));
		if (!provider) {
			send(res, {
				status: 404,
				body: { error: `No emulated provider at ${path}`, providers: providers.map((p) => p.prefix) },
			});
			return;
		}
		const providerPath = path.slice(provider.prefix.length) || '/';
		const request = { ...base, provider: provider.name, providerPath, params: {} };
		const entry = emu.log.add({
			provider: provider.name,
			method: req.method,
			path,
			providerPath,
			rawQuery,
			query: base.query,
			headers: base.headers,
			body: body === undefined ? null : body,
			rawBody,
			status: null,
			at: new Date().toISOString(),
		});

		// The credential names the rate-limit bucket and the request-accounting key (GET /_emulator/stats).
		let credential;
		try {
			credential = provider.credential ? provider.credential(request) : req.headers.authorization;
		} catch {
			credential = undefined;
		}
		const key = credential || 'anonymous';
		emu.stats.arrived(provider.name, key);
		const finish = (status) => {
			entry.status = status;
			emu.stats.answered(provider.name, key, status);
		};

		const fault = emu.faults.take(provider.name, req.method, providerPath);
		if (fault) {
			entry.fault = fault.id;
			if (fault.delayMs) await sleep(fault.delayMs);
			if (fault.drop && !fault.after) {
				entry.dropped = true;
				emu.stats.answered(provider.name, key, null);
				req.socket.destroy();
				return;
			}
			if (fault.after) {
				// The provider carries the request out; what answers is the fault (a gateway's 502 after the work was done).
				await runRoute(provider, request);
				if (fault.drop) {
					entry.dropped = true;
					emu.stats.answered(provider.name, key, null);
					req.socket.destroy();
					return;
				}
				finish(send(res, faultResult(fault, (s) => emu.errorFor(provider, s).body)));
				return;
			}
			if (!isPassThrough(fault)) {
				const result = faultResult(fault, (s) => emu.errorFor(provider, s).body);
				recordExchange({ provider: provider.name, request, result, tag: 'fault' });
				finish(send(res, result));
				return;
			}
		}

		const limited = emu.limiter.check(provider.name, credential);
		if (limited) {
			const r = emu.errorFor(provider, 429);
			const headers = { ...(r.headers || {}) };
			if (limited.retryAfter !== undefined) headers['retry-after'] = limited.retryAfter;
			entry.rateLimited = true;
			recordExchange({ provider: provider.name, request, result: r, tag: 'rate-limit' });
			finish(send(res, { ...r, headers }));
			return;
		}

		const result = await runRoute(provider, request);
		recordExchange({ provider: provider.name, request, result });
		finish(send(res, result));
	};

	async function runRoute(provider, request) {
		const router = emu.routers[provider.name];
		const m = router.match(request.method, request.providerPath);
		if (!m || m.allowed) {
			if (provider.notFound) return provider.notFound(request);
			return emu.errorFor(provider, 404, `Cannot ${request.method} ${request.providerPath}`);
		}
		request.params = m.params;
		try {
			const result = await m.handler(request, emu.contexts[provider.name]);
			return result || { status: 204 };
		} catch (e) {
			if (e instanceof HttpError) {
				if (e.body !== undefined) return { status: e.status, body: e.body, headers: e.headers };
				const r = emu.errorFor(provider, e.status, e.message);
				return { ...r, headers: { ...(r.headers || {}), ...(e.headers || {}) } };
			}
			process.stderr.write(`[emulator] ${provider.name} ${request.method} ${request.path} crashed: ${e.stack}\n`);
			return emu.errorFor(provider, 500, 'Internal Server Error');
		}
	}

	async function handleControl(request, res) {
		const sub = request.path.slice(CONTROL_PREFIX.length) || '/';
		const m = emu.control.match(request.method, sub);
		if (!m || m.allowed) {
			send(res, { status: 404, body: { error: `Unknown control route ${request.method} ${request.path}` } });
			return;
		}
		// The control API always reads JSON, whatever the content-type (curl -d sends form-urlencoded).
		if (request.hasBody) {
			try {
				request.body = JSON.parse(request.rawBody);
			} catch (e) {
				send(res, { status: 400, body: { error: `Invalid JSON body: ${e.message}` } });
				return;
			}
		}
		request.params = m.params;
		try {
			send(res, await m.handler(request));
		} catch (e) {
			send(res, { status: e.status || 400, body: { error: e.message } });
		}
	}

	return emu;
}

module.exports = { createEmulator, defaultError, CONTROL_PREFIX };
