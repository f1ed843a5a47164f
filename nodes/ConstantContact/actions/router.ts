import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems, type OutputData } from '../../common';
import { createClient, type ConstantContactClient } from '../transport';
import * as event from './event';
import * as registration from './registration';

/** Runs once per input item (through the common item loop). */
type ItemOperation = { execute: (this: IExecuteFunctions, i: number, client: ConstantContactClient) => Promise<OutputData> };
/** Sees all input items at once, so that it can merge them into bulk requests; builds one outcome per item itself. */
type BatchOperation = { executeBatch: (this: IExecuteFunctions, client: ConstantContactClient) => Promise<INodeExecutionData[][]> };
type Operation = ItemOperation | BatchOperation;

const resources: Record<string, Record<string, Operation>> = {
	event: event.operations,
	registration: registration.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const client = await createClient(this);
	if ('executeBatch' in op) return await op.executeBatch.call(this, client);
	return await runItems(this, async (ctx, i) => await op.execute.call(ctx, i, client), client.settings.concurrency);
}
