import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerError, asNodeError, inputError, withOutcome } from '../../../common';
import { paymentWrites, shapePayment } from '../../helpers/output';
import { fetchPayment, isRefusal, sameValue } from '../../helpers/payment';
import type { RcpClient } from '../../transport';
import {
	levelField,
	paymentFieldOptions,
	paymentIdField,
	readLevel,
	readPaymentFields,
	readPaymentId,
	typedValuesOption,
} from './fields';

const properties: INodeProperties[] = [
	paymentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'Total amount of the payment. 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
			},
			levelField(),
			...paymentFieldOptions(),
			{
				displayName: 'User ID',
				name: 'user_id',
				type: 'string',
				default: '',
				description: 'The WordPress user ID of the member the payment belongs to',
			},
		],
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [typedValuesOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['update'] } }, properties);

export const writes = paymentWrites;

export async function execute(this: IExecuteFunctions, i: number, client: RcpClient): Promise<IDataObject> {
	const id = readPaymentId(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body = readPaymentFields(this, fields, i, 'Update Fields');
	if (fields.level !== undefined) {
		const level = await readLevel(this, client, fields.level as IDataObject | string, i, 'Update Fields → Membership Level');
		if (level) {
			body.subscription = level.subscription;
			if (level.object_id !== undefined && body.object_id === undefined) body.object_id = level.object_id;
		}
	}
	if (!Object.keys(body).length) {
		throw inputError({ node: this.getNode(), field: 'Update Fields', problem: 'no field to change', itemIndex: i, fix: 'Add at least one field under Update Fields.' });
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	// Writing the same values twice is harmless, so this may be retried.
	const { body: answer } = await client.request<unknown>('POST', `/payments/update/${id}`, { body, itemIndex: i, idempotent: true, expect: 'json' });
	let payment: IDataObject;
	try {
		payment = await fetchPayment(this, client, id, i);
	} catch (error) {
		// The update was sent and answered; only reading it back failed. Never reported as "not done".
		throw withOutcome(asNodeError({ node: this.getNode(), error, itemIndex: i }), isRefusal(answer) ? 'unknown' : 'done');
	}
	if (isRefusal(answer)) {
		// RCP core's update() returns false on a database error (and 0 when nothing changed): check what was stored.
		// (A text or HTML page answered with 200, e.g. by a security plugin, is refused by `expect: 'json'`.)
		const differing = Object.keys(body).filter((k) => k in payment && !sameValue(body[k], payment[k]));
		if (differing.length) {
			throw answerError({
				node: this.getNode(),
				message: `Restrict Content Pro did not update payment ${id} (it answered ${JSON.stringify(answer ?? null)})`,
				body: answer ?? null,
				secrets: client.secrets,
				itemIndex: i,
				description: [`Not stored: ${differing.join(', ')}. Check the values and the site's RCP debug log (Restrict → Tools → Debugging).`],
				outcome: 'not-done',
			});
		}
	}
	return shapePayment(payment, { simplify: false, typed: options.typedValues === true });
}
