import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../../common';
import { shapeTransaction, transactionWrites } from '../../helpers/output';
import { readBackStatus } from '../../helpers/readBack';
import type { VivenuClient } from '../../transport';
import { includeSecretField, readShape, readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [
	{ ...transactionIdField, description: 'A transaction in status NEW. Completing it sends the ticket and order e-mails unless the seller configured otherwise.' },
	simplifyProperty,
	{ ...includeSecretField, displayOptions: { show: { simplify: [false] } } },
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['complete'] } }, properties);

export const writes = transactionWrites;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	const { simplify, includeSecret } = readShape(this, i);
	// Not idempotent: it sends e-mails and books seats, so an unknown outcome is never repeated.
	let body: IDataObject;
	try {
		({ body } = await client.request<IDataObject>('POST', `/transactions/${encodeURIComponent(id)}/complete`, { itemIndex: i, idempotent: false, expect: 'object' }));
	} catch (error) {
		body = await readBackStatus(client, id, i, error, 'COMPLETE');
	}
	return shapeTransaction(body, simplify, includeSecret);
}
