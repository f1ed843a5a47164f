import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { asNodeError, errorForItem } from '../../../common';
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
	const failed = await client.request('POST', `/transactions/${encodeURIComponent(id)}/invitationmail`, { itemIndex: i, idempotent: false }).then(
		() => undefined,
		(error: unknown) => error,
	);
	// The published document allows this endpoint only with a user token (security `jwt`), never an API key.
	if (failed instanceof NodeApiError && (failed.httpCode === '401' || failed.httpCode === '403')) {
		throw errorForItem({
			node: this.getNode(),
			error: failed,
			itemIndex: i,
			note: '(vivenu allows Send Invitation Mail only with a user token)',
			extra:
				"vivenu's API reference lists this endpoint for a user's login token (JWT) only, not for an API key, which is all the Vivenu API credential holds. Send the invitation from the vivenu dashboard, or from a tool signed in as a vivenu user.",
		});
	}
	if (failed !== undefined) throw asNodeError({ node: this.getNode(), error: failed, itemIndex: i });
	return { success: true, transactionId: id };
}
