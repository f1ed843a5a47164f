'use strict';
// Control API under /_emulator (no auth, never logged). See emulators/README.md.
const { HttpError } = require('./http-error');
const { isLoopbackUrl } = require('./webhooks');
const { isSuppliedPayload } = require('./contract-log');

const bad = (message) => new HttpError(400, message);

function registerControl(router, emu) {
	const needProvider = (name) => {
		if (!name) throw bad('provider is required');
		const p = emu.provider(name);
		if (!p) throw new HttpError(404, `Unknown provider '${name}'. Known: ${emu.providers.map((x) => x.name).join(', ')}`);
		return p;
	};

	router.get('/', () => ({
		status: 200,
		body: {
			seed: emu.seed,
			sizes: emu.sizes,
			providers: emu.providers.map((p) => ({
				name: p.name,
				prefix: p.prefix,
				baseUrl: `${emu.baseUrl}${p.prefix}${p.basePath || ''}`,
			})),
			loadErrors: emu.loadErrors,
		},
	}));

	router.post('/reset', (req) => {
		const b = req.body || {};
		if (b.seed !== undefined && !(Number.isInteger(b.seed) || typeof b.seed === 'string')) throw bad('seed must be an integer or string');
		if (b.size !== undefined && (typeof b.size !== 'object' || b.size === null)) throw bad('size must be an object keyed by provider');
		emu.reset({ seed: b.seed, size: b.size });
		return { status: 200, body: { ok: true, seed: emu.seed, sizes: emu.sizes } };
	});

	router.get('/requests', (req) => ({
		status: 200,
		body: { requests: emu.log.list({ provider: req.query.provider, method: req.query.method, path: req.query.path }) },
	}));
	router.delete('/requests', () => {
		emu.log.clear();
		return { status: 200, body: { ok: true } };
	});

	router.get('/faults', () => ({ status: 200, body: { faults: emu.faults.list() } }));
	router.post('/faults', (req) => {
		const specs = Array.isArray(req.body) ? req.body : [req.body];
		for (const s of specs) if (s && s.provider) needProvider(s.provider);
		const added = specs.map((s) => emu.faults.add(s));
		return { status: 201, body: Array.isArray(req.body) ? { faults: added } : { fault: added[0] } };
	});
	router.delete('/faults', (req) => {
		emu.faults.clear(req.query.provider);
		return { status: 200, body: { ok: true } };
	});

	router.get('/rate-limit', () => ({ status: 200, body: { rateLimits: emu.limiter.list() } }));
	router.post('/rate-limit', (req) => {
		needProvider(req.body && req.body.provider);
		return { status: 201, body: { rateLimit: emu.limiter.set(req.body) } };
	});
	router.delete('/rate-limit', (req) => {
		emu.limiter.remove(req.query.provider);
		return { status: 200, body: { ok: true } };
	});

	// Per-key request accounting: requests, 429s and the peak within any one second (core/stats.js).
	router.get('/stats', (req) => {
		if (req.query.provider) needProvider(req.query.provider);
		return { status: 200, body: emu.stats.snapshot(req.query.provider) };
	});
	router.delete('/stats', () => {
		emu.stats.clear();
		return { status: 200, body: { ok: true } };
	});

	router.get('/state', (req) => {
		const dump = (p) => (p.dumpState ? p.dumpState(emu.states[p.name]) : emu.states[p.name]);
		if (!req.query.provider) return { status: 200, body: { states: Object.fromEntries(emu.providers.map((p) => [p.name, dump(p)])) } };
		const state = dump(needProvider(req.query.provider));
		// `fields=fixtures,payments`: only those top-level keys (a 50,000-record dump takes minutes to serialize).
		if (!req.query.fields) return { status: 200, body: state };
		return { status: 200, body: Object.fromEntries(String(req.query.fields).split(',').map((k) => [k, state[k]])) };
	});

	// ---- Webhooks (core/webhooks.js). Deliveries only ever go to loopback URLs.
	const webhookProvider = (name) => {
		const p = needProvider(name);
		if (!p.webhooks || typeof p.webhooks.build !== 'function') throw bad(`provider ${p.name} has no webhooks`);
		return p;
	};
	const listDeliveries = (q) => ({ provider: q.provider, type: q.type, state: q.state, source: q.source });

	router.get('/webhooks', (req) => ({
		status: 200,
		body: { deliveries: emu.deliveries.list(listDeliveries(req.query)), pending: emu.deliveries.pending(req.query.provider) },
	}));
	router.delete('/webhooks', () => {
		emu.deliveries.clear({ all: false });
		return { status: 200, body: { ok: true } };
	});

	// body: { provider, type, targetUrl, hmacKey?, data?, signaturePrefix?, badSignature?, signatureForm? (fourvenues), timeoutMs? }
	router.post('/webhooks/trigger', async (req) => {
		const b = req.body || {};
		const p = webhookProvider(b.provider);
		if (!b.type || typeof b.type !== 'string') throw bad('type is required');
		if (!b.targetUrl || !/^https?:\/\//.test(b.targetUrl)) throw bad('targetUrl must be an http(s) URL');
		if (!isLoopbackUrl(b.targetUrl)) throw bad('targetUrl must be a loopback URL (127.0.0.0/8, localhost or ::1)');
		const ctx = emu.contexts[p.name];
		const envelope = p.webhooks.build({ type: b.type, data: b.data, state: emu.states[p.name], ctx });
		const rawBody = JSON.stringify(envelope);
		let headers = {};
		if (b.hmacKey && p.webhooks.sign) headers = b.signatureForm ? p.webhooks.sign(rawBody, String(b.hmacKey), b.signatureForm) : p.webhooks.sign(rawBody, String(b.hmacKey));
		for (const k of Object.keys(headers)) {
			let v = String(headers[k]);
			if (b.badSignature && /signature/i.test(k)) v = v.slice(0, -1) + (v.endsWith('0') ? '1' : '0');
			if (b.signaturePrefix && /signature/i.test(k)) v = b.signaturePrefix + v;
			headers[k] = v;
		}
		// A payload the test wrote itself is the test's, not the emulator's: the contract log tags it.
		emu.deliveries.suppliedPayload = isSuppliedPayload(b.data);
		const sending = emu.deliveries.send({ provider: p.name, url: b.targetUrl, body: rawBody, headers, timeoutMs: b.timeoutMs, type: b.type, eventId: envelope.id });
		emu.deliveries.suppliedPayload = false;
		const r = await sending;
		return {
			status: r.status === null ? 502 : 200,
			body: { status: r.status, body: r.body, error: r.error, sent: { headers, rawBody, envelope } },
		};
	});

	// Deliver an event to every matching registration of the provider, with its retries.
	// body: { provider, type, data?, mode? (vivenu), order?: 'fifo'|'reverse' } or { provider, events: [{type, data?, mode?}], order? }
	router.post('/webhooks/fire', async (req) => {
		const b = req.body || {};
		const p = webhookProvider(b.provider);
		if (typeof p.webhooks.fire !== 'function') throw bad(`provider ${p.name} has no registered webhooks to fire`);
		const events = Array.isArray(b.events) ? b.events : [{ type: b.type, data: b.data, mode: b.mode }];
		if (!events.length) throw bad('events must not be empty');
		for (const e of events) if (!e || !e.type || typeof e.type !== 'string') throw bad('type is required');
		if (b.order !== undefined && !['fifo', 'reverse'].includes(b.order)) throw bad("order must be 'fifo' or 'reverse'");
		const ctx = emu.contexts[p.name];
		const alreadyHolding = emu.deliveries.holds.has(p.name);
		if (b.order === 'reverse' && !alreadyHolding) emu.deliveries.hold(p.name);
		const deliveries = [];
		try {
			for (const e of events) {
				emu.deliveries.suppliedPayload = isSuppliedPayload(e.data);
				deliveries.push(...p.webhooks.fire({ type: e.type, data: e.data, mode: e.mode, state: emu.states[p.name], ctx, source: 'fire' }));
			}
		} finally {
			emu.deliveries.suppliedPayload = false;
			if (b.order === 'reverse' && !alreadyHolding) await emu.deliveries.release(p.name, 'reverse');
		}
		return { status: 200, body: { deliveries } };
	});

	router.get('/webhooks/config', () => ({
		status: 200,
		body: { config: Object.fromEntries(emu.providers.filter((p) => p.webhooks).map((p) => [p.name, emu.deliveries.policy(p.name)])) },
	}));
	// body: { provider, maxAttempts?, delaysMs?, timeScale?, jitter?, timeoutMs? }; a reset restores the defaults.
	router.put('/webhooks/config', (req) => {
		const b = req.body || {};
		const p = webhookProvider(b.provider);
		const { provider, ...spec } = b;
		return { status: 200, body: { config: emu.deliveries.configure(p.name, spec) } };
	});

	// body: { provider, type?, duplicate?, delayMs?, times? }
	router.post('/webhooks/inject', (req) => {
		const b = req.body || {};
		webhookProvider(b.provider);
		return { status: 201, body: { injection: emu.deliveries.inject(b) } };
	});
	router.get('/webhooks/inject', () => ({ status: 200, body: { injections: emu.deliveries.injections.map((x) => ({ ...x })) } }));
	router.delete('/webhooks/inject', (req) => {
		emu.deliveries.injections = emu.deliveries.injections.filter((x) => req.query.provider && x.provider !== req.query.provider);
		return { status: 200, body: { ok: true } };
	});

	router.post('/webhooks/hold', (req) => {
		const b = req.body || {};
		return { status: 200, body: emu.deliveries.hold(webhookProvider(b.provider).name) };
	});
	// body: { provider, order?: 'fifo' | 'reverse' } -> sends the held deliveries one after another
	router.post('/webhooks/release', async (req) => {
		const b = req.body || {};
		const p = webhookProvider(b.provider);
		const released = await emu.deliveries.release(p.name, b.order || 'fifo');
		return { status: 200, body: { released, deliveries: emu.deliveries.list(p.name).filter((e) => released.includes(e.id)) } };
	});

	// body: { provider?, timeoutMs? (default 10000) } -> resolves once no delivery is waiting for an attempt
	router.post('/webhooks/wait', async (req) => {
		const b = req.body || {};
		if (b.provider) needProvider(b.provider);
		const deadline = Date.now() + (typeof b.timeoutMs === 'number' ? b.timeoutMs : 10000);
		while (emu.deliveries.pending(b.provider) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
		const pending = emu.deliveries.pending(b.provider);
		return { status: pending ? 408 : 200, body: { pending, deliveries: emu.deliveries.list(b.provider) } };
	});
}

module.exports = { registerControl };
