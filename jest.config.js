module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js', '<rootDir>/test/unit/**/*.test.ts'],
	// test/unit loads the TypeScript sources of nodes/ directly; everything else runs against dist/.
	transform: { '\\.ts$': '<rootDir>/test/support/ts-transform.js' },
	testTimeout: 60000,
};
