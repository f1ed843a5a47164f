import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dispatch } from '../../common';
import { createClient } from '../transport';
import * as event from './event';
import * as registration from './registration';

export const resources = { event: event.operations, registration: registration.operations };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Update Payment Status and Update Status are batch operations: they merge items into bulk requests.
	return await dispatch(this, resources, createClient);
}
