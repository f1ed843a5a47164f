import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limitProperty, readId, returnAllProperty } from '../../../common';
import { simplifyTicket } from '../../helpers/output';
import { readPages } from '../../helpers/pages';
import type { FourvenuesClient } from '../../transport';
import { eventLocator, simplifyField } from '../fields';

const properties: INodeProperties[] = [
	eventLocator('eventId', 'The event whose tickets to list', { required: true }),
	returnAllProperty(undefined),
	limitProperty({ show: {} }),
	simplifyField,
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject[]> {
	const eventId = readId(this, 'eventId', i, 'Event');
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	// GET /tickets?event_id= is the filter used in practice; limit/offset there are UNVERIFIED.
	const tickets = await readPages(client, '/tickets', { event_id: eventId }, { returnAll, limit }, i, { servedInFull: 1 });
	return simplify ? tickets.map(simplifyTicket) : tickets;
}
