import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withItem } from './errors';
import { mapSettled, type Settled } from './pool';
import type { OutputData } from './types';

export type ItemHandler = (ctx: IExecuteFunctions, itemIndex: number) => Promise<OutputData>;

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The JSON an error item carries when the node continues on fail. */
export function errorItemJson(error: unknown, itemIndex: number): IDataObject {
	const json: IDataObject = { error: errorMessage(error), itemIndex };
	const e = error as { description?: unknown; httpCode?: unknown };
	if (typeof e.description === 'string' && e.description) json.description = e.description;
	if (typeof e.httpCode === 'string' && e.httpCode) json.httpCode = e.httpCode;
	return json;
}

/** Makes sure whatever was thrown is an n8n error that names the item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), withItem(errorMessage(error), itemIndex), { itemIndex });
}

const ITEM_SUFFIX = /\s*\[item \d+\]$/;

export interface ErrorForItemOptions {
	/** Added to the message before `[item N]`, e.g. which items shared the failed request. */
	note?: string;
	/** A line added to the description. */
	extra?: string;
}

/**
 * Restates an error that several items share (one request or lookup served them all) for one item:
 * its message names this item, its description and HTTP code are kept. An error that already names
 * this item, with nothing to add, is returned as it is.
 */
export function errorForItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	{ note, extra }: ErrorForItemOptions = {},
): NodeApiError | NodeOperationError {
	const base = error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
	if (base && base.context.itemIndex === itemIndex && base.message.endsWith(`[item ${itemIndex}]`) && !note && !extra) return base;
	const text = base ? base.message.replace(ITEM_SUFFIX, '') : errorMessage(error);
	const message = withItem(note ? `${text} ${note}` : text, itemIndex);
	const description = [base?.description, extra].filter(Boolean).join('\n') || undefined;
	if (base instanceof NodeApiError) {
		return new NodeApiError(ctx.getNode(), { message } as JsonObject, { message, description, httpCode: base.httpCode ?? undefined, itemIndex });
	}
	return new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
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
			if (!continueOnFail) throw asNodeError(ctx, outcome.error, itemIndex);
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
export async function runItems(ctx: IExecuteFunctions, handler: ItemHandler, concurrency: number): Promise<INodeExecutionData[][]> {
	const indexes = ctx.getInputData().map((_, i) => i);
	const outcomes = await mapSettled(indexes, concurrency, async (i) => await handler(ctx, i), !ctx.continueOnFail());
	return emitOutcomes(ctx, outcomes);
}
