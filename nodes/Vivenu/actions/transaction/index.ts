import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as complete from './complete.operation';
import * as createCancellation from './createCancellation.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getCancellationInfo from './getCancellationInfo.operation';
import * as getTickets from './getTickets.operation';
import * as sendInvitationMail from './sendInvitationMail.operation';
import * as sendTicketMail from './sendTicketMail.operation';
import * as updatePaymentStatus from './updatePaymentStatus.operation';

export const operations = {
	cancel,
	complete,
	createCancellation,
	get,
	getAll,
	getCancellationInfo,
	getTickets,
	sendInvitationMail,
	sendTicketMail,
	updatePaymentStatus,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a transaction and optionally refund its payment', description: 'Cancel a whole order (status CANCELED); Refund Funds returns the money to the buyer' },
			{ name: 'Complete', value: 'complete', action: 'Complete a new transaction and send its tickets', description: 'Complete an order in status NEW; vivenu sends the ticket and order emails unless the seller turned them off' },
			{
				name: 'Create Cancellation',
				value: 'createCancellation',
				action: 'Cancel items of a transaction and optionally refund them',
				description: 'Cancel some tickets or products of an order; Refund Funds refunds them to the payment or as a voucher',
			},
			{ name: 'Get', value: 'get', action: 'Get a transaction', description: 'Get one transaction by ID: buyer, items, amounts and payment status' },
			{
				name: 'Get Cancellation Info',
				value: 'getCancellationInfo',
				action: 'Get the cancellable items of a transaction',
				description: 'List the cart item IDs and amounts Create Cancellation can cancel',
			},
			{ name: 'Get Many', value: 'getAll', action: 'Get many transactions', description: 'List transactions, optionally filtered by event, status or date' },
			{ name: 'Get Tickets', value: 'getTickets', action: 'Get the tickets of a transaction', description: 'One output item per ticket' },
			{
				name: 'Send Invitation Mail',
				value: 'sendInvitationMail',
				action: 'Send the reserved invitation mail of a transaction',
				description: 'Email the buyer the invitation for tickets reserved for them',
			},
			{
				name: 'Send Ticket Mail',
				value: 'sendTicketMail',
				action: 'Email the tickets of a transaction',
				description: "Send the tickets again to the buyer's email address",
			},
			{
				name: 'Update Payment Status',
				value: 'updatePaymentStatus',
				action: 'Mark a transaction as paid locally',
				description: 'Set the payment status to LOCAL-RECEIVED: the money was received outside vivenu, e.g. cash at the box office',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...cancel.description,
	...getCancellationInfo.description,
	...createCancellation.description,
	...complete.description,
	...sendTicketMail.description,
	...sendInvitationMail.description,
	...updatePaymentStatus.description,
	...getTickets.description,
];
