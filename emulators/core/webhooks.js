'use strict';
// Generic webhook sender: POST a raw JSON body to a URL with extra (signature) headers.
// The provider module builds the envelope and computes the signature header.
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { recordDelivery } = require('./contract-log');

function hmacHex(algorithm, key, rawBody) {
	return crypto.createHmac(algorithm, key).update(rawBody, 'utf8').digest('hex');
}

/** @returns Promise<{ status, headers, body (parsed JSON or text) }> ; rejects on network error */
function postRaw(url, rawBody, headers = {}, timeoutMs = 10000) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		const lib = u.protocol === 'https:' ? https : http;
		const req = lib.request(
			u,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(rawBody),
					'user-agent': 'n8n-nodes-event-payments-emulator',
					...headers,
				},
				timeout: timeoutMs,
				rejectUnauthorized: false,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body = text;
					try {
						body = text ? JSON.parse(text) : null;
					} catch {
						/* keep text */
					}
					resolve({ status: res.statusCode, headers: res.headers, body });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`Webhook delivery timed out after ${timeoutMs}ms`)));
		req.on('error', reject);
		req.end(rawBody);
	});
}

/**
 * Deliveries go to loopback receivers only (127.0.0.0/8, localhost, ::1): the emulator must never send
 * anything to another machine, whatever URL a test or a node registered.
 */
