import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { RequestContext, TriggerContext } from './types';

/**
 * Which kind of context a request runs in. Only an execution has input items, `continueOnFail` and
 * per-item parameters; code that needs them must check `isExecution` first (see settingsFor).
 */
export function isExecution(ctx: RequestContext): ctx is IExecuteFunctions {
	return 'getInputData' in ctx && 'continueOnFail' in ctx;
}

/** Poll, trigger and hook contexts know their activation mode; a webhook context has the request body. */
export function isTrigger(ctx: RequestContext): ctx is TriggerContext {
	return !isExecution(ctx) && ('getActivationMode' in ctx || 'getBodyData' in ctx);
}

export function isListSearch(ctx: RequestContext): ctx is ILoadOptionsFunctions {
	return !isExecution(ctx) && !isTrigger(ctx);
}
