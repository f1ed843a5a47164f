'use strict';
// Zero-dependency client for the emulator control API (node:http, works on any Node >= 18).
const http = require('http');
const https = require('https');

/**
 * Plain HTTP request helper. body: object (sent as JSON) | string (sent raw) | undefined.
 * Resolves { status, headers, text, body (parsed JSON or null) }; rejects on network errors.
 */
function request(method, url, { headers = {}, body, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		const lib = u.protocol === 'https:' ? https : http;
		const h = { ...headers };
		let payload;
		if (body !== undefined) {
			payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
			if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
			h['content-length'] = Buffer.byteLength(payload);
		}
		const req = lib.request(u, { method, headers: h, timeout: timeoutMs, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let parsed = null;
				try {
					parsed = text ? JSON.parse(text) : null;
				} catch {
					parsed = null;
				}
				resolve({ status: res.statusCode, headers: res.headers, text, body: parsed });
			});
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs}ms`)));
		req.on('error', reject);
		req.end(payload);
	});
}

class EmulatorClient {
	constructor(url) {
		this.url = String(url).replace(/\/+$/, '');
	}

	async call(method, path, body, { timeoutMs } = {}) {
		const res = await request(method, `${this.url}/_emulator${path}`, { body, ...(timeoutMs ? { timeoutMs } : {}) });
		if (res.status >= 400) {
			const msg = (res.body && res.body.error) || res.text;
			throw Object.assign(new Error(`emulator ${method} ${path} -> ${res.status}: ${msg}`), { status: res.status, response: res });
		}
		return res.body;
	}

	info() { return this.call('GET', '/'); }
	/** opts: { seed?, size? } e.g. { seed: 2, size: { vivenu: { transactions: 120 } } } */
	/** A reset to tens of thousands of records takes seconds on a busy machine: allow it ten minutes. */
	reset(opts = {}) { return this.call('POST', '/reset', opts, { timeoutMs: 600000 }); }
	/** @returns array of logged requests (optionally of one provider) */
	async requests(provider, { method, path } = {}) {
		const q = new URLSearchParams();
		if (provider) q.set('provider', provider);
		if (method) q.set('method', method);
		if (path) q.set('path', path);
		const qs = q.toString();
		return (await this.call('GET', `/requests${qs ? `?${qs}` : ''}`)).requests;
	}
	clearRequests() { return this.call('DELETE', '/requests'); }
	async fault(spec) { return (await this.call('POST', '/faults', spec)).fault; }
	async faults() { return (await this.call('GET', '/faults')).faults; }
	clearFaults(provider) { return this.call('DELETE', `/faults${provider ? `?provider=${encodeURIComponent(provider)}` : ''}`); }
	async rateLimit(spec) { return (await this.call('POST', '/rate-limit', spec)).rateLimit; }
	clearRateLimit(provider) { return this.call('DELETE', `/rate-limit${provider ? `?provider=${encodeURIComponent(provider)}` : ''}`); }
	/** Per-key request accounting: { since, windowMs, providers: { [name]: { ...totals, keys: { [key]: {...} } } } } */
	stats(provider) { return this.call('GET', `/stats${provider ? `?provider=${encodeURIComponent(provider)}` : ''}`); }
	clearStats() { return this.call('DELETE', '/stats'); }
	/** fields: optional top-level keys to return, e.g. ['fixtures'] (large states serialize slowly). */
	state(provider, fields) {
		const only = fields ? `&fields=${encodeURIComponent(fields.join(','))}` : '';
		return this.call('GET', `/state?provider=${encodeURIComponent(provider)}${only}`, undefined, { timeoutMs: 600000 });
	}
	/** spec: { provider, type, targetUrl, hmacKey?, data?, signaturePrefix?, badSignature? } -> { status, body, sent } */
	triggerWebhook(spec) { return this.call('POST', '/webhooks/trigger', spec); }
	async webhookDeliveries(provider) {
		return (await this.call('GET', `/webhooks${provider ? `?provider=${encodeURIComponent(provider)}` : ''}`)).deliveries;
	}
	clearWebhookDeliveries() { return this.call('DELETE', '/webhooks'); }
	/** spec: { provider, type, data?, mode? } or { provider, events: [...], order? } -> array of delivery entries */
	async fireWebhook(spec) { return (await this.call('POST', '/webhooks/fire', spec)).deliveries; }
	/** Resolves with the deliveries once none waits for an attempt; rejects (408) after timeoutMs. */
	async waitForWebhooks({ provider, timeoutMs } = {}) {
		return (await this.call('POST', '/webhooks/wait', { provider, timeoutMs }, { timeoutMs: (timeoutMs || 10000) + 30000 })).deliveries;
	}
	/** spec: { provider, maxAttempts?, delaysMs?, timeScale?, jitter?, timeoutMs? } -> effective policy */
	async webhookConfig(spec) { return (await this.call('PUT', '/webhooks/config', spec)).config; }
	/** spec: { provider, type?, duplicate?, delayMs?, times? } */
	async injectWebhook(spec) { return (await this.call('POST', '/webhooks/inject', spec)).injection; }
	holdWebhooks(provider) { return this.call('POST', '/webhooks/hold', { provider }); }
	/** order: 'fifo' | 'reverse' -> { released, deliveries } */
	releaseWebhooks(provider, order = 'fifo') { return this.call('POST', '/webhooks/release', { provider, order }); }
	/** A provider control call under /_emulator/<provider>/..., e.g. control('POST', 'fourvenues', '/payments', {}) */
	control(method, provider, path, body) { return this.call(method, `/${provider}${path}`, body); }
}

module.exports = { EmulatorClient, request };
