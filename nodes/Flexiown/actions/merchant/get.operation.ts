import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asRecord } from '../../helpers/output';
import type { FlexiownClient } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['merchant'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: FlexiownClient): Promise<IDataObject> {
	const { body } = await client.request<unknown>('GET', 'merchant', { itemIndex: i, idempotent: true, expect: 'object' });
	return asRecord(body);
}
