import type { IDataObject } from 'n8n-workflow';

import { mapSettled, type Concurrency } from '../limits/pool';

export interface PageLimit {
	returnAll: boolean;
	/** Ignored when returnAll. */
	limit: number;
}

function remaining(limit: PageLimit, collected: number): number {
	return limit.returnAll ? Number.POSITIVE_INFINITY : limit.limit - collected;
}

/** One page of a skip + total list: its number (1-based, in list order), offset and size. */
export interface PageRef {
	number: number;
	skip: number;
	top: number;
}

export interface SkipTotalOptions<T> {
	/** Pages in flight at once once the first answer has told the total (1: one after another; an adaptive pace's window). */
	concurrency?: Concurrency;
	/** A record's identity: a record served twice (the list shifted while it was read) is output once. */
	keyOf?: (item: T) => string;
	/** Turns a page's final failure (after the request layer's retries) into the error to throw, e.g. naming the page. */
	failed?: (error: unknown, page: PageRef) => unknown;
}

/**
 * skip + total style (e.g. vivenu `{docs, total}`): asks for the largest page, stops at `total`,
 * a short or empty page, or the user's limit. Reads how many came back instead of trusting the page size,
 * and never the total beyond what pages deliver: at most MAX_PLANNED_PAGES pages are planned from it at once.
 *
 * Once the first page has told the total, the other pages are fetched `concurrency` at a time (the
 * request layer paces them) and output in list order. If the total grows while reading (records
 * added at the front push the tail beyond the old total), the pages past the old end are read too,
 * and `keyOf` drops the records a shift served twice. What cannot be avoided with offsets: a record
 * removed while reading can make another one move across a page boundary unread, as in any
 * one-after-another offset read.
 */
export async function paginateSkipTotal<T = IDataObject>(
	limit: PageLimit,
	maxPageSize: number,
	fetchPage: (skip: number, top: number) => Promise<{ items: T[]; total?: number }>,
	options: SkipTotalOptions<T> = {},
): Promise<T[]> {
	const target = limit.returnAll ? Number.POSITIVE_INFINITY : limit.limit;
	const out: T[] = [];
	const seen = new Set<string>();
	const add = (items: T[]) => {
		for (const item of items) {
			if (out.length >= target) return;
			if (options.keyOf) {
				const key = options.keyOf(item);
				if (seen.has(key)) continue;
				seen.add(key);
			}
			out.push(item);
		}
	};
	let pageNumber = 0;
	const fetchRef = async (page: PageRef) => {
		try {
			return await fetchPage(page.skip, page.top);
		} catch (error) {
			throw options.failed ? options.failed(error, page) : error;
		}
	};
	if (target <= 0) return out;

	const firstTop = Math.min(maxPageSize, target);
	const first = await fetchRef({ number: ++pageNumber, skip: 0, top: firstTop });
	add(first.items);
	let skip = first.items.length;
	let total = claimedTotal(first.total);
	if (first.items.length === 0 || (total === undefined && first.items.length < firstTop)) return out;
	// A first page shorter than asked while more remain: the server caps the page size there.
	const pageSize = total !== undefined && first.items.length < firstTop && skip < total ? first.items.length : maxPageSize;

	while (out.length < target) {
		if (total === undefined) {
			// No total: one page after another until a short one.
			const top = Math.min(pageSize, target - out.length);
			const page = await fetchRef({ number: ++pageNumber, skip, top });
			add(page.items);
			skip += page.items.length;
			if (page.items.length < top) break;
			continue;
		}
		if (skip >= total) break;
		// The total is a claim: pages are planned a few at a time from it, never all at once.
		const end = Math.min(total, skip + (target - out.length), skip + pageSize * MAX_PLANNED_PAGES);
		const pages: PageRef[] = [];
		for (let s = skip; s < end; s += pageSize) {
			pages.push({ number: ++pageNumber, skip: s, top: Number.isFinite(target) ? Math.min(pageSize, end - s) : pageSize });
		}
		// Each page is added as soon as every page before it is in: after the last answer only that page is left.
		const inOrder = inListOrder(pages.length, (page: { items: T[]; total?: number }) => add(page.items));
		const settled = await mapSettled(pages, options.concurrency ?? 1, async (page, k) => inOrder(k, await fetchRef(page)), true);
		let short = false;
		let empty = false;
		let nextTotal = total;
		settled.forEach((result, k) => {
			if ('error' in result) throw result.error;
			if ('skipped' in result) return;
			if (result.value.items.length < pages[k].top) short = true;
			if (result.value.items.length === 0) empty = true;
			const claimed = claimedTotal(result.value.total);
			if (claimed !== undefined) nextTotal = Math.max(nextTotal, claimed);
		});
		skip = end;
		// An empty page ends the list whatever the total says; so does a short one, unless the total grew
		// while reading (records added at the front pushed the tail further: read it).
		if (empty || (short && nextTotal <= total)) break;
		total = nextTotal;
	}
	return out;
}

