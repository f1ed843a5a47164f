module.exports = { testEnvironment: 'node', testMatch: ['<rootDir>/test/**/*.test.js'], testTimeout: 60000 };
