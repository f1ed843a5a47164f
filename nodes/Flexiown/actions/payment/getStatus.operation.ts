import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { signatureMatches } from '../../helpers/trust';
import { asRecord } from '../../helpers/output';
import type { FlexiownClient } from '../../transport';
import {
	merchantOrderIdField,
	paymentIdField,
	readPaymentId,
	readTrust,
	trustSeedField,
	trustValueField,
	trustValueSourceField,
} from './fields';

const whenVerifying = { show: { verifyTrustSignature: [true] } };

const properties: INodeProperties[] = [
	paymentIdField,
	{
		displayName: 'Verify Trust Signature',
		name: 'verifyTrustSignature',
		type: 'boolean',
		default: false,
		description:
			'Whether to check the returned trust_signature against SHA-256(trust value + trust seed) and output trustSignatureMatches',
	},
	{ ...trustSeedField, displayOptions: whenVerifying },
	{ ...trustValueSourceField, displayOptions: whenVerifying },
	{ ...trustValueField, displayOptions: { show: { ...whenVerifying.show, ...trustValueField.displayOptions?.show } } },
	{ ...merchantOrderIdField, displayOptions: { show: { ...whenVerifying.show, ...merchantOrderIdField.displayOptions?.show } } },
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['getStatus'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: FlexiownClient): Promise<IDataObject> {
	const paymentId = readPaymentId(this, i);
	const verify = this.getNodeParameter('verifyTrustSignature', i, false) as boolean;
	const trust = verify ? readTrust(this, i) : undefined;
	const secrets = trust ? [trust.trustSeed, trust.trustValue] : [];
	const { body } = await client.request<unknown>('GET', `status/${paymentId}`, { itemIndex: i, idempotent: true, secrets, expect: 'object' });
	const record = asRecord(body);
	const out: IDataObject = { paymentId, ...record };
	// Status casing differs between endpoints (completed vs Completed): a lowercase copy for comparisons.
	if (typeof record.status === 'string') out.normalizedStatus = record.status.trim().toLowerCase();
	if (trust) {
		out.trustSignatureMatches = signatureMatches(record.trust_signature ?? record.trustSignature, trust.trustValue, trust.trustSeed);
		if (trust.orderId !== undefined) {
			const returned = record.order_id ?? record.orderId;
			out.orderIdMatches = returned !== undefined && returned !== null && String(returned) === trust.orderId;
		}
	}
	return out;
}
