import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { VivenuClient } from '../../transport';
import { readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [transactionIdField];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['getCancellationInfo'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	const { body } = await client.request<IDataObject>('GET', `/transactions/${encodeURIComponent(id)}/cancellations`, { itemIndex: i, idempotent: true, expect: 'object' });
	return { transactionId: id, ...body };
}
