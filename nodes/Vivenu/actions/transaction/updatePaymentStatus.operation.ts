import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readItemParameter } from '../../../common';
import { transactionWrites } from '../../helpers/output';
import type { VivenuClient } from '../../transport';
import { readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [
	transactionIdField,
	{
		displayName: 'Payment Status',
		name: 'paymentStatus',
		type: 'options',
		options: [{ name: 'Local Received', value: 'LOCAL-RECEIVED', description: 'Payment was taken outside vivenu (cash, bank transfer)' }],
		default: 'LOCAL-RECEIVED',
		description: 'The only target status vivenu accepts here',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['updatePaymentStatus'] } }, properties);

export const writes = transactionWrites;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	const paymentStatus = readItemParameter(this, 'paymentStatus', i, 'LOCAL-RECEIVED') as string;
	// Setting the same status twice is harmless, so this may be retried.
	await client.request('POST', `/transactions/${encodeURIComponent(id)}/paymentstatus`, { body: { paymentStatus }, itemIndex: i, idempotent: true });
	return { success: true, transactionId: id };
}
