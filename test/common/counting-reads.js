'use strict';
/**
 * A view of a node's execution context whose getNodeParameter counts the reads that evaluate (every read
 * without `rawExpressions`): a probe node hands the view to the package's reader and compares the count
 * before and after a read to tell the fast path from the engine.
 */
function countingReads(ctx) {
	const reads = { evaluating: 0 };
	const view = Object.create(ctx);
	view.getNodeParameter = (name, i, fallback, options) => {
		if (!options?.rawExpressions) reads.evaluating++;
		return ctx.getNodeParameter(name, i, fallback, options);
	};
	return { view, reads };
}

module.exports = { countingReads };
