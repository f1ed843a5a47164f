import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readId, simplifyProperty } from '../../../common';
import { simplifyPayment, simplifyTicket } from '../../helpers/output';
import { readPages } from '../../helpers/pagination';
import type { FourvenuesClient } from '../../transport';
import { paymentLocator } from '../fields';

const properties: INodeProperties[] = [
	paymentLocator,
	{
		displayName: 'Resolve Tickets',
		name: 'resolveTickets',
		type: 'boolean',
		default: false,
		description:
			'Whether to also fetch the tickets the payment bought (its resource_ids) when its resource type is "ticket". They are added as resolved_tickets; IDs not found are listed in unresolved_ticket_ids.',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, properties);

export const readOnly = true;

/**
 * The Channel Manager API has no GET /tickets/{id}: the tickets of the payment's event are read page by
 * page (GET /tickets?event_id=) until every resource id has been found.
 */
export async function resolveTickets(client: FourvenuesClient, payment: IDataObject, itemIndex: number): Promise<{ found: IDataObject[]; missing: string[] }> {
	const ids = [...new Set((Array.isArray(payment.resource_ids) ? payment.resource_ids : []).map(String))];
	const eventId = typeof payment.event_id === 'string' ? payment.event_id : '';
	if (!ids.length || !eventId) return { found: [], missing: ids };
	const wanted = new Set(ids);
	const byId = new Map<string, IDataObject>();
	await readPages(client, '/tickets', { event_id: eventId }, { returnAll: true, limit: 0 }, itemIndex, {
		enough: (fresh) => {
			for (const ticket of fresh) if (wanted.has(String(ticket._id))) byId.set(String(ticket._id), ticket);
			return byId.size === wanted.size;
		},
	});
	return { found: ids.filter((id) => byId.has(id)).map((id) => byId.get(id) as IDataObject), missing: ids.filter((id) => !byId.has(id)) };
}

export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject> {
	const id = readId(this, 'paymentId', i, 'Payment');
	const resolve = this.getNodeParameter('resolveTickets', i, false) as boolean;
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const payment = await client.one(`/payments/${encodeURIComponent(id)}`, undefined, i);
	const out = simplify ? simplifyPayment(payment) : payment;
	if (resolve && payment.resource_type === 'ticket') {
		const { found, missing } = await resolveTickets(client, payment, i);
		out.resolved_tickets = simplify ? found.map(simplifyTicket) : found;
		out.unresolved_ticket_ids = missing;
	}
	return out;
}
