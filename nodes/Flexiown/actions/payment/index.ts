import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getStatus from './getStatus.operation';
import * as updateStatus from './updateStatus.operation';

export const operations = { create, getStatus, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a payment request for an order',
				description: 'Request a Flexiown rent-to-own payment for an order and get the URL where the customer applies and pays',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a payment',
				description: 'Get the merchant status of a payment, optionally checking its trust signature',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				action: 'Update the status of a payment to completed or cancelled',
				description: 'Report the outcome of an order back to Flexiown: completed when the order was fulfilled, cancelled to cancel the payment',
			},
		],
		default: 'updateStatus',
	},
	...updateStatus.description,
	...getStatus.description,
	...create.description,
];
