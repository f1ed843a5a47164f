import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkNumber, errorForItem, operationError, quoteAnswer, runBatch, type BatchSpec } from '../../../common';
import { productCoreFields, productExtraFields, productFromFields } from '../../helpers/products';
import type { FlexiownClient } from '../../transport';

const properties: INodeProperties[] = [
	...productCoreFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: productExtraFields,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 20,
				description:
					'How many input items are looked up in one request (the endpoint accepts an array of products). A failed request fails every item in its batch.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['product'], operation: ['lookUp'] } }, properties);

function readProduct(ctx: IExecuteFunctions, i: number): IDataObject {
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const values: IDataObject = {
		name: ctx.getNodeParameter('name', i, ''),
		sku: ctx.getNodeParameter('sku', i, ''),
		quantity: ctx.getNodeParameter('quantity', i, 1),
		price: ctx.getNodeParameter('price', i, 0),
		...extra,
	};
	return productFromFields(ctx.getNode(), values, i, 'Product');
}

function readBatchSize(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return checkNumber({ node: ctx.getNode(), field: 'Options → Batch Size', itemIndex: 0 }, options.batchSize ?? 20, { integer: true, min: 1, max: 100 });
}

/**
 * Pairs results with the products sent: by SKU when every result names one that was sent (the API's
 * result order is UNVERIFIED, see docs/providers/flexiown.md), otherwise by position.
 */
function pairResults(products: IDataObject[], results: IDataObject[]): IDataObject[] {
	const skus = products.map((p) => String(p.sku).toLowerCase());
	const bySku = results.every((r) => typeof r.sku === 'string' && skus.includes(r.sku.toLowerCase()));
	if (!bySku) return results;
	const pool = [...results];
	return products.map((_, k) => {
		const at = pool.findIndex((r) => r && String(r.sku).toLowerCase() === skus[k]);
		if (at === -1) return results[k];
		const [found] = pool.splice(at, 1, undefined as unknown as IDataObject);
		return found;
	});
}

/** Looks up all input items, batched into array requests (see common/batchRunner.ts); output item k pairs with input item k. */
export async function executeBatch(this: IExecuteFunctions, client: FlexiownClient): Promise<INodeExecutionData[][]> {
	let batchSize: number | undefined;
	const spec: BatchSpec<{ itemIndex: number; product: IDataObject }, { itemIndex: number; product: IDataObject }, IDataObject> = {
		read: (i) => ({ itemIndex: i, product: readProduct(this, i) }),
		groupKey: () => 'all',
		units: (plan) => [plan],
		unitKey: (unit) => String(unit.itemIndex),
		// Read once, after every item (as before any request).
		chunkSize: () => (batchSize ??= readBatchSize(this)),
		send: async ({ units }) => {
			const single = units.length === 1;
			const { body } = await client.request<unknown>('POST', 'product', {
				body: units.map((u) => u.product),
				// Item numbers go into errors per item below; a one-item batch keeps the usual [item N].
				itemIndex: single ? units[0].itemIndex : undefined,
				idempotent: true,
			});
			const results = (Array.isArray(body) ? body : [body]) as IDataObject[];
			if (results.length !== units.length || results.some((r) => !r || typeof r !== 'object')) {
				throw operationError({
					node: this.getNode(),
					message: `Flexiown answered the product lookup with ${results.length} result(s) for ${units.length} product(s), so they cannot be matched to the input items`,
					// Masked like every quoted answer: the body may echo the API key.
					description: quoteAnswer(body, client.secrets),
				});
			}
			return pairResults(
				units.map((u) => u.product),
				results,
			);
		},
		outcome: ({ itemIndex }, [{ result, chunk }]) => {
			if (!('error' in result)) return 'value' in result ? { value: { ...result.value } } : result;
			const batch = chunk?.itemIndexes ?? [itemIndex];
			if (batch.length === 1) return result;
			// One error per item of a failed batch, naming that item and the batch it travelled in.
			const note = `(looked up together with items ${batch[0]}–${batch[batch.length - 1]})`;
			return { error: errorForItem({ node: this.getNode(), error: result.error, itemIndex, note }) };
		},
	};
	return await runBatch(this, client.lanes, spec);
}
