import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dispatch } from '../../common';
import { createClient } from '../transport';
import * as transaction from './transaction';

export const resources = { transaction: transaction.operations };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await dispatch(this, resources, createClient);
}
