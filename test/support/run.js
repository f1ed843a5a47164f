'use strict';
const { runNode } = require('../harness');

/**
 * A runner for one node: `run(parameters, credentials, { input, continueOnFail })` executes it inside
 * n8n's execution engine with the given credentials (credential type → data).
 */
function nodeRunner(node, credentialTypes) {
	return async (parameters, credentials, { input, continueOnFail } = {}) =>
		await runNode({ node, parameters, credentials, credentialTypes, input, continueOnFail });
}

module.exports = { nodeRunner };
