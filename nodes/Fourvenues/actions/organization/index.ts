import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organization'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many organizations',
				description: 'List the venues (organizations) that have added your channel as a partner',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
