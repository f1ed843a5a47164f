'use strict';
// Provider discovery: every `*.js` file directly in emulators/providers/ that exports a
// provider module object ({ name, prefix, createState, register, ... }) is mounted.
// Sub-folders (e.g. providers/vivenu/) hold helpers and are not scanned.
const fs = require('fs');
const path = require('path');

const PROVIDERS_DIR = path.join(__dirname, '..', 'providers');

function checkProvider(p, file) {
	const where = file ? ` (${file})` : '';
	if (!p || typeof p !== 'object') throw new Error(`provider module must export an object${where}`);
	for (const k of ['name', 'prefix']) if (typeof p[k] !== 'string' || !p[k]) throw new Error(`provider.${k} missing${where}`);
	if (!p.prefix.startsWith('/') || p.prefix.endsWith('/')) throw new Error(`provider.prefix must look like '/name'${where}`);
	if (p.prefix === '/_emulator') throw new Error(`provider.prefix '/_emulator' is reserved${where}`);
	for (const k of ['createState', 'register']) if (typeof p[k] !== 'function') throw new Error(`provider.${k}() missing${where}`);
	return p;
}

/** @returns {{ providers: object[], errors: {file, error}[] }} */
function loadProviders(dir = PROVIDERS_DIR) {
	const providers = [];
	const errors = [];
	const files = fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isFile() && d.name.endsWith('.js') && !d.name.startsWith('_') && d.name !== 'index.js')
		.map((d) => d.name)
		.sort();
	for (const file of files) {
		try {
			providers.push(checkProvider(require(path.join(dir, file)), file));
		} catch (e) {
			errors.push({ file, error: e.message });
			process.stderr.write(`[emulator] skipped provider ${file}: ${e.message}\n`);
		}
	}
	const names = new Set();
	for (const p of providers) {
		if (names.has(p.name)) throw new Error(`duplicate provider name ${p.name}`);
		names.add(p.name);
	}
	return { providers, errors };
}

module.exports = { loadProviders, checkProvider, PROVIDERS_DIR };
