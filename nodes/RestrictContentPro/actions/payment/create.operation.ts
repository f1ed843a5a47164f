import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError, readItemParameter } from '../../../common';
import { createFailure, duplicateTransactionError, notCreatedError, unconfirmedCreateError } from '../../transport/errors';
import { paymentWrites, shapePayment } from '../../helpers/output';
import { createdId, fetchPayment, isDocumentedRefusal, isUnconfirmed } from '../../helpers/payment';
import type { RcpClient } from '../../transport';
import { levelField, paymentFieldOptions, readAmount, readLevel, readPaymentFields, readWholeNumber, typedValuesOption } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12',
		description: 'The WordPress user ID of the member the payment belongs to',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Total amount of the payment (after fees, credits and discounts). 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
	},
	levelField({ required: true }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: paymentFieldOptions(),
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [typedValuesOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['create'] } }, properties);

export const writes = paymentWrites;

export async function execute(this: IExecuteFunctions, i: number, client: RcpClient): Promise<IDataObject> {
	const node = this.getNode();
	const body: IDataObject = {
		user_id: readWholeNumber(this, readItemParameter(this, 'userId', i, ''), 'User ID', i),
		amount: readAmount(this, readItemParameter(this, 'amount', i, 0), 'Amount', i),
	};
	const level = await readLevel(this, client, this.getNodeParameter('level', i, { mode: 'list', value: '' }) as IDataObject | string, i);
	if (!level) {
		throw inputError({ node, field: 'Membership Level', problem: 'is empty', itemIndex: i, fix: 'Pick the level the payment is for (RCP requires it).' });
	}
	body.subscription = level.subscription;
	if (level.object_id !== undefined) body.object_id = level.object_id;
	Object.assign(body, readPaymentFields(this, this.getNodeParameter('additionalFields', i, {}) as IDataObject, i, 'Additional Fields'));
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const transactionId = typeof body.transaction_id === 'string' ? body.transaction_id : '';

	let answer: unknown;
	try {
		// Not idempotent: a create is only repeated when the server provably did not receive it.
		({ body: answer } = await client.request<unknown>('POST', '/payments/new', { body, itemIndex: i, idempotent: false, expect: 'json' }));
	} catch (error) {
		throw createFailure({ node, error, transactionId, itemIndex: i, secrets: client.secrets });
	}
	if (isDocumentedRefusal(answer)) {
		// RCP core's insert() returns false when the transaction ID is already recorded (or the insert failed).
		throw transactionId
			? duplicateTransactionError({ node, transactionId, body: answer, secrets: client.secrets, itemIndex: i })
			: notCreatedError({ node, body: answer, secrets: client.secrets, itemIndex: i });
	}
	if (isUnconfirmed(answer)) throw unconfirmedCreateError({ node, body: answer, secrets: client.secrets, itemIndex: i, transactionId });
	const id = createdId(answer);
	const typed = options.typedValues === true;
	if (answer && typeof answer === 'object' && !Array.isArray(answer) && 'amount' in (answer as IDataObject)) {
		return shapePayment(answer as IDataObject, { simplify: false, typed });
	}
	if (!id) return shapePayment({ ...body, created: true }, { simplify: false, typed });
	try {
		return shapePayment(await fetchPayment(this, client, id, i), { simplify: false, typed });
	} catch {
		// The payment exists; only reading it back failed (e.g. no view permission). Output what is known.
		return shapePayment({ id, ...body }, { simplify: false, typed });
	}
}
