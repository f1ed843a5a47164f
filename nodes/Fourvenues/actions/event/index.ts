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
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an event', description: 'Get an event by ID or slug' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many events', description: 'List events by date, organization and location' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
