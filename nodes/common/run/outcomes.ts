import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorMessage, outcomeOf, withOutcome, type Outcome } from '../base/errors';
import type { Settled } from '../limits/pool';
import { withSideEffects, type Writes } from './sideEffects';
import type { OutputData } from '../base/types';

/** An operation that changes state at the provider, and the provider's name for its errors. */
export interface WriteRun {
	writes: Writes;
	provider: string;
}

/**
 * The outcome of an item's failure (see Outcome in errors.ts): as the error says; an error that does not say
 * is unknown in a write (it may have come after the request went out) and not-done in a read.
 */
export function failureOutcome(error: unknown, write?: WriteRun): Outcome {
	return outcomeOf(error) ?? (write ? 'unknown' : 'not-done');
}

/** The JSON an error item carries when the node continues on fail; `outcome` lets a workflow branch on what happened. */
export function errorItemJson(error: unknown, itemIndex: number, write?: WriteRun): IDataObject {
	const json: IDataObject = { error: errorMessage(error), itemIndex, outcome: failureOutcome(error, write) };
	const e = error as { description?: unknown; httpCode?: unknown };
	if (typeof e.description === 'string' && e.description) json.description = e.description;
	if (typeof e.httpCode === 'string' && e.httpCode) json.httpCode = e.httpCode;
	return json;
}

/**
 * Turns per-item outcomes into the node's output: pairedItem on every item, error items when
 * the node continues on fail, otherwise the first failure (in item order) is thrown; for a write
 * operation that error lists what the other items already changed (see sideEffects.ts).
 */
export function emitOutcomes(ctx: IExecuteFunctions, outcomes: Array<Settled<OutputData>>, write?: WriteRun): INodeExecutionData[][] {
	const out: INodeExecutionData[] = [];
	const continueOnFail = ctx.continueOnFail();
	outcomes.forEach((outcome, itemIndex) => {
		if ('skipped' in outcome) return;
		if ('error' in outcome) {
			if (!continueOnFail) throw stopError(ctx, outcome.error, itemIndex, outcomes, write);
			out.push({ json: errorItemJson(outcome.error, itemIndex, write), pairedItem: { item: itemIndex } });
			return;
		}
		const data = outcome.value;
		if (data === null || data === undefined) return;
		// One object, the usual case: the item n8n's two helpers below make of it, without their copies (1,000s of items).
		if (!Array.isArray(data) && !data.json) out.push({ json: data, pairedItem: { item: itemIndex } });
		else out.push(...ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(data), { itemData: { item: itemIndex } }));
	});
	return [out];
}

/** The error that stops a run without Continue On Fail: naming its item and, for writes, what was already done. */
export function stopError(ctx: IExecuteFunctions, error: unknown, itemIndex: number, outcomes: ReadonlyArray<Settled<OutputData>>, write?: WriteRun) {
	const node = ctx.getNode();
	const base = asNodeError({ node, error, itemIndex });
	if (!outcomeOf(base)) withOutcome(base, failureOutcome(base, write));
	return write ? withSideEffects(node, base, itemIndex, write.writes, write.provider, outcomes) : base;
}
