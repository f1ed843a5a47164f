import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withoutSecret } from '../../helpers/output';
import type { VivenuClient } from '../../transport';
import { includeSecretField, readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [transactionIdField, includeSecretField];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['getTickets'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject[]> {
	const id = readTransactionId(this, i);
	const includeSecret = this.getNodeParameter('includeSecret', i, false) as boolean;
	const { body } = await client.request<IDataObject[] | { docs?: IDataObject[] }>('GET', `/transactions/${encodeURIComponent(id)}/tickets`, {
		itemIndex: i,
		idempotent: true,
	});
	// Documented as a bare array; accept a {docs} envelope too in case that changes.
	const tickets = Array.isArray(body) ? body : (body?.docs ?? []);
	return tickets.map((ticket) => withoutSecret(ticket, includeSecret));
}
