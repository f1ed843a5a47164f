'use strict';
// Control API under /_emulator (no auth, never logged). See emulators/README.md.
const { HttpError } = require('./http-error');

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
		return { status: 200, body: dump(needProvider(req.query.provider)) };
	});

	router.get('/webhooks', (req) => ({ status: 200, body: { deliveries: emu.deliveries.list(req.query.provider) } }));
	router.delete('/webhooks', () => {
		emu.deliveries.clear();
		return { status: 200, body: { ok: true } };
	});

	// body: { provider, type, targetUrl, hmacKey?, data?, signaturePrefix?, badSignature?, timeoutMs? }
	router.post('/webhooks/trigger', async (req) => {
		const b = req.body || {};
		const p = needProvider(b.provider);
		if (!p.webhooks || typeof p.webhooks.build !== 'function') throw bad(`provider ${p.name} has no webhooks`);
		if (!b.type || typeof b.type !== 'string') throw bad('type is required');
		if (!b.targetUrl || !/^https?:\/\//.test(b.targetUrl)) throw bad('targetUrl must be an http(s) URL');
		const ctx = emu.contexts[p.name];
		const envelope = p.webhooks.build({ type: b.type, data: b.data, state: emu.states[p.name], ctx });
		const rawBody = JSON.stringify(envelope);
		let headers = {};
		if (b.hmacKey && p.webhooks.sign) headers = p.webhooks.sign(rawBody, String(b.hmacKey));
		for (const k of Object.keys(headers)) {
			let v = String(headers[k]);
			if (b.badSignature) v = v.slice(0, -1) + (v.endsWith('0') ? '1' : '0');
			if (b.signaturePrefix) v = b.signaturePrefix + v;
			headers[k] = v;
		}
		const r = await emu.deliveries.send({ provider: p.name, url: b.targetUrl, body: rawBody, headers, timeoutMs: b.timeoutMs });
		return {
			status: r.status === null ? 502 : 200,
			body: { status: r.status, body: r.body, error: r.error, sent: { headers, rawBody, envelope } },
		};
	});
}

module.exports = { registerControl };
