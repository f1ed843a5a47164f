import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['merchant'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the merchant settings',
				description: 'Get the settings of the merchant the API key belongs to (name, activation and completion periods)',
			},
		],
		default: 'get',
	},
	...get.description,
];
