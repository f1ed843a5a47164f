import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, operationError, withOutcome } from '../base/errors';
import { emitOutcomes, errorItemJson, type WriteRun } from './outcomes';
import { mapSettled, type Concurrency } from '../limits/pool';
import type { Writes } from './sideEffects';
import type { OutputData, ProviderProfile } from '../base/types';

/**
 * What an operation does at the provider, declared by every operation module: `writes` (see sideEffects.ts)
 * when it changes state there, even idempotently, or `readOnly: true` when it only reads, whatever its HTTP
 * method. Exactly one of the two: the compiler refuses a module in `resources` with neither or both, and
 * test/unit/operation-effects.test.ts checks the built modules.
 */
export type Effect = { writes: Writes; readOnly?: never } | { readOnly: true; writes?: never };

/** Runs once per input item, through the common item loop. */
export type ItemOperation<C> = { execute: (this: IExecuteFunctions, i: number, client: C) => Promise<OutputData> } & Effect;

/** Sees all input items at once to merge them into batched requests; runBatch (batchRunner.ts) does the work. */
export type BatchOperation<C> = { executeBatch: (this: IExecuteFunctions, client: C) => Promise<INodeExecutionData[][]> } & Effect;

export type Operation<C> = ItemOperation<C> | BatchOperation<C>;

/** resource → operation → what runs it. */
export type Resources<C> = Record<string, Record<string, Operation<C>>>;

export interface DispatchOptions<C> {
	/** Applied to every error an operation throws, e.g. to mask values n8n would store with it. */
	mapError?: (error: unknown, client: C) => unknown;
}

/**
 * n8n's node setting Retry On Fail runs the whole node again after an error: every input item, including
 * those already carried out, which for a write creates, completes or sends them a second time.
 */
export function warnRetryOnFail(ctx: IExecuteFunctions, noun: string): void {
	if (!ctx.getNode().retryOnFail || typeof ctx.addExecutionHints !== 'function') return;
	ctx.addExecutionHints({
		type: 'warning',
		location: 'outputPane',
		message: `"Retry On Fail" (node Settings) is on: after an error n8n runs this node again for every input item, so each ${noun} already changed would be changed a second time. Turn it off; this node retries what is safe itself (Request Options), and with "Continue On Fail" each failed item says its outcome.`,
	});
}

export type ItemHandler = (ctx: IExecuteFunctions, itemIndex: number) => Promise<OutputData>;

/**
 * The single per-item loop every node uses: bounded concurrency, order kept, continueOnFail per item.
 * Without Continue On Fail no item is started once one has failed (items already running finish).
 */
export async function runItems(ctx: IExecuteFunctions, handler: ItemHandler, concurrency: Concurrency, write?: WriteRun): Promise<INodeExecutionData[][]> {
	const indexes = ctx.getInputData().map((_, i) => i);
	const outcomes = await mapSettled(indexes, concurrency, async (i) => await handler(ctx, i), !ctx.continueOnFail());
	return emitOutcomes(ctx, outcomes, write);
}

/**
 * The node's execute(): `export const router = operationRouter(resources, createClient)` in the provider's
 * actions/router.ts, and `execute() { return await router.call(this) }` in the node.
 */
export function operationRouter<C extends { lanes: Concurrency; profile: Pick<ProviderProfile, 'name'> }>(
	resources: Resources<C>,
	createClient: (ctx: IExecuteFunctions) => Promise<C>,
	options: DispatchOptions<C> = {},
): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> {
	return async function router(this: IExecuteFunctions) {
		return await dispatch(this, resources, createClient, options);
	};
}

/**
 * Runs the operation that the node's resource and operation parameters name (they cannot vary per
 * item), with one client shared by all items.
 */
export async function dispatch<C extends { lanes: Concurrency; profile: Pick<ProviderProfile, 'name'> }>(
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
	let client: C;
	try {
		client = await createClient(ctx);
	} catch (error) {
		// Nothing was sent (refused credential or Request Options). n8n's Continue On Fail would pass the input
		// on as if the node had run, so each item says instead that it was not carried out.
		const refused = withOutcome(asNodeError({ node: ctx.getNode(), error, itemIndex: 0 }), 'not-done');
		if (!ctx.continueOnFail()) throw refused;
		return [ctx.getInputData().map((_, i) => ({ json: errorItemJson(refused, i), pairedItem: { item: i } }))];
	}
	if (op.writes) warnRetryOnFail(ctx, op.writes.noun);
	const guarded = async <R>(run: () => Promise<R>): Promise<R> => {
		try {
			return await run();
		} catch (error) {
			throw mapError ? mapError(error, client) : error;
		}
	};
	if ('executeBatch' in op) return await guarded(async () => await op.executeBatch.call(ctx, client));
	const write = op.writes ? { writes: op.writes, provider: client.profile.name } : undefined;
	// Guarded twice: the error that stops a write run is restated (sideEffects.ts) after the item's own.
	return await guarded(
		async () => await runItems(ctx, async (itemCtx, i) => await guarded(async () => await op.execute.call(itemCtx, i, client)), client.lanes, write),
	);
}
