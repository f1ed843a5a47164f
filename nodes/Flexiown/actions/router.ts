import { operationRouter } from '../../common';
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

// Keeps literal trust values out of the node snapshot n8n stores with the error.
export const router = operationRouter(resources, createClient, { mapError: protectError });
