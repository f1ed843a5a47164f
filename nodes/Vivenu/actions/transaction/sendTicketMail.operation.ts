import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkEmail, readItemParameter, simplifyProperty } from '../../../common';
import { shapeTransaction, transactionWrites } from '../../helpers/output';
import type { VivenuClient } from '../../transport';
import { includeSecretField, readShape, readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [
	transactionIdField,
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: "Where to send the tickets. Leave empty to let vivenu use the transaction's own address.",
	},
	simplifyProperty,
	{ ...includeSecretField, displayOptions: { show: { simplify: [false] } } },
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['sendTicketMail'] } }, properties);

export const writes = transactionWrites;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	const { simplify, includeSecret } = readShape(this, i);
	const email = checkEmail({ node: this.getNode(), field: 'Email', itemIndex: i }, readItemParameter(this, 'email', i, ''));
	// The body is required even when empty.
	const body: IDataObject = email ? { email } : {};
	const response = await client.request<IDataObject>('POST', `/transactions/${encodeURIComponent(id)}/ticket-mail`, { body, itemIndex: i, idempotent: false, expect: 'object' });
	return shapeTransaction(response.body, simplify, includeSecret);
}
