import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

/**
 * How a poll runs against what n8n saves (docs/triggers.md, "What n8n saves"):
 * - n8n's classic path saves the node's static data only when a poll returns items, and keeps a failed
 *   poll's changes to the live object in memory; its durable-cursor path (2.36+, opt-in) commits a copy;
 * - n8n 2.x runs the poll at activation as a test and throws its static data away when it emits nothing.
 * So a poll works on a copy of the state and writes it back only when it ends without an error: a page
 * that fails half-way never leaves the cursor past an item that was not emitted.
 */

/** Share of n8n's poll budget a poll may use for reading pages before it emits what it has. */
const BUDGET_SHARE = 0.5;
/** Without a budget (n8n 1.x): how long a poll keeps reading pages. */
const DEFAULT_DRAIN_MS = 60_000;

/** A clock that says when the poll should stop fetching more pages. */
export function pollDeadline(ctx: IPollFunctions, now = Date.now()): () => boolean {
	const budget = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : undefined;
	const ms = typeof budget === 'number' && budget > 0 ? budget * BUDGET_SHARE : DEFAULT_DRAIN_MS;
	const end = now + ms;
	return () => Date.now() >= end;
}

export function isManualPoll(ctx: IPollFunctions): boolean {
	return ctx.getMode() === 'manual';
}

/**
 * The first poll's state of each activation, kept with the poll functions object n8n creates once per
 * activation and uses for every poll of it (see the module comment). A new activation gets a new object,
 * so nothing old comes back.
 */
const firstPollStates = new WeakMap<object, IDataObject>();

/** This poller's static data; when n8n kept none, the state of this activation's first poll. */
export function pollState<T extends IDataObject>(ctx: IPollFunctions): T {
	const state = ctx.getWorkflowStaticData('node') as T;
	const kept = firstPollStates.get(ctx);
	if (kept && !Object.keys(state).length) Object.assign(state, deepCopy(kept));
	return state;
}

/** Keeps the state a first poll set up (see pollState). */
export function keepFirstPollState(ctx: IPollFunctions, state: IDataObject): void {
	if (!isManualPoll(ctx)) firstPollStates.set(ctx, deepCopy(state));
}

/**
 * One scheduled poll: `run` gets a copy of the state and returns the items to emit, and whether this was
 * the first poll (no state yet); the copy replaces the static data only when `run` returned.
 */
export async function pollOnCopy<S extends IDataObject>(
	ctx: IPollFunctions,
	run: (state: S) => Promise<{ items: IDataObject[]; first: boolean }>,
): Promise<INodeExecutionData[][] | null> {
	const live = pollState<S>(ctx);
	// Static data is JSON; a JSON copy is several times faster than deepCopy for a state of thousands of IDs.
	const work = JSON.parse(JSON.stringify(live)) as S;
	const { items, first } = await run(work);
	for (const key of Object.keys(live)) delete live[key];
	Object.assign(live, work);
	if (first) keepFirstPollState(ctx, live);
	return items.length ? [ctx.helpers.returnJsonArray(items)] : null;
}
