import type { IDataObject } from 'n8n-workflow';

import { IdRanges, type IdRange } from './idRanges';

/**
 * The cursor of a list read newest ID first with offset paging, whose IDs only grow (Restrict Content Pro's
 * payments). What is handled is a set of ID ranges, each claimed from one page: a page of a list sorted by ID
 * holds every ID between its lowest and highest, whatever happened to the list between two pages. So:
 * - a backlog larger than one poll's budget is drained across polls: the next poll reads the top page, then
 *   jumps to where the last one stopped (`anchor`) instead of starting over;
 * - a record deleted or inserted while a poll pages through the list only shifts the pages: a page that does
 *   not reach back to what is already handled makes the poll step back, and whatever no page covered stays
 *   unhandled for the next poll (never skipped, never repeated);
 * - a page that is not in ID order claims only the IDs it holds; rows without a usable ID are not tracked.
 */

export interface NewestFirstState extends IDataObject {
	/** Handled ID ranges, merged; [0, n] means every ID up to n. */
	handled?: IdRange[];
	/**
	 * Where the last poll stopped inside a backlog: the lowest handled ID of the top block, the offset to read
	 * next, the list's top ID then, and how far a failed jump steps back next.
	 */
	anchor?: { id: number; offset: number; top: number; back?: number };
}

export interface NewestFirstOptions {
	fetch(offset: number, count: number): Promise<IDataObject[]>;
	idOf(record: IDataObject): number | undefined;
	pageSize: number;
	/** How many records from the top the poll reads in any case (the status watch window). */
	window: number;
	expired(): boolean;
}

export interface NewestFirstRead {
	/** Records with IDs not handled before, each once, lowest ID first. */
	fresh: IDataObject[];
	/** The first `window` records from the top of the list, in list order. */
	top: IDataObject[];
	/** Every record read (with a usable ID), each once. */
	scanned: IDataObject[];
}

/** More ranges than this and the poll stops reading (state stays small; nothing is dropped). */
const MAX_RANGES = 64;
const MAX_PAGES = 500;

function anchorOf(value: unknown): NewestFirstState['anchor'] {
	const a = value as NewestFirstState['anchor'];
	if (!(a && Number.isSafeInteger(a.id) && Number.isSafeInteger(a.offset) && a.offset >= 0 && Number.isSafeInteger(a.top))) return undefined;
	return { id: a.id, offset: a.offset, top: a.top, back: Number.isSafeInteger(a.back) && (a.back ?? 0) > 0 ? Math.min(a.back as number, 1_000_000) : undefined };
}

