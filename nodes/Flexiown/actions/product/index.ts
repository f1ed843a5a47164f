import type { INodeProperties } from 'n8n-workflow';

import * as lookUp from './lookUp.operation';

export const operations = { lookUp };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Look Up',
				value: 'lookUp',
				action: 'Look up a product',
				description: 'Check whether Flexiown accepts a product and get its cheapest monthly price',
			},
		],
		default: 'lookUp',
	},
	...lookUp.description,
];
