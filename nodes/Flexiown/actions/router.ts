import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems, type OutputData } from '../../common';
import { protectError } from '../helpers/errors';
import { createClient, type FlexiownClient } from '../transport';
import * as merchant from './merchant';
import * as payment from './payment';
import * as product from './product';

/** Per-item operations run through the common item loop; batched ones handle all items themselves. */
type Operation =
	| { execute: (this: IExecuteFunctions, i: number, client: FlexiownClient) => Promise<OutputData> }
	| { executeAll: (this: IExecuteFunctions, client: FlexiownClient) => Promise<INodeExecutionData[][]> };

const resources: Record<string, Record<string, Operation>> = {
	payment: payment.operations,
	merchant: merchant.operations,
	product: product.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const client = await createClient(this);
	if ('executeAll' in op) {
		try {
			return await op.executeAll.call(this, client);
		} catch (error) {
			throw protectError(error, client.secrets);
		}
	}
	return await runItems(
		this,
		async (ctx, i) => {
			try {
				return await op.execute.call(ctx, i, client);
			} catch (error) {
				// Keeps literal trust values out of the node snapshot n8n stores with the error.
				throw protectError(error, client.secrets);
			}
		},
		client.settings.concurrency,
	);
}
