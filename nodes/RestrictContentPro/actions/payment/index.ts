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
			{ name: 'Create', value: 'create', action: 'Create a membership payment record', description: 'Record a payment of a member, e.g. one taken outside the site (no money is charged)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a payment record without refunding it', description: 'Remove a payment record for good; the money is not refunded' },
			{ name: 'Get', value: 'get', action: 'Get a payment', description: 'Get one payment by ID: member, membership level, amount and status' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many payments', description: 'List payments, optionally filtered by member or status' },
			{ name: 'Update', value: 'update', action: 'Update a payment record such as its status or amount', description: 'Change any field of a payment record, e.g. mark it refunded (no money is moved)' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...create.description,
	...update.description,
	...del.description,
];
