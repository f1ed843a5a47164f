import type { IDataObject, INode } from 'n8n-workflow';

import { errorForItem, type SkipTotalOptions } from '../../common';
import type { VivenuClient } from '../transport';

/**
 * How vivenu's `{docs, total}` lists are read: after the first page, the rest in parallel within the
 * Request Options' concurrency (the request layer paces them), records identified by `_id`, and a page
 * that still fails after the retries named in the error.
 */
export function listPageOptions(node: INode, client: VivenuClient, itemIndex: number): SkipTotalOptions<IDataObject> {
	return {
		concurrency: client.settings.concurrency,
		keyOf: (doc) => (typeof doc._id === 'string' ? doc._id : JSON.stringify(doc)),
		failed: (error, page) => errorForItem({ node, error, itemIndex, note: `(reading page ${page.number}: skip=${page.skip}, top=${page.top})` }),
	};
}