/**
 * Hands results numbered 0..count-1, arriving in any order, to `use` in number order, each as soon as every
 * one before it has been handed over. Returns the result it is given.
 */
function inListOrder<R>(count: number, use: (result: R) => void): (index: number, result: R) => R {
	const waiting = new Map<number, R>();
	let next = 0;
	return (index, result) => {
		waiting.set(index, result);
		while (next < count && waiting.has(next)) {
			const ready = waiting.get(next) as R;
			waiting.delete(next++);
			use(ready);
		}
		return result;
	};
}

/** Pages planned ahead from a total in one round: a claimed total of 10^15 costs no more than this. */
export const MAX_PLANNED_PAGES = 16;

/** A total as the API claims it, when it is a count at all (a finite whole number ≥ 0). */
function claimedTotal(total: unknown): number | undefined {
	return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}

/**
 * limit/offset (or number/offset) until a short page. `keep` filters what the API cannot filter
 * itself; the limit counts kept items, the offset every item served.
 */
export async function paginateOffset<T = IDataObject>(
	limit: PageLimit,
	maxPageSize: number,
	fetchPage: (offset: number, pageSize: number) => Promise<T[]>,
	keep?: (item: T) => boolean,
): Promise<T[]> {
	const out: T[] = [];
	let offset = 0;
	for (;;) {
		const want = remaining(limit, out.length);
		if (want <= 0) break;
		// Always ask for a full page: some APIs treat the page size as part of the cursor.
		const items = await fetchPage(offset, maxPageSize);
		out.push(...(keep ? items.filter(keep) : items).slice(0, Math.max(0, want)));
		offset += items.length;
		if (items.length < maxPageSize) break;
	}
	return out;
}

/**
 * Cursor style: each page says where the next one is (a string, or e.g. the next query); stops when it
 * does not, or when a cursor comes back that was already followed.
 */
export async function paginateCursor<T = IDataObject, C = string>(
	limit: PageLimit,
	fetchPage: (cursor: C | undefined) => Promise<{ items: T[]; next?: C }>,
): Promise<T[]> {
	const out: T[] = [];
	let cursor: C | undefined;
	const seen = new Set<string>();
	for (;;) {
		const want = remaining(limit, out.length);
		if (want <= 0) break;
		const { items, next } = await fetchPage(cursor);
		out.push(...items.slice(0, Math.max(0, want)));
		if (!next || items.length === 0) break;
		const key = JSON.stringify(next);
		if (seen.has(key)) break;
		seen.add(key);
		cursor = next;
	}
	return out;
}

/** The offset a "From list" search's page token stands for (none: the first page). */
export function offsetOfToken(token: string | undefined): number {
	return Number(token ?? 0) || 0;
}

/** The next page token of an offset-paged "From list" search: while pages come back full and `total`, when sent, is not reached. */
export function nextOffsetToken(offset: number, served: number, pageSize: number, total?: number): string | undefined {
	const next = offset + served;
	return served === pageSize && (total === undefined || next < total) ? String(next) : undefined;
}
