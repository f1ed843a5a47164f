import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chunk, emitOutcomes, errorForItem, mapSettled, operationError, quoteAnswer, type OutputData, type Settled } from '../../../common';
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

interface Pending {
	itemIndex: number;
	product: IDataObject;
}

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

/**
 * Pairs results with the products sent: by SKU when every result names one that was sent (the API's
 * result order is UNVERIFIED), otherwise by position.
 */
function pairResults(batch: Pending[], results: IDataObject[]): IDataObject[] {
	const skus = batch.map((b) => String(b.product.sku).toLowerCase());
	const bySku = results.every((r) => typeof r.sku === 'string' && skus.includes(r.sku.toLowerCase()));
	if (!bySku) return results;
	const pool = [...results];
	return batch.map((b, k) => {
		const at = pool.findIndex((r) => r && String(r.sku).toLowerCase() === skus[k]);
		if (at === -1) return results[k];
		const [found] = pool.splice(at, 1, undefined as unknown as IDataObject);
		return found;
	});
}

/** One error per item of a failed batch, naming that item and the batch it travelled in. */
function batchErrorFor(ctx: IExecuteFunctions, error: unknown, batch: Pending[], itemIndex: number): unknown {
	if (batch.length === 1) return error;
	const note = `(looked up together with items ${batch[0].itemIndex}–${batch[batch.length - 1].itemIndex})`;
	return errorForItem({ node: ctx.getNode(), error, itemIndex, note });
}

/** Looks up all input items, batched into array requests; output item k pairs with input item k. */
export async function executeBatch(this: IExecuteFunctions, client: FlexiownClient): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const outcomes: Array<Settled<OutputData>> = items.map(() => ({ skipped: true }));
	const pending: Pending[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			pending.push({ itemIndex: i, product: readProduct(this, i) });
		} catch (error) {
			outcomes[i] = { error };
			if (!continueOnFail) break;
		}
	}
	// Bad input stops the node before any request unless it continues on fail (emitOutcomes throws it).
	if (!continueOnFail && outcomes.some((o) => 'error' in o)) return emitOutcomes(this, outcomes);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Math.max(1, Math.min(100, Math.floor(Number(options.batchSize ?? 20)) || 20));
	const batches = chunk(pending, batchSize);

	const settled = await mapSettled(
		batches,
		client.settings.concurrency,
		async (batch) => {
			const single = batch.length === 1;
			const { body } = await client.request<unknown>('POST', 'product', {
				body: batch.map((b) => b.product),
				// Item numbers go into errors per item below; a one-item batch keeps the usual [item N].
				itemIndex: single ? batch[0].itemIndex : undefined,
				idempotent: true,
			});
			const results = (Array.isArray(body) ? body : [body]) as IDataObject[];
			if (results.length !== batch.length || results.some((r) => !r || typeof r !== 'object')) {
				throw operationError({
					node: this.getNode(),
					message: `Flexiown answered the product lookup with ${results.length} result(s) for ${batch.length} product(s), so they cannot be matched to the input items`,
					// Masked like every quoted answer: the body may echo the API key.
					description: quoteAnswer(body, client.secrets),
				});
			}
			return pairResults(batch, results);
		},
		!continueOnFail,
	);

	settled.forEach((outcome, b) => {
		const batch = batches[b];
		if ('skipped' in outcome) return;
		batch.forEach((entry, k) => {
			outcomes[entry.itemIndex] =
				'error' in outcome ? { error: batchErrorFor(this, outcome.error, batch, entry.itemIndex) } : { value: { ...outcome.value[k] } };
		});
	});
	return emitOutcomes(this, outcomes);
}
