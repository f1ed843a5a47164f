import type { IDataObject } from 'n8n-workflow';

export interface PageLimit {
	returnAll: boolean;
	/** Ignored when returnAll. */
	limit: number;
}

function remaining(limit: PageLimit, collected: number): number {
	return limit.returnAll ? Number.POSITIVE_INFINITY : limit.limit - collected;
}

/**
 * skip + total style (e.g. vivenu `{docs, total}`): asks for the largest page, stops at `total`,
 * an empty page, or the user's limit. Reads how many came back instead of trusting the page size.
 */
export async function paginateSkipTotal<T = IDataObject>(
	limit: PageLimit,
	maxPageSize: number,
	fetchPage: (skip: number, top: number) => Promise<{ items: T[]; total?: number }>,
): Promise<T[]> {
	const out: T[] = [];
	let skip = 0;
	for (;;) {
		const want = remaining(limit, out.length);
		if (want <= 0) break;
		const top = Math.min(maxPageSize, want);
		const { items, total } = await fetchPage(skip, top);
		out.push(...items.slice(0, Math.max(0, want)));
		skip += items.length;
		if (items.length === 0 || (total !== undefined && skip >= total)) break;
		if (total === undefined && items.length < top) break;
	}
	return out;
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
