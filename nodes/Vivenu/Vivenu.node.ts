import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../common';
import { router } from './actions/router';
import * as transaction from './actions/transaction';
import { searchEvents, searchTransactions } from './methods/listSearch';

export class Vivenu implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vivenu',
		name: 'vivenu',
		icon: { light: 'file:vivenu.svg', dark: 'file:vivenu.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Get vivenu ticket orders (transactions); complete them, cancel and refund them in whole or in part, mark them paid, and email their tickets',
		defaults: { name: 'vivenu' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vivenuApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Transaction', value: 'transaction' }],
				default: 'transaction',
			},
			...transaction.description,
			requestOptionsProperty('adaptive for vivenu, which documents no limit: from 20 per second, growing while answers stay fast', 10, true),
		],
	};

	methods = {
		listSearch: { searchEvents, searchTransactions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
