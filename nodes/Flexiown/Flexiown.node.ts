import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../common';
import * as merchant from './actions/merchant';
import * as payment from './actions/payment';
import * as product from './actions/product';
import { router } from './actions/router';

export class Flexiown implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flexiown',
		name: 'flexiown',
		icon: { light: 'file:flexiown.svg', dark: 'file:flexiown.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Request Flexiown (Teljoy) rent-to-own payments for orders, check their status and report each order completed or cancelled',
		defaults: { name: 'Flexiown' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexiownApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Merchant', value: 'merchant' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Product', value: 'product' },
				],
				default: 'payment',
			},
			...payment.description,
			...merchant.description,
			...product.description,
			requestOptionsProperty('adaptive for Flexiown, which documents no limit: from 5 per second, growing while answers stay fast', undefined, true),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
