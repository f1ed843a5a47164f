import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkList, checkMoney, checkText, inputError } from '../../../common';
import { transactionWrites } from '../../helpers/output';
import type { VivenuClient } from '../../transport';
import { readTransactionId, transactionIdField } from './fields';

const properties: INodeProperties[] = [
	transactionIdField,
	{
		displayName: 'Items to Cancel',
		name: 'itemsMode',
		type: 'options',
		options: [
			{ name: 'By Cart Item IDs', value: 'ids', description: 'Cancel whole cart items' },
			{ name: 'With Amounts', value: 'amounts', description: 'Cancel cart items with an amount of money each (UNVERIFIED meaning, see Amount)' },
		],
		default: 'ids',
		description: 'Whole cart items, or cart items with an amount each. Run Get Cancellation Info first to see what can be cancelled.',
	},
	{
		displayName: 'Cart Item IDs',
		name: 'cartItemIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'cartItemId1, cartItemId2',
		description: 'Comma-separated cartItemIds, as listed by Get Cancellation Info, or an array from an expression',
		displayOptions: { show: { itemsMode: ['ids'] } },
	},
	{
		displayName: 'Items',
		name: 'itemAmounts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Item',
		displayOptions: { show: { itemsMode: ['amounts'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Cart Item ID',
						name: '_id',
						type: 'string',
						default: '',
						description: 'A cartItemId listed by Get Cancellation Info',
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, numberPrecision: 2 },
						description:
							"Money to refund for this cart item, in the transaction's currency, at most the item's price (Get Cancellation Info lists it). UNVERIFIED: vivenu's API reference only says amount is a number (default 0); the cancellable items it lists carry a price and no quantity, so it is read as money. Required, 0 or more; at most 1,000,000,000 (this package's own upper bound for an amount, not vivenu's).",
					},
				],
			},
		],
	},
	{
		displayName: 'Refund Funds',
		name: 'refundFunds',
		type: 'boolean',
		default: false,
		description: 'Whether to refund the cancelled items',
	},
	{
		displayName: 'Refund Target',
		name: 'refundTarget',
		type: 'options',
		options: [
			{ name: 'Original Payment Method', value: 'origin' },
			{ name: 'Voucher', value: 'voucher' },
		],
		default: 'origin',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['createCancellation'] } }, properties);

/** An item's amount as given: empty (nothing mapped, an empty expression) is refused naming the row. */
function requiredAmount(node: INode, raw: unknown, k: number, i: number): unknown {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		throw inputError({ node, field: `Items → Item ${k + 1} → Amount`, problem: 'is empty', itemIndex: i, fix: "Enter the amount to refund for this cart item (0 for none), at most the item's price." });
	}
	return raw;
}

function readItems(ctx: IExecuteFunctions, i: number): string[] | IDataObject[] {
	if ((ctx.getNodeParameter('itemsMode', i, 'ids') as string) === 'amounts') {
		const rows = ((ctx.getNodeParameter('itemAmounts', i, {}) as IDataObject).item as IDataObject[] | undefined) ?? [];
		const node = ctx.getNode();
		const items = rows.map((row, k) => ({
			_id: checkText({ node, field: `Items → Item ${k + 1} → Cart Item ID`, itemIndex: i }, row._id),
			// Money (UNVERIFIED, see the field); a missing amount is refused rather than sent as 0.
			amount: checkMoney({ node, field: `Items → Item ${k + 1} → Amount`, itemIndex: i }, requiredAmount(node, row.amount, k, i)),
		}));
		if (!items.length || items.some((it) => !it._id)) {
			throw inputError({ node: ctx.getNode(), field: 'Items', problem: 'every item needs a Cart Item ID', itemIndex: i, fix: 'Get the cartItemIds from Get Cancellation Info.' });
		}
		return items;
	}
	const raw = ctx.getNodeParameter('cartItemIds', i, '') as unknown;
	const ids = checkList({ node: ctx.getNode(), field: 'Cart Item IDs', itemIndex: i }, raw);
	if (!ids.length) {
		throw inputError({ node: ctx.getNode(), field: 'Cart Item IDs', problem: 'is empty', itemIndex: i, fix: 'Get the cartItemIds from Get Cancellation Info.' });
	}
	return ids;
}

export const writes = transactionWrites;

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject> {
	const id = readTransactionId(this, i);
	// vivenu rejects extra properties and requires all three fields.
	const body: IDataObject = {
		items: readItems(this, i),
		refundFunds: this.getNodeParameter('refundFunds', i, false) as boolean,
		refundTarget: this.getNodeParameter('refundTarget', i, 'origin') as string,
	};
	const response = await client.request<IDataObject>('POST', `/transactions/${encodeURIComponent(id)}/cancellations`, {
		body,
		itemIndex: i,
		idempotent: false,
		expect: 'object',
	});
	return response.body;
}
