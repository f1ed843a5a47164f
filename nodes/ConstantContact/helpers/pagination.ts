import type { IDataObject } from 'n8n-workflow';

import { paginateCursor, type PageLimit } from '../../common';
import type { ConstantContactClient } from '../transport';

export interface CursorPage {
	records?: IDataObject[];
	next_cursor?: string | null;
	_links?: { next?: { href?: string } };
}

/**
 * Query for the next page: `_links.next.href` (relative to https://api.cc.email, or absolute; both
 * accepted) merged over the first query, else the first query plus `next=<next_cursor>`.
 */
export function nextQuery(body: CursorPage | undefined, baseQs: IDataObject): IDataObject | undefined {
	const href = body?._links?.next?.href;
	if (typeof href === 'string' && href.includes('?')) {
		const params = new URLSearchParams(href.slice(href.indexOf('?') + 1));
		if (params.get('next')) {
			const qs: IDataObject = { ...baseQs };
			params.forEach((value, key) => (qs[key] = value));
			return qs;
		}
	}
	const cursor = body?.next_cursor;
	if (typeof cursor === 'string' && cursor) return { ...baseQs, next: cursor };
	return undefined;
}

/**
 * Follows Constant Contact's cursors until there is no next page or the limit is reached, asking
 * for `maxPageSize` records a page (or fewer, when the limit is smaller).
 */
export async function getAllCursor(
	client: ConstantContactClient,
	path: string,
	filterQs: IDataObject,
	limit: PageLimit,
	maxPageSize: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const baseQs: IDataObject = { ...filterQs, limit: limit.returnAll ? maxPageSize : Math.min(limit.limit, maxPageSize) };
	return await paginateCursor<IDataObject, IDataObject>(limit, async (qs = baseQs) => {
		const { body } = await client.request<CursorPage>('GET', path, { qs, itemIndex, idempotent: true, expect: 'object' });
		return { items: Array.isArray(body?.records) ? body.records : [], next: nextQuery(body, baseQs) };
	});
}
