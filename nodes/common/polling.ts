import type { IDataObject, IPollFunctions } from 'n8n-workflow';

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
