import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updatePaymentStatus from './updatePaymentStatus.operation';
import * as updateStatus from './updateStatus.operation';

export const operations = { get, getAll, updatePaymentStatus, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['registration'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a registration', description: 'Get one registration of an event by ID: attendee, tickets and payment status' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many registrations', description: 'List the registrations of an event, optionally by payment status' },
			{
				name: 'Update Payment Status',
				value: 'updatePaymentStatus',
				action: 'Mark registrations as paid or update their payment status',
				description: 'Set the payment status of registrations, e.g. Paid for payment at the door or by check; many per request',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				action: 'Cancel registrations without refunding them',
				description: 'Set the registration status to CANCELED; it does not refund the payment; many per request',
			},
		],
		default: 'updatePaymentStatus',
	},
	...updatePaymentStatus.description,
	...get.description,
	...getAll.description,
	...updateStatus.description,
];
