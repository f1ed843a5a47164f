import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../../common';
import { shapeTransaction, transactionWrites } from '../../helpers/output';
import { readBackStatus } from '../../helpers/readBack';
import type { VivenuClient } from '../../transport';
import { includeSecretField, readShape, readTransactionId, transactionIdField } from './fields';

export const CANCELLATION_REASONS = [
	{ name: 'Claim', value: 'CLAIM' },
	{ name: 'Communication Error', value: 'COMMUNICATION_ERROR' },
	{ name: 'None', value: '' },
	{ name: 'Requested by Customer', value: 'REQUESTED_BY_CUSTOMER' },
	{ name: 'Training / Test', value: 'TRAINING/TEST' },
];

const properties: INodeProperties[] = [
	transactionIdField,
	{
		displayName: 'Refund Funds',
		name: 'refundFunds',
		type: 'boolean',
		default: false,
		description: 'Whether to refund the money paid to the original payment method',
	},
	{
		displayName: 'Cancellation Reason',
		name: 'cancellationReason',
		type: 'options',
		options: CANCELLATION_REASONS,
		default: '',
	},
	simplifyProperty,
	{ ...includeSecretField, displayOptions: { show: { simplify: [false] } } },
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['cancel'] } }, properties);

export const writes = transactionWrites;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	const { simplify, includeSecret } = readShape(this, i);
	const body: IDataObject = { refundFunds: this.getNodeParameter('refundFunds', i, false) as boolean };
	const reason = this.getNodeParameter('cancellationReason', i, '') as string;
	if (reason) body.cancellationReason = reason;
	let answer: IDataObject;
	try {
		({ body: answer } = await client.request<IDataObject>('POST', `/transactions/${encodeURIComponent(id)}/cancel`, { body, itemIndex: i, idempotent: false, expect: 'object' }));
	} catch (error) {
		answer = await readBackStatus(client, id, i, error, 'CANCELED');
	}
	return shapeTransaction(answer, simplify, includeSecret);
}
