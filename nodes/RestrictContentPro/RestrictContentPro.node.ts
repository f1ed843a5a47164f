import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../common';
import { router } from './actions/router';
import * as payment from './actions/payment';
import { searchLevels, searchPayments } from './methods/listSearch';

export class RestrictContentPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Restrict Content Pro',
		name: 'restrictContentPro',
		icon: { light: 'file:restrictContentPro.svg', dark: 'file:restrictContentPro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Get, record, update and delete the membership payment records of a WordPress site running Restrict Content Pro (no money is charged or refunded)',
		defaults: { name: 'Restrict Content Pro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'restrictContentProApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Payment', value: 'payment' }],
				default: 'payment',
			},
			...payment.description,
			requestOptionsProperty('adaptive: from 10 per second, growing while the site answers fast; WordPress sets no limit, but shared hosting is often slow', undefined, true),
		],
	};

	methods = {
		listSearch: { searchLevels, searchPayments },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
