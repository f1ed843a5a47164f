import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dispatch } from '../../common';
import { createClient } from '../transport';
import * as payment from './payment';

export const resources = { payment: payment.operations };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await dispatch(this, resources, createClient);
}
