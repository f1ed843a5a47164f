import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerError } from '../../../common';
import { paymentWrites } from '../../helpers/output';
import { fetchPayment } from '../../helpers/payment';
import type { RcpClient } from '../../transport';
import { paymentIdField, readPaymentId } from './fields';

const properties: INodeProperties[] = [paymentIdField];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['delete'] } }, properties);

export const writes = paymentWrites;

export async function execute(this: IExecuteFunctions, i: number, client: RcpClient): Promise<IDataObject> {
	const id = readPaymentId(this, i);
	// RCP core deletes without checking, so an unknown ID would "succeed": look the payment up first.
	await fetchPayment(this, client, id, i);
	// The route is /payments/delete with the ID as a parameter (not /payments/{id}). Which of query string and
	// body the add-on reads is UNVERIFIED, so the ID goes in both. Deleting twice is harmless: retryable.
	const { body: answer } = await client.request<unknown>('DELETE', '/payments/delete', {
		qs: { id },
		body: { id: Number(id) },
		itemIndex: i,
		idempotent: true,
		expect: 'json',
	});
	if (answer === false || answer === 'false') {
		throw answerError({
			node: this.getNode(),
			message: `Restrict Content Pro did not delete payment ${id} (it answered false)`,
			body: answer,
			secrets: client.secrets,
			itemIndex: i,
			outcome: 'not-done',
		});
	}
	return { deleted: true, id };
}
