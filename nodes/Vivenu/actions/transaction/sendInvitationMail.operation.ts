import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { transactionWrites } from '../../helpers/output';
import type { VivenuClient } from '../../transport';
import { readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [
	{
		...transactionIdField,
		description: "A transaction reserved by the system. vivenu's API reference lists this endpoint for user tokens only, so an API key may be refused (401).",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['sendInvitationMail'] } }, properties);

export const writes = transactionWrites;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	await client.request('POST', `/transactions/${encodeURIComponent(id)}/invitationmail`, { itemIndex: i, idempotent: false });
	return { success: true, transactionId: id };
}
