import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../../common';
import { shapePayment } from '../../helpers/output';
import { fetchPayment } from '../../helpers/payment';
import type { RcpClient } from '../../transport';
import { paymentIdField, readPaymentId, typedValuesOption } from './fields';

const properties: INodeProperties[] = [
	paymentIdField,
	simplifyProperty,
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [typedValuesOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: RcpClient): Promise<IDataObject> {
	const id = readPaymentId(this, i);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const payment = await fetchPayment(this, client, id, i);
	return shapePayment(payment, { simplify, typed: options.typedValues === true });
}
