import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = {
	create,
	delete: del,
	get,
	getAll,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a payment', description: 'Record a payment, e.g. one taken outside the site' },
			{ name: 'Delete', value: 'delete', action: 'Delete a payment', description: 'Remove a payment record for good (it is not refunded)' },
			{ name: 'Get', value: 'get', action: 'Get a payment', description: 'Get one payment by ID: member, membership level, amount and status' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many payments', description: 'List payments, optionally filtered by member or status' },
			{ name: 'Update', value: 'update', action: 'Update a payment', description: 'Change any field, e.g. the status' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...create.description,
	...update.description,
	...del.description,
];
