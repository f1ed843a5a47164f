import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId, readItemParameter } from '../../../common';

export const transactionIdField: INodeProperties = {
	displayName: 'Transaction',
	name: 'transactionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The transaction to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTransactions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '5f9a1b2c3d4e5f6a7b8c9d0e',
		},
	],
};

export const includeSecretField: INodeProperties = {
	displayName: 'Include Secret Token',
	name: 'includeSecret',
	type: 'boolean',
	default: false,
	description:
		"Whether to keep vivenu's `secret` token in the output. It grants access to the transaction or ticket, so it is removed by default.",
};

export function readTransactionId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readId(ctx, 'transactionId', itemIndex, 'Transaction');
}

export function readShape(ctx: IExecuteFunctions, itemIndex: number): { simplify: boolean; includeSecret: boolean } {
	const simplify = readItemParameter(ctx, 'simplify', itemIndex, false) as boolean;
	const includeSecret = readItemParameter(ctx, 'includeSecret', itemIndex, false) as boolean;
	return { simplify, includeSecret };
}
