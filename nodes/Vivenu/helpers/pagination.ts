import type { IDataObject, INode } from 'n8n-workflow';

import { errorForItem, type SkipTotalOptions } from '../../common';
import type { VivenuClient } from '../transport';

/**
 * How vivenu's `{docs, total}` lists are read: after the first page, the rest in parallel, as many at
 * once as the client's lanes allow (Concurrency, or the adaptive pace's in-flight window) and paced by
 * the request layer; records identified by `_id`; a page that still fails after the retries is named
 * in the error.
 */
export function listPageOptions(node: INode, client: VivenuClient, itemIndex: number): SkipTotalOptions<IDataObject> {
	return {
		concurrency: client.lanes,
		keyOf: (doc) => (typeof doc._id === 'string' ? doc._id : JSON.stringify(doc)),
		failed: (error, page) => errorForItem({ node, error, itemIndex, note: `(reading page ${page.number}: skip=${page.skip}, top=${page.top})` }),
	};
}
