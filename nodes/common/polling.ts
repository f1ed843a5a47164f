import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

/**
 * Pieces every polling trigger of the package shares. n8n saves a poller's static data only when the
 * poll returned items, so state is changed freely during a poll and "moves" only with emitted data.
 * See docs/triggers.md.
 */

/** Share of n8n's poll budget a poll may use for draining a backlog before it emits what it has. */
const BUDGET_SHARE = 0.5;
/** Without a budget (n8n 1.x): how long a poll keeps paging through a backlog. */
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
 * activation and uses for every poll of it. n8n 2.x runs the poll at activation as a test whose static
 * data is discarded when it emits nothing, so without this the first scheduled poll would start over
 * and miss what changed in between. A new activation gets a new object, so nothing old comes back.
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
 * id → last seen value (e.g. a status), bounded to `max` entries: the ones passed in `keepFirst`
 * order (newest first) survive. Plain object, so it lives in static data.
 */
export function boundedMap(map: Record<string, string>, newestFirst: string[], max: number): Record<string, string> {
	const out: Record<string, string> = {};
	for (const id of newestFirst) {
		if (Object.keys(out).length >= max) break;
		if (map[id] !== undefined) out[id] = map[id];
	}
	return out;
}

export function objectOf(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}
