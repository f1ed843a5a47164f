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
			{ name: 'Get', value: 'get', action: 'Get an event', description: 'Get one event by ID: name, dates, status and fees' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many events', description: 'List the events of the account' },
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
