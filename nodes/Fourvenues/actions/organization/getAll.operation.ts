import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pageLimitProperties, readPageLimit } from '../../../common';
import type { FourvenuesClient } from '../../transport';

const properties: INodeProperties[] = pageLimitProperties;

export const description = updateDisplayOptions({ show: { resource: ['organization'], operation: ['getAll'] } }, properties);

export const readOnly = true;

/**
 * GET /organizations: the partner venues (hosts) the key's channel may see. Its fields and whether it
 * pages are UNVERIFIED; the list is one venue per partnership, so it is read in one request.
 */
export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject[]> {
	const page = readPageLimit(this, i);
	const organizations = await client.list('/organizations', undefined, i);
	return page.returnAll ? organizations : organizations.slice(0, page.limit);
}
