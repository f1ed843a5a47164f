import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withItem, type PageLimit } from '../../common';

/**
 * number/offset paging with a filter the API cannot apply (here: payment dates). The offset advances by
 * what the API returned, the limit counts only kept items, and a short page ends the list (RCP sends no
 * totals). The plain case uses the common `paginateOffset`.
 */
export async function paginateOffsetFiltered<T>(
	limit: PageLimit,
	pageSize: number,
	fetchPage: (offset: number, pageSize: number) => Promise<T[]>,
	keep: (item: T) => boolean,
): Promise<T[]> {
	const out: T[] = [];
	let offset = 0;
	for (;;) {
		const want = limit.returnAll ? Number.POSITIVE_INFINITY : limit.limit - out.length;
		if (want <= 0) break;
		const items = await fetchPage(offset, pageSize);
		out.push(...items.filter(keep).slice(0, Math.max(0, want)));
		offset += items.length;
		if (items.length < pageSize) break;
	}
	return out;
}

/**
 * The list routes answer a bare JSON array. PHP arrays with gaps arrive as objects keyed "0", "1", …, so
 * those are accepted too; anything else (an HTML page, an error-free `false`) is reported.
 */
export function expectList(node: INode, body: unknown, what: string, itemIndex: number | undefined): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		const values = Object.values(body as IDataObject);
		if (Object.keys(body as IDataObject).every((k) => /^\d+$/.test(k)) && values.every((v) => v && typeof v === 'object')) {
			return values as IDataObject[];
		}
	}
	const shown = typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body ?? null).slice(0, 200);
	throw new NodeApiError(
		node,
		{ message: `not a list of ${what}`, body: shown },
		{
			message: withItem(`Restrict Content Pro answered with something that is not a list of ${what}`, itemIndex),
			description: `Expected a JSON array, got: ${shown}\nCheck the Site URL and URL Style in the credential: a page that is not the WordPress REST API may have answered.`,
			itemIndex,
		},
	);
}
