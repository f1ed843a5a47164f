import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError, readItemParameter } from '../../../common';
import { notConfirmedError } from '../../transport/errors';
import { paymentWrites } from '../../helpers/output';
import type { FlexiownClient } from '../../transport';
import {
	merchantOrderIdField,
	optionString,
	paymentIdField,
	readPaymentId,
	readTrust,
	trustSeedField,
	trustValueField,
	trustValueSourceField,
} from './fields';

const properties: INodeProperties[] = [
	paymentIdField,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Completed', value: 'completed', description: 'The order was delivered: close the payment' },
			{ name: 'Cancelled', value: 'cancelled', description: 'The order will not be fulfilled' },
		],
		default: 'completed',
		description:
			'The new status. Flexiown documents completed and cancelled; to send another value (e.g. processing), set this field to an expression.',
	},
	trustSeedField,
	trustValueSourceField,
	trustValueField,
	merchantOrderIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Alternative Trust Value',
				name: 'altTrustValue',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Sent as alt_Trust_Value. Its meaning is undocumented; leave empty to send "" as the WooCommerce plugin does.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['updateStatus'] } }, properties);

export const writes = paymentWrites;

export async function execute(this: IExecuteFunctions, i: number, client: FlexiownClient): Promise<IDataObject> {
	const paymentId = readPaymentId(this, i);
	const rawStatus = readItemParameter(this, 'status', i, 'completed');
	const status = typeof rawStatus === 'string' ? rawStatus.trim() : rawStatus === null || rawStatus === undefined ? '' : String(rawStatus);
	if (!status) {
		throw inputError({ node: this.getNode(), field: 'Status', problem: 'is empty', itemIndex: i, fix: 'Choose Completed or Cancelled, or make the expression return a status such as "completed".' });
	}
	const trust = readTrust(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const altTrustValue = optionString(options, 'altTrustValue') ?? '';

	// The seed's body shape and field casing. The credential adds `apiKey` in front (see FlexiownApi.authenticate).
	const body: IDataObject = {
		id: paymentId,
		status,
		trust_Seed: trust.trustSeed,
		trust_Value: trust.trustValue,
		alt_Trust_Value: altTrustValue,
	};
	const secrets = [trust.trustSeed, trust.trustValue, altTrustValue];
	// Setting the same status twice is harmless, so the request may be retried.
	const response = await client.request<IDataObject>('POST', `status/${paymentId}`, { body, itemIndex: i, idempotent: true, secrets });
	const answer = response.body;
	if (!answer || typeof answer !== 'object' || answer.success !== true) {
		throw notConfirmedError({ node: this.getNode(), what: 'status update', body: answer, secrets: [...client.secrets, ...secrets], itemIndex: i });
	}
	return { success: true, paymentId, status };
}
