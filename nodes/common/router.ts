import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationError } from './errors';
import { runItems } from './itemRunner';
import type { Concurrency } from './pool';
import type { OutputData } from './types';

/** Runs once per input item, through the common item loop. */
export type ItemOperation<C> = { execute: (this: IExecuteFunctions, i: number, client: C) => Promise<OutputData> };

/** Sees all input items at once to merge them into batched requests; runBatch (batchRunner.ts) does the work. */
export type BatchOperation<C> = { executeBatch: (this: IExecuteFunctions, client: C) => Promise<INodeExecutionData[][]> };

export type Operation<C> = ItemOperation<C> | BatchOperation<C>;

/** resource → operation → what runs it. */
export type Resources<C> = Record<string, Record<string, Operation<C>>>;

export interface DispatchOptions<C> {
	/** Applied to every error an operation throws, e.g. to mask values n8n would store with it. */
	mapError?: (error: unknown, client: C) => unknown;
}

/**
 * Runs the operation that the node's resource and operation parameters name (they cannot vary per
 * item), with one client shared by all items.
 */
export async function dispatch<C extends { lanes: Concurrency }>(
	ctx: IExecuteFunctions,
	resources: Resources<C>,
	createClient: (ctx: IExecuteFunctions) => Promise<C>,
	{ mapError }: DispatchOptions<C> = {},
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.[operation];
	if (!op) {
		throw operationError({ node: ctx.getNode(), message: `The operation "${operation}" of resource "${resource}" is not supported` });
	}
	const client = await createClient(ctx);
	const guarded = async <R>(run: () => Promise<R>): Promise<R> => {
		try {
			return await run();
		} catch (error) {
			throw mapError ? mapError(error, client) : error;
		}
	};
	if ('executeBatch' in op) return await guarded(async () => await op.executeBatch.call(ctx, client));
	return await runItems(ctx, async (itemCtx, i) => await guarded(async () => await op.execute.call(itemCtx, i, client)), client.lanes);
}
