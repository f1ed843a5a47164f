'use strict';
// Generic webhook sender: POST a raw JSON body to a URL with extra (signature) headers.
// The provider module builds the envelope and computes the signature header.
const http = require('http');
const https = require('https');
const crypto = require('crypto');

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

/** Keeps every delivery (manual triggers and automatic ones) for GET /_emulator/webhooks. */
class DeliveryLog {
	constructor(limit = 1000) {
		this.limit = limit;
		this.entries = [];
	}

	/**
	 * Send and record. spec: { provider, url, body (object|string), headers? , timeoutMs? }
	 * Never rejects: network errors are reported as { status: null, error }.
	 */
	async send({ provider, url, body, headers = {}, timeoutMs }) {
		const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
		const entry = { provider, url, headers, rawBody, at: new Date().toISOString(), status: undefined };
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.shift();
		try {
			const res = await postRaw(url, rawBody, headers, timeoutMs);
			entry.status = res.status;
			entry.response = res.body;
			return { ...res, rawBody, sentHeaders: headers };
		} catch (e) {
			entry.status = null;
			entry.error = e.message;
			return { status: null, error: e.message, rawBody, sentHeaders: headers };
		}
	}

	list(provider) {
		return provider ? this.entries.filter((e) => e.provider === provider) : this.entries.slice();
	}

	clear() {
		this.entries = [];
	}
}

module.exports = { postRaw, hmacHex, DeliveryLog };
