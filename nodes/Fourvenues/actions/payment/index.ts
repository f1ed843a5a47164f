import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a payment', description: 'Get a payment by ID: status, amount, fees and what it bought' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many payments', description: 'List payments by organization, event and date' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
