import type { IDataObject } from 'n8n-workflow';

/**
 * The cursor of a list without order, filter or modification time that is read whole (Constant Contact's
 * registrations): every record's status is remembered by ID, so a record is new when its ID is unknown, and
 * changed when its status differs. What makes it hold when the list changes under the reader:
 * - an ID is forgotten only when the memory is full, oldest record time first (`evicted` remembers the newest
 *   key forgotten): a record not seen in one read (deleted, or skipped because the list moved between pages)
 *   is never taken for new when it shows up again;
 * - beyond the tracked maximum an unknown ID is new only when it sorts after everything forgotten. A time that
 *   cannot be read sorts as the newest, so one odd or far-future time hides nothing else;
 * - a read that runs out of budget is continued by the next poll from the page where it stopped (`resume`),
 *   so a list larger than one poll's budget is still read whole, over several polls;
 * - IDs seen twice in one read (the list moved between pages) count once.
 */

/** [time key (ms; null = unreadable, sorts as the newest), ...compared status fields] */
export type Tracked = [number | null, ...string[]];

export interface FullScanState extends IDataObject {
	known?: Record<string, Tracked>;
	/** The newest [time, id] ever forgotten. */
	evicted?: [number | null, string];
	/** The query of the page a read stopped before; the next poll starts there. */
	resume?: IDataObject;
	/** Set while the first read of the list is not complete: records dated up to this time existed before. */
	baselineUntil?: number;
}

export interface FullScanPage {
	records: IDataObject[];
	next?: IDataObject;
}

export interface FullScanOptions {
	/** `query` undefined = the first page. */
	fetch(query: IDataObject | undefined): Promise<FullScanPage>;
	idOf(record: IDataObject): string | undefined;
	timeOf(record: IDataObject): number | undefined;
	statusOf(record: IDataObject): string[];
	maxTracked: number;
	expired(): boolean;
	/** The first poll: what is read is where the list stands, not news. */
	first: boolean;
	/** Whether an error met on a resumed page means the stored query is stale (read again from the start). */
	staleQuery(error: unknown): boolean;
}

export interface FullScanRead {
	/** Unknown records, each once, oldest time first. */
	fresh: IDataObject[];
	changed: Array<{ record: IDataObject; previous: string[] }>;
	/** Whether the read reached the end of the list. */
	complete: boolean;
	/** Every record read (with a usable ID), each once. */
	scanned: IDataObject[];
}

/** null when the error says the stored query is stale. */
function staleOrThrow(error: unknown, options: FullScanOptions): null {
	if (options.staleQuery(error)) return null;
	throw error;
}

const keyValue = (t: number | null | undefined) => (typeof t === 'number' && Number.isFinite(t) ? t : Infinity);

/** Orders [time, id] keys: older first, then by ID. */
export function compareKeys(a: [number | null | undefined, string], b: [number | null | undefined, string]): number {
	const ta = keyValue(a[0]);
	const tb = keyValue(b[0]);
	if (ta !== tb) return ta < tb ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

function trackedOf(value: unknown): Tracked | undefined {
	if (!Array.isArray(value) || !value.length) return undefined;
	const [t, ...fields] = value as unknown[];
	if (!(t === null || (typeof t === 'number' && Number.isFinite(t)))) return undefined;
	return [t, ...fields.map((f) => (typeof f === 'string' ? f : ''))];
}

export async function readFullScan(state: FullScanState, options: FullScanOptions): Promise<FullScanRead> {
	const { fetch, idOf, timeOf, statusOf, maxTracked, expired, first } = options;
	const known: Record<string, Tracked> = {};
	for (const [id, value] of Object.entries(state.known ?? {})) {
		const tracked = trackedOf(value);
		if (tracked) known[id] = tracked;
	}
	const evicted = Array.isArray(state.evicted) && typeof state.evicted[1] === 'string' ? state.evicted : undefined;
	const baselineUntil = typeof state.baselineUntil === 'number' ? state.baselineUntil : undefined;
	const startedAt = Date.now();
	const seen = new Set<string>();
	const fresh: IDataObject[] = [];
	const changed: FullScanRead['changed'] = [];
	const scanned: IDataObject[] = [];

	let query = state.resume && typeof state.resume === 'object' ? state.resume : undefined;
	let resumed = query !== undefined;
	let startedMid = resumed;
	let wrapped = false;
	let complete = false;
	delete state.resume;
	for (;;) {
		// A resumed page the API refuses (a cursor it no longer knows) is read again from the start.
		const page = resumed ? await fetch(query).catch((error: unknown) => staleOrThrow(error, options)) : await fetch(query);
		if (page === null) {
			query = undefined;
			resumed = startedMid = false;
			continue;
		}
		resumed = false;
		for (const record of page.records) {
			const id = idOf(record);
			if (id === undefined || seen.has(id)) continue;
			seen.add(id);
			scanned.push(record);
			const time = timeOf(record);
			const status = statusOf(record);
			const previous = known[id];
			if (previous === undefined) {
				const old =
					first ||
					(evicted !== undefined && compareKeys([time, id], evicted) <= 0) ||
					(baselineUntil !== undefined && time !== undefined && time <= baselineUntil);
				if (!old) fresh.push(record);
			} else {
				const before = previous.slice(1) as string[];
				if (before.length !== status.length || before.some((v, i) => v !== status[i])) changed.push({ record, previous: before });
			}
			known[id] = [time ?? null, ...status];
		}
		if (!page.next) {
			complete = true;
			// A read that began mid-list goes on from the start, for what it has not seen yet.
			if (startedMid && !wrapped && !expired()) {
				wrapped = true;
				query = undefined;
				continue;
			}
			break;
		}
		query = page.next;
		if (expired()) {
			state.resume = query;
			break;
		}
	}

	if (first && !complete) state.baselineUntil = startedAt;
	else if (complete) delete state.baselineUntil;
	// Forget the oldest beyond the maximum, and remember the newest key forgotten.
	const ids = Object.keys(known);
	if (ids.length > maxTracked) {
		ids.sort((a, b) => compareKeys([known[a][0], a], [known[b][0], b]));
		const drop = ids.slice(0, ids.length - maxTracked);
		const last = drop[drop.length - 1];
		const key: [number | null, string] = [known[last][0], last];
		state.evicted = evicted && compareKeys(evicted, key) > 0 ? evicted : key;
		for (const id of drop) delete known[id];
	}
	state.known = known;
	fresh.sort((a, b) => compareKeys([timeOf(a), idOf(a) ?? ''], [timeOf(b), idOf(b) ?? '']));
	return { fresh, changed, complete, scanned };
}
