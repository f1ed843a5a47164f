import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems, type OutputData } from '../../common';
import { createClient, type FourvenuesClient } from '../transport';
import * as event from './event';
import * as organization from './organization';
import * as payment from './payment';
import * as ticket from './ticket';

type Operation = { execute: (this: IExecuteFunctions, i: number, client: FourvenuesClient) => Promise<OutputData> };

const resources: Record<string, Record<string, Operation>> = {
	event: event.operations,
	organization: organization.operations,
	payment: payment.operations,
	ticket: ticket.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const client = await createClient(this);
	return await runItems(this, async (ctx, i) => await op.execute.call(ctx, i, client), client.settings.concurrency);
}
