import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dispatch } from '../../common';
import { protectError } from '../transport/errors';
import { createClient } from '../transport';
import * as merchant from './merchant';
import * as payment from './payment';
import * as product from './product';

export const resources = {
	payment: payment.operations,
	merchant: merchant.operations,
	product: product.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Keeps literal trust values out of the node snapshot n8n stores with the error.
	return await dispatch(this, resources, createClient, { mapError: protectError });
}
