import type { IDataObject } from 'n8n-workflow';

import type { PageLimit } from '../../common';
import type { FourvenuesClient } from '../transport';

/**
 * Page size asked for. The API's maximum `limit` is UNVERIFIED (GET /payments documents a default of
 * 50); 100 halves the requests when it is honoured, and a server that caps it lower is detected below.
 * See docs/providers/fourvenues.md.
 */
export const PAGE_SIZE = 100;

/** GET /payments serves its documented default page size (50) in full, so a shorter page is the last one. */
export const PAYMENTS_SERVED_IN_FULL = 50;

export interface ReadPagesOptions {
	/**
	 * A page length the server is known to serve in full. A page shorter than it proves the end of the
	 * list. A page between it and PAGE_SIZE may be one the server capped silently, so reading goes on
	 * until a page is empty. 1 (the default) means nothing is known (pagination UNVERIFIED): the end is
	 * always confirmed by an empty page.
	 */
	servedInFull?: number;
	/** Sees the new records of every page; reading stops once it returns true. */
	enough?: (fresh: IDataObject[]) => boolean;
}

const keyOf = (item: IDataObject): string => (typeof item._id === 'string' ? item._id : JSON.stringify(item));

/**
 * Reads a limit/offset list (Return All or Limit), asking for no more records than still needed and
 * guarding against what the docs leave open: a server that caps `limit` below PAGE_SIZE (short pages
 * that are not the end), one that ignores `offset` (the same records again: dropped, and reading stops)
 * and one that ignores `limit` (everything at once: reading stops).
 */
export async function readPages(
	client: FourvenuesClient,
	path: string,
	qs: IDataObject,
	limit: PageLimit,
	itemIndex: number | undefined,
	options: ReadPagesOptions = {},
): Promise<IDataObject[]> {
	const seen = new Set<string>();
	const collected: IDataObject[] = [];
	const target = limit.returnAll ? Number.POSITIVE_INFINITY : limit.limit;
	let offset = 0;
	while (collected.length < target) {
		const ask = Math.min(PAGE_SIZE, target - collected.length);
		const page = await client.list(path, { ...qs, limit: ask, offset }, itemIndex);
		offset += page.length;
		const fresh = page.filter((item) => {
			const key = keyOf(item);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		collected.push(...fresh);
		const servedInFull = Math.min(Math.max(1, options.servedInFull ?? 1), ask);
		const enough = options.enough ? options.enough(fresh) : false;
		if (enough || page.length === 0 || fresh.length === 0 || page.length > ask || page.length < servedInFull) break;
	}
	// A server that ignores `limit` may have served more than the Limit.
	return collected.slice(0, target);
}
