// Three jest projects, one per test tier (docs/dev/testing.md):
//   unit    test/unit: the TypeScript sources of nodes/ loaded directly, no engine, no network. `npm run test:unit`.
//   engine  every other test: nodes from dist/ through n8n-core's engine against the in-process emulators. `npm test`.
//   slow    the engine tests listed in SLOW: real downloads, large data sets, a ramp that needs the CPU. `npm run test:full`.
// `npx jest` alone runs all three; `npx jest --selectProjects engine` one of them.

/** Tests too slow for the inner loop, with what makes them slow (CPU seconds measured on the 2-core machine, docs/dev/testing.md). */
const SLOW = [
	'test/install/installer.test.js', // real Node downloads into empty caches of its own, three times
	'test/emulator/seed-scale.test.js', // a 50,000-transaction seed: 9 s of CPU
	'test/vivenu/pages.test.js', // reads of 2,300 to 4,500 records through the engine, six times: 19 s of CPU, the most of any file
	// 300 requests held 500 ms each, 12-33 s: the window must reach its maximum, which a client short of CPU (beside
	// other jest workers on 2 cores) may not. The full tier runs the slow tests one at a time.
	'test/common/pace-ramp.test.js',
];

const escape = (file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const slowPattern = SLOW.map((file) => `<rootDir>/${escape(file)}$`);

const common = {
	testEnvironment: 'node',
	// test/unit loads the TypeScript sources of nodes/ directly; everything else runs against dist/.
	transform: { '\\.ts$': '<rootDir>/test/support/ts-transform.js' },
	// Assertion counts and CPU time per file, when JEST_STATS_DIR is set (scripts/test.sh sets it).
	setupFilesAfterEnv: ['<rootDir>/test/support/jest-stats.js'],
	// packages/ holds generated copies of nodes/ (scripts/gen-packages.js): never a test, never a module to map.
	modulePathIgnorePatterns: ['<rootDir>/packages/'],
};

module.exports = {
	testTimeout: 60000,
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'engine', testMatch: ['<rootDir>/test/**/*.test.js'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/packages/', ...slowPattern] },
		{ ...common, displayName: 'slow', testMatch: SLOW.map((file) => `<rootDir>/${file}`) },
	],
};
