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
				action: 'Create a payment',
				description: 'Request a Flexiown payment for an order and get the redirect URL for the customer',
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
				action: 'Update the status of a payment',
				description: 'Report the outcome of an order (completed, cancelled) back to Flexiown',
			},
		],
		default: 'updateStatus',
	},
	...updateStatus.description,
	...getStatus.description,
	...create.description,
];
