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
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get tickets by QR code', description: 'Get the ticket(s) with a QR code' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many tickets', description: 'List the tickets of an event' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
