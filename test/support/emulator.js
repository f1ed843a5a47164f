'use strict';
// The emulator a test file runs against: started once per file, re-seeded before every test.
const fs = require('fs');
const path = require('path');
const { startEmulator, EmulatorClient } = require('../../emulators');

/**
 * The node's limiters are shared by the whole process (nodes/common/limits/throttle.ts): a fresh emulator
 * state is a fresh provider, so what the limiters learned (a slowed pace, a spent quota) is forgotten too.
 */
function forgetSharedLimits() {
	// Emulator-only suites run without a build too.
	const file = path.resolve(__dirname, '../../dist/nodes/common/limits/throttle.js');
	if (fs.existsSync(file)) require(file).resetSharedLimits();
}

/**
 * Starts an in-process emulator before the file's tests and closes it after them. The returned handle
 * takes on the started emulator's fields (url, state, reset(), emulator, …) once beforeAll has run.
 */
function emulatorPerFile(options = {}) {
	const handle = {};
	beforeAll(async () => {
		const emu = await startEmulator({ port: 0, ...options });
		Object.defineProperties(handle, Object.getOwnPropertyDescriptors(emu));
		handle.reset = (...args) => {
			forgetSharedLimits();
			return emu.reset(...args);
		};
	});
	afterAll(async () => {
		await handle.close();
	});
	return handle;
}

/**
 * A provider suite's fixture: the emulator (only `options.providers` when given) and its control client,
 * and before every test a fresh seed, with `ctx.state` / `ctx.fixtures` of `provider`.
 */
function providerFixture(provider, options = {}) {
	const ctx = { emulator: emulatorPerFile(options), client: null, state: null, fixtures: null };
	beforeAll(() => {
		ctx.client = new EmulatorClient(ctx.emulator.url);
	});
	beforeEach(async () => {
		await ctx.reset();
	});
	/** Re-seeds (optionally with other sizes for `provider`) and refreshes ctx.state / ctx.fixtures. */
	ctx.reset = async (size) => {
		forgetSharedLimits();
		await ctx.client.reset(size ? { size: { [provider]: size } } : {});
		ctx.state = await ctx.client.state(provider);
		ctx.fixtures = ctx.state.fixtures;
	};
	/** What the emulator logged for `provider` since the last reset. */
	ctx.requests = async () => await ctx.client.requests(provider);
	return ctx;
}

module.exports = { emulatorPerFile, providerFixture, forgetSharedLimits };
