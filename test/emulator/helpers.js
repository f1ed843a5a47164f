'use strict';
// Shared helpers for the emulator tests.
const http = require('http');
const { startEmulator } = require('../../emulators');
const { EmulatorClient, request } = require('../../emulators/client');

const DEMO_KEY = 'key_emulator_vivenu_demo';

const vivenu = require('../../emulators/providers/vivenu');

/** Starts an emulator with only the vivenu module (isolated from other providers' modules). */
async function setup(options = {}) {
	const emu = await startEmulator({ port: 0, providers: [vivenu], ...options });
	const client = new EmulatorClient(emu.url);
	/** call a vivenu API path (relative to /vivenu), e.g. api('GET', '/api/transactions?top=5') */
	const api = (method, path, { key = DEMO_KEY, body, headers = {} } = {}) =>
		request(method, `${emu.url}/vivenu${path}`, {
			headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
			body,
		});
	return { emu, client, api };
}

/** A throwaway HTTP receiver that records every request (raw body kept). */
function startReceiver(status = 200) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end('{"received":true}');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}/hook`,
				received,
				close: () => new Promise((r) => server.close(() => r())),
			}),
		),
	);
}

const waitFor = async (fn, timeoutMs = 3000) => {
	const start = Date.now();
	while (Date.now() - start < timeoutMs) {
		if (fn()) return true;
		await new Promise((r) => setTimeout(r, 20));
	}
	return false;
};

module.exports = { vivenu, setup, startReceiver, waitFor, DEMO_KEY, request };
