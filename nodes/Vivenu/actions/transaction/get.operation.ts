import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../../common';
import { shapeTransaction } from '../../helpers/output';
import type { VivenuClient } from '../../transport';
import { includeSecretField, readShape, readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [transactionIdField, simplifyProperty, { ...includeSecretField, displayOptions: { show: { simplify: [false] } } }];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	const { simplify, includeSecret } = readShape(this, i);
	const { body } = await client.request<IDataObject>('GET', `/transactions/${encodeURIComponent(id)}`, { itemIndex: i, idempotent: true, expect: 'object' });
	return shapeTransaction(body, simplify, includeSecret);
}