export async function readNewestFirst(state: NewestFirstState, options: NewestFirstOptions): Promise<NewestFirstRead> {
	const { fetch, idOf, pageSize, window, expired } = options;
	const ranges = new IdRanges(state.handled);
	const anchor = anchorOf(state.anchor);
	const seen = new Set<number>();
	const inTop = new Set<number>();
	const fresh: IDataObject[] = [];
	const top: IDataObject[] = [];
	const scanned: IDataObject[] = [];
	let listTop: number | undefined;
	let frontierAt: { id: number; offset: number } | undefined;
	const frontier = () => ranges.startOf(ranges.top());
	// Two walks down the list: `drain` reads what is not handled yet (jumping to where an earlier poll
	// stopped), `window` reads the newest `window` records from the top for status changes. Page 0 serves both.
	let mode: 'drain' | 'window' = 'drain';
	let offset = 0;
	let drainNext = 0;
	let topNext = 0;
	let topFloor: number | undefined;
	let topEnded = false;
	let drainStuck = false;
	let lastOffset = -1;
	let lastKey = '';
	let stepBack = anchor?.back ?? 4;
	let lastDrainFailed = false;
	let pages = 0;

	for (;;) {
		const before = frontier();
		const page = await fetch(offset, pageSize);
		pages++;
		const ids = page.map((record) => idOf(record));
		const valid = ids.filter((id): id is number => id !== undefined);
		const maxId = valid.length ? Math.max(...valid) : undefined;
		const minId = valid.length ? Math.min(...valid) : undefined;
		const sorted = valid.every((id, i) => i === 0 || id <= valid[i - 1]);
		const end = page.length < pageSize;
		// Contiguous with the top walk: the window's records are read without a gap from the list's top.
		const contiguousTop = sorted && (offset === 0 || (topFloor !== undefined && maxId !== undefined && maxId >= topFloor));

		const topBefore = top.length;
		page.forEach((record, i) => {
			const id = ids[i];
			if (id === undefined) return;
			if (!seen.has(id)) {
				seen.add(id);
				scanned.push(record);
				if (!ranges.has(id)) fresh.push(record);
			}
			if (contiguousTop && !inTop.has(id) && top.length < window) {
				inTop.add(id);
				top.push(record);
			}
		});
		if (contiguousTop) {
			if (minId !== undefined) topFloor = Math.min(topFloor ?? minId, minId);
			topNext = offset + Math.max(page.length - 1, 1);
			topEnded = end;
		}
		if (offset === 0 && maxId !== undefined) listTop = maxId;

		if (sorted) {
			if (end && (offset === 0 || minId !== undefined)) ranges.add(0, maxId ?? before ?? ranges.top());
			else if (minId !== undefined && maxId !== undefined) ranges.add(minId, maxId);
		} else {
			// Not in ID order (the list's contract is broken): only the IDs read are handled, and the poll stops here.
			for (const id of valid) ranges.add(id, id);
			break;
		}
		const now = frontier();
		// Connected: nothing can hide between this page and the block of handled IDs at the top of the list
		// (the page overlaps it, or its IDs joined it).
		const joined = sorted && minId !== undefined && now !== undefined && now <= minId;
		const connected = mode === 'window' ? contiguousTop : offset === 0 || joined || (before !== undefined && maxId !== undefined && maxId >= before);
		if (connected && sorted && minId !== undefined && now === minId) frontierAt = { id: minId, offset: offset + ids.lastIndexOf(minId) };
		const pageKey = `${maxId}:${minId}:${page.length}`;
		const repeated = offset !== lastOffset && pageKey === lastKey;
		lastOffset = offset;
		lastKey = pageKey;

		const drained = now === 0;
		const windowDone = top.length >= window || topEnded;
		if (drained && windowDone) break;
		if (mode === 'drain') lastDrainFailed = !connected;
		if (!connected) {
			// Records were deleted above this page while reading: step back until the pages meet again.
			if (mode === 'drain') drainNext = Math.max(0, offset - stepBack);
			else topNext = Math.max(0, offset - stepBack);
			stepBack *= 4;
		} else {
			if (offset > 0) stepBack = 4;
			if (mode === 'drain') {
				if (repeated) drainStuck = true; // the list does not move on with the offset
				drainNext = offset + Math.max(page.length - 1, 1);
				if (anchor && now === anchor.id) {
					// The top block reaches the point where an earlier poll stopped: jump there.
					const newer = [...seen].filter((id) => id > anchor.top).length;
					drainNext = Math.max(drainNext, anchor.offset + newer);
				} else if (minId !== undefined && now !== undefined && now < minId) {
					// Handled IDs go on below this page: at most (minId - now) records lie between, so skip them.
					drainNext = Math.max(drainNext, offset + ids.lastIndexOf(minId) + (minId - now));
				}
			} else if (top.length === topBefore && !end) break; // the list does not move on with the offset
		}
		if (expired() || pages >= MAX_PAGES || ranges.count > MAX_RANGES) break;
		if (!drained && !drainStuck) {
			mode = 'drain';
			offset = drainNext;
		} else if (!windowDone) {
			mode = 'window';
			offset = topNext;
		} else break;
	}

	const now = frontier();
	if (now === undefined || now === 0) delete state.anchor;
	else if (lastDrainFailed && listTop !== undefined) state.anchor = { id: now, offset: drainNext, top: listTop, back: stepBack };
	else if (frontierAt && frontierAt.id === now && listTop !== undefined) state.anchor = { id: now, offset: frontierAt.offset, top: listTop };
	else if (!(anchor && anchor.id === now)) delete state.anchor;
	state.handled = ranges.toJSON();
	fresh.sort((a, b) => (idOf(a) ?? 0) - (idOf(b) ?? 0));
	return { fresh, top, scanned };
}
