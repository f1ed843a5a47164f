import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pageLimitProperties, readId, readPageLimit, simplifyProperty } from '../../../common';
import { simplifyTicket } from '../../helpers/output';
import { readPages } from '../../helpers/pagination';
import type { FourvenuesClient } from '../../transport';
import { eventLocator } from '../fields';

const properties: INodeProperties[] = [
	eventLocator('eventId', 'The event whose tickets to list', { required: true }),
	...pageLimitProperties,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getAll'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject[]> {
	const eventId = readId(this, 'eventId', i, 'Event');
	const page = readPageLimit(this, i);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	// GET /tickets?event_id= is the filter used in practice; limit/offset there are UNVERIFIED.
	const tickets = await readPages(client, '/tickets', { event_id: eventId }, page, i);
	return simplify ? tickets.map(simplifyTicket) : tickets;
}
