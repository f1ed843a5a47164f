import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerError, asNodeError, outcomeOf } from '../../../common';
import { paymentWrites } from '../../helpers/output';
import { fetchPayment, isUnconfirmed } from '../../helpers/payment';
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
	let answer: unknown;
	try {
		({ body: answer } = await client.request<unknown>('DELETE', '/payments/delete', {
			qs: { id },
			body: { id: Number(id) },
			itemIndex: i,
			idempotent: true,
			expect: 'json',
		}));
	} catch (error) {
		if (outcomeOf(error) !== 'unknown') throw asNodeError({ node: this.getNode(), error, itemIndex: i });
		return await readBackDeleted(this, client, id, i, error);
	}
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
	if (isUnconfirmed(answer)) {
		const unconfirmed = answerError({
			node: this.getNode(),
			message: `Restrict Content Pro did not confirm deleting payment ${id}: outcome unknown`,
			body: answer ?? null,
			secrets: client.secrets,
			itemIndex: i,
			description: ['The answer was neither true nor false, and the payment was still there when read back right after. Deleting again is harmless.'],
			outcome: 'unknown',
		});
		return await readBackDeleted(this, client, id, i, unconfirmed);
	}
	return { deleted: true, id };
}

/** A delete whose outcome is unknown is done when the payment is gone on reading back; otherwise the error stands. */
async function readBackDeleted(ctx: IExecuteFunctions, client: RcpClient, id: string, i: number, error: unknown): Promise<IDataObject> {
	try {
		await fetchPayment(ctx, client, id, i);
	} catch (readError) {
		if ((readError as { httpCode?: unknown }).httpCode === '404') return { deleted: true, id };
	}
	throw error;
}
