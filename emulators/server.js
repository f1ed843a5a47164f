'use strict';
// Local API emulator: one HTTP server, each provider mounted under its prefix, control API at /_emulator.
//   node emulators/server.js [--port N] [--host H] [--seed S] [--<provider>-rate-limit LIMIT/WINDOWMS[/RETRYAFTER]]
// Port defaults to $EMULATOR_PORT or 4010.
const http = require('http');
const { createEmulator } = require('./core/emulator');

/**
 * @param {object} [options]
 * @param {number} [options.port=0]  0 = pick a free port
 * @param {string} [options.host='127.0.0.1']
 * @param {number|string} [options.seed=1]
 * @param {object} [options.size]  e.g. { vivenu: { events: 3, transactions: 120 } }
 * @param {object} [options.rateLimits]  default limiters, e.g. { vivenu: { limit: 100, windowMs: 60000, retryAfter: 60 } }
 * @param {object[]} [options.providers]  explicit provider modules (default: every emulators/providers/*.js)
 * @param {number} [options.logLimit=10000]  request-log capacity
 * @returns {Promise<{ url, port, close(): Promise<void>, state, emulator, reset(opts) }>}
 */
function startEmulator({ port = 0, host = '127.0.0.1', seed = 1, size = {}, rateLimits, providers, logLimit } = {}) {
	const emulator = createEmulator({ seed, size, rateLimits, providers, logLimit });
	const server = http.createServer((req, res) => {
		emulator.handle(req, res).catch((e) => {
			process.stderr.write(`[emulator] unhandled: ${e.stack}\n`);
			if (!res.headersSent) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end('{"error":"emulator crashed"}');
			}
		});
	});
	server.keepAliveTimeout = 5000;
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			const actualPort = server.address().port;
			const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
			emulator.baseUrl = url;
			resolve({
				url,
				port: actualPort,
				emulator,
				server,
				/** live provider states: { vivenu: {...}, ... } */
				get state() {
					return emulator.states;
				},
				reset: (opts) => emulator.reset(opts),
				providerUrls: () =>
					Object.fromEntries(emulator.providers.map((p) => [p.name, `${url}${p.prefix}${p.basePath || ''}`])),
				close: () =>
					new Promise((res) => {
						emulator.deliveries.clear();
						server.close(() => res());
						server.closeAllConnections();
					}),
			});
		});
	});
}

function parseArgs(argv) {
	const opts = { rateLimits: {} };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		let m;
		if (flag === '--port') opts.port = Number(value());
		else if (flag === '--host') opts.host = value();
		else if (flag === '--seed') {
			const v = value();
			opts.seed = /^\d+$/.test(v) ? Number(v) : v;
		}
		else if ((m = /^--([a-z0-9-]+)-rate-limit$/.exec(flag))) {
			const [limit, windowMs, retryAfter] = value().split('/');
			opts.rateLimits[m[1]] = {
				limit: Number(limit),
				windowMs: Number(windowMs || 3600000),
				...(retryAfter ? { retryAfter: /^\d+$/.test(retryAfter) ? Number(retryAfter) : retryAfter } : {}),
			};
		} else if (flag === '--help' || flag === '-h') {
			process.stdout.write('Usage: node emulators/server.js [--port N] [--host H] [--seed S] [--<provider>-rate-limit LIMIT/WINDOWMS[/RETRYAFTER]]\n');
			process.exit(0);
		} else throw new Error(`Unknown argument ${a}`);
	}
	return opts;
}

if (require.main === module) {
	const opts = parseArgs(process.argv.slice(2));
	const port = opts.port ?? Number(process.env.EMULATOR_PORT || 4010);
	startEmulator({ ...opts, port })
		.then((emu) => {
			process.stdout.write(`Emulator listening on ${emu.url}\n`);
			for (const [name, u] of Object.entries(emu.providerUrls())) process.stdout.write(`  ${name}: ${u}\n`);
			process.stdout.write(`  control API: ${emu.url}/_emulator\n`);
			const stop = () => emu.close().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		})
		.catch((e) => {
			process.stderr.write(`Emulator failed to start: ${e.message}\n`);
			process.exit(1);
		});
}

module.exports = { startEmulator, parseArgs };
