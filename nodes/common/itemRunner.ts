import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorMessage } from './errors';
import { mapSettled, type Concurrency, type Settled } from './pool';
import type { OutputData } from './types';

export type ItemHandler = (ctx: IExecuteFunctions, itemIndex: number) => Promise<OutputData>;

/** The JSON an error item carries when the node continues on fail. */
export function errorItemJson(error: unknown, itemIndex: number): IDataObject {
	const json: IDataObject = { error: errorMessage(error), itemIndex };
	const e = error as { description?: unknown; httpCode?: unknown };
	if (typeof e.description === 'string' && e.description) json.description = e.description;
	if (typeof e.httpCode === 'string' && e.httpCode) json.httpCode = e.httpCode;
	return json;
}

/**
 * Turns per-item outcomes into the node's output: pairedItem on every item, error items when
 * the node continues on fail, otherwise the first failure (in item order) is thrown.
 */
export function emitOutcomes(ctx: IExecuteFunctions, outcomes: Array<Settled<OutputData>>): INodeExecutionData[][] {
	const out: INodeExecutionData[] = [];
	const continueOnFail = ctx.continueOnFail();
	outcomes.forEach((outcome, itemIndex) => {
		if ('skipped' in outcome) return;
		if ('error' in outcome) {
			if (!continueOnFail) throw asNodeError({ node: ctx.getNode(), error: outcome.error, itemIndex });
			out.push({ json: errorItemJson(outcome.error, itemIndex), pairedItem: { item: itemIndex } });
			return;
		}
		const data = outcome.value;
		if (data === null || data === undefined) return;
		out.push(...ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(data), { itemData: { item: itemIndex } }));
	});
	return [out];
}

/** The single per-item loop every node uses: bounded concurrency, order kept, continueOnFail per item. */
export async function runItems(ctx: IExecuteFunctions, handler: ItemHandler, concurrency: Concurrency): Promise<INodeExecutionData[][]> {
	const indexes = ctx.getInputData().map((_, i) => i);
	const outcomes = await mapSettled(indexes, concurrency, async (i) => await handler(ctx, i), !ctx.continueOnFail());
	return emitOutcomes(ctx, outcomes);
}
