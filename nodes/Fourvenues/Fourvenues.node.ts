import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../common';
import * as event from './actions/event';
import * as organization from './actions/organization';
import * as payment from './actions/payment';
import { router } from './actions/router';
import * as ticket from './actions/ticket';
import { searchEvents, searchOrganizations, searchPayments } from './methods/listSearch';

export class Fourvenues implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fourvenues',
		name: 'fourvenues',
		icon: { light: 'file:fourvenues.svg', dark: 'file:fourvenues.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read Fourvenues payments, events, tickets and venues through the Channel Manager API (changes nothing)',
		defaults: { name: 'Fourvenues' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fourvenuesApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Event', value: 'event' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'payment',
			},
			...payment.description,
			...event.description,
			...ticket.description,
			...organization.description,
			requestOptionsProperty('adaptive: from 8 per second, under the about 10 per API key Fourvenues reportedly allows, growing while no 429 comes', undefined, true),
		],
	};

	methods = {
		listSearch: { searchEvents, searchOrganizations, searchPayments },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