function isLoopbackUrl(url) {
	let u;
	try {
		u = new URL(url);
	} catch {
		return false;
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
	const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Real time that one emulated minute of retry backoff takes by default: 1 ms (2 hours pass in 120 ms). */
const DEFAULT_TIME_SCALE = 1 / 60000;

/** Retry policy of a provider without one: a single attempt. */
const SINGLE_ATTEMPT = { maxAttempts: 1, delaysMs: [], jitter: 0, timeoutMs: 10000 };

function validatePolicy(spec) {
	const out = {};
	if (spec.maxAttempts !== undefined) {
		if (!(Number.isInteger(spec.maxAttempts) && spec.maxAttempts >= 1)) throw new Error('maxAttempts must be an integer >= 1');
		out.maxAttempts = spec.maxAttempts;
	}
	if (spec.delaysMs !== undefined) {
		if (!Array.isArray(spec.delaysMs) || !spec.delaysMs.every((d) => typeof d === 'number' && d >= 0)) throw new Error('delaysMs must be an array of numbers >= 0');
		out.delaysMs = spec.delaysMs.slice();
	}
	if (spec.timeScale !== undefined) {
		if (!(typeof spec.timeScale === 'number' && spec.timeScale >= 0)) throw new Error('timeScale must be a number >= 0');
		out.timeScale = spec.timeScale;
	}
	if (spec.jitter !== undefined) {
		if (!(typeof spec.jitter === 'number' && spec.jitter >= 0 && spec.jitter < 1)) throw new Error('jitter must be a number in [0, 1)');
		out.jitter = spec.jitter;
	}
	if (spec.timeoutMs !== undefined) {
		if (!(typeof spec.timeoutMs === 'number' && spec.timeoutMs > 0)) throw new Error('timeoutMs must be a number > 0');
		out.timeoutMs = spec.timeoutMs;
	}
	return out;
}

const FINAL = new Set(['delivered', 'failed', 'refused']);

/**
 * Every webhook the emulator sends, and how: a delivery is one event to one URL, with its attempts.
 *
 * - `send()` is the control API's one-shot /webhooks/trigger: one attempt, answered synchronously.
 * - `deliver()` is what providers use when their state changes (and /webhooks/fire): attempts follow the
 *   provider's retry policy (`webhooks.retry` in the module, changeable through PUT /webhooks/config),
 *   with the backoff compressed by `timeScale`. Retries resend the very same body and headers.
 * - Injections (`inject()`) make the next deliveries arrive twice (`duplicate`) or late (`delayMs`);
 *   `hold()` / `release(order)` keep deliveries back and let them go in reverse (out-of-order) order.
 */
class DeliveryLog {
	constructor(limit = 5000) {
		this.limit = limit;
		this.defaults = new Map(); // provider -> policy from the provider module
		this.clear();
	}

	/** The provider module's own retry policy (called once per provider at start-up). */
	setDefaultPolicy(provider, policy) {
		this.defaults.set(provider, { ...SINGLE_ATTEMPT, timeScale: DEFAULT_TIME_SCALE, ...(policy || {}) });
	}

	policy(provider) {
		return { ...(this.defaults.get(provider) || { ...SINGLE_ATTEMPT, timeScale: DEFAULT_TIME_SCALE }), ...(this.policies.get(provider) || {}) };
	}

	configure(provider, spec) {
		const next = { ...(this.policies.get(provider) || {}), ...validatePolicy(spec || {}) };
		this.policies.set(provider, next);
		return this.policy(provider);
	}

	/**
	 * Forgets every delivery and cancels pending retries. With `all` (a reset) also the policy changes,
	 * injections and holds.
	 */
	clear({ all = true } = {}) {
		if (this.timers) for (const t of this.timers) clearTimeout(t);
		this.timers = new Set();
		this.generation = (this.generation || 0) + 1;
		this.entries = [];
		if (all || !this.policies) {
			this.seq = 0;
			this.policies = new Map();
			this.injections = [];
			this.holds = new Map(); // provider -> held delivery groups (arrival order)
		} else {
			for (const held of this.holds.values()) held.length = 0;
		}
	}

	record(entry) {
		entry.seq = ++this.seq;
		entry.id = `whd_${entry.seq}`;
		Object.defineProperty(entry, 'generation', { value: this.generation, enumerable: false });
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return entry;
	}

	/**
	 * One attempt, recorded, answered to the caller (POST /_emulator/webhooks/trigger).
	 * spec: { provider, url, body (object|string), headers?, timeoutMs?, type?, eventId? }. Never rejects.
	 */
	async send({ provider, url, body, headers = {}, timeoutMs, type, eventId }) {
		const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
		recordDelivery({ provider, type, rawBody, supplied: this.suppliedPayload });
		const entry = this.record({
			provider, source: 'trigger', type, eventId, url, headers, rawBody, at: new Date().toISOString(), state: 'sending', status: undefined, attempts: [],
		});
		if (!isLoopbackUrl(url)) {
			this.refuse(entry);
			return { status: null, error: entry.error, rawBody, sentHeaders: headers };
		}
		const res = await this.attemptOnce(entry, timeoutMs || 10000);
		entry.state = res.status >= 200 && res.status < 300 ? 'delivered' : 'failed';
		return res.status === null ? { status: null, error: res.error, rawBody, sentHeaders: headers } : { ...res, rawBody, sentHeaders: headers };
	}

	refuse(entry) {
		entry.state = 'refused';
		entry.status = null;
		entry.error = `refused: ${entry.url} is not a loopback URL (the emulator only delivers to 127.0.0.0/8, localhost and ::1)`;
	}

	async attemptOnce(entry, timeoutMs) {
		const started = Date.now();
		const attempt = { attempt: entry.attempts.length + 1, at: new Date(started).toISOString(), status: undefined };
		entry.attempts.push(attempt);
		try {
			const res = await postRaw(entry.url, entry.rawBody, entry.headers, timeoutMs);
			attempt.status = res.status;
			attempt.durationMs = Date.now() - started;
			entry.status = res.status;
			entry.response = res.body;
			delete entry.error;
			return res;
		} catch (e) {
			attempt.status = null;
			attempt.error = e.message;
			attempt.durationMs = Date.now() - started;
			entry.status = null;
			entry.error = e.message;
			return { status: null, error: e.message };
		}
	}

	/**
	 * Queue a delivery with retries. spec: { provider, url, body, headers?, type?, eventId?, source? }.
	 * Returns the log entry at once; attempts run in the background.
	 */
	deliver({ provider, url, body, headers = {}, type, eventId, source = 'event' }) {
		const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
		recordDelivery({ provider, type, rawBody, supplied: this.suppliedPayload });
		const entry = this.record({
			provider, source, type, eventId, url, headers, rawBody, at: new Date().toISOString(), state: 'queued', status: undefined, attempts: [],
		});
		if (!isLoopbackUrl(url)) {
			this.refuse(entry);
			return entry;
		}
		const i = this.injections.findIndex((x) => x.provider === provider && (!x.type || x.type === type));
		let injection = null;
		if (i !== -1) {
			injection = this.injections[i];
			injection.used++;
			if (injection.times >= 0 && injection.used >= injection.times) this.injections.splice(i, 1);
			entry.injected = { id: injection.id, duplicate: injection.duplicate || 0, delayMs: injection.delayMs || 0 };
		}
		const copies = [];
		for (let k = 0; k < ((injection && injection.duplicate) || 0); k++) {
			copies.push(this.record({
				provider, source, type, eventId, url, headers, rawBody, at: entry.at, state: 'queued', status: undefined, attempts: [], duplicateOf: entry.id,
			}));
		}
		const group = { entry, copies, delayMs: (injection && injection.delayMs) || 0 };
		if (this.holds.has(provider)) {
			entry.state = 'held';
			for (const c of copies) c.state = 'held';
			this.holds.get(provider).push(group);
		} else {
			this.startGroup(group);
		}
		return entry;
	}

	/** Runs the first attempt of a delivery (then its duplicates, one after another); resolves when they are done. */
	async startGroup({ entry, copies, delayMs }) {
		if (delayMs) {
			entry.state = 'delayed';
			await new Promise((r) => this.later(r, delayMs));
		}
		await this.run(entry);
		for (const c of copies) await this.run(c);
	}

	later(fn, ms) {
		const t = setTimeout(() => {
			this.timers.delete(t);
			fn();
		}, ms);
		if (t.unref) t.unref();
		this.timers.add(t);
	}

	/** One attempt; schedules the next one on a non-2xx answer or a network error. Resolves after the attempt. */
	async run(entry) {
		if (entry.generation !== this.generation) return; // cleared by a reset meanwhile
		const policy = this.policy(entry.provider);
		entry.state = 'sending';
		const res = await this.attemptOnce(entry, policy.timeoutMs);
		if (res.status !== null && res.status >= 200 && res.status < 300) {
			entry.state = 'delivered';
			delete entry.nextAttemptAt;
			return;
		}
		if (entry.generation !== this.generation) return;
		const n = entry.attempts.length;
		if (n >= policy.maxAttempts) {
			entry.state = 'failed';
			delete entry.nextAttemptAt;
			return;
		}
		const base = policy.delaysMs.length ? policy.delaysMs[Math.min(n - 1, policy.delaysMs.length - 1)] : 0;
		const spread = policy.jitter ? 1 + (Math.random() * 2 - 1) * policy.jitter : 1;
		const wait = Math.max(0, Math.round(base * spread * policy.timeScale));
		entry.state = 'retrying';
		entry.nextAttemptAt = new Date(Date.now() + wait).toISOString();
		this.later(() => this.run(entry), wait);
	}

	/** spec: { provider, type?, duplicate? (extra copies, >= 1), delayMs? (first attempt late), times? (default 1, -1 = always) } */
	inject(spec) {
		if (!spec || typeof spec !== 'object') throw new Error('injection must be an object');
		if (!spec.provider) throw new Error('provider is required');
		if (spec.duplicate !== undefined && !(Number.isInteger(spec.duplicate) && spec.duplicate >= 1 && spec.duplicate <= 100)) {
			throw new Error('duplicate must be an integer between 1 and 100');
		}
		if (spec.delayMs !== undefined && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0 && spec.delayMs <= 600000)) {
			throw new Error('delayMs must be a number between 0 and 600000');
		}
		if (!spec.duplicate && !spec.delayMs) throw new Error('an injection needs duplicate or delayMs');
		if (spec.times !== undefined && !(Number.isInteger(spec.times) && (spec.times >= 1 || spec.times === -1))) throw new Error('times must be an integer >= 1, or -1');
		this.injectionSeq = (this.injectionSeq || 0) + 1;
		const injection = {
			id: this.injectionSeq, provider: spec.provider, type: spec.type, duplicate: spec.duplicate, delayMs: spec.delayMs, times: spec.times ?? 1, used: 0,
		};
		this.injections.push(injection);
		return { ...injection };
	}

	hold(provider) {
		if (!this.holds.has(provider)) this.holds.set(provider, []);
		return { provider, held: this.holds.get(provider).length };
	}

	/**
	 * Stop holding and send what was held, one delivery after another (each first attempt finishes before the
	 * next starts), in `order`: 'reverse' (newest first: out of order) or 'fifo'. Resolves when all were tried once.
	 */
	async release(provider, order = 'fifo') {
		if (!['fifo', 'reverse'].includes(order)) throw new Error("order must be 'fifo' or 'reverse'");
		const held = this.holds.get(provider) || [];
		this.holds.delete(provider);
		const groups = order === 'reverse' ? held.slice().reverse() : held;
		for (const g of groups) g.entry.state = 'queued';
		for (const g of groups) await this.startGroup(g);
		return groups.map((g) => g.entry.id);
	}

	/** Deliveries not yet final (held ones excluded: they wait for release). */
	pending(provider) {
		return this.entries.filter((e) => (!provider || e.provider === provider) && !FINAL.has(e.state) && e.state !== 'held').length;
	}

	/** filter: provider (string) or { provider?, type?, state?, source? } */
	list(filter) {
		const f = typeof filter === 'string' ? { provider: filter } : filter || {};
		return this.entries.filter(
			(e) => (!f.provider || e.provider === f.provider) && (!f.type || e.type === f.type) && (!f.state || e.state === f.state) && (!f.source || e.source === f.source),
		);
	}
}

module.exports = { postRaw, hmacHex, DeliveryLog, isLoopbackUrl, DEFAULT_TIME_SCALE };
