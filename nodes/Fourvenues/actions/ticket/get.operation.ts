import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readId, simplifyProperty } from '../../../common';
import { simplifyTicket } from '../../helpers/output';
import type { FourvenuesClient } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'QR Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ABCDE12345',
		description: 'The code printed on the ticket (its qr_code). Fourvenues looks tickets up by code, not by ID.',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['get'] } }, properties);

export const readOnly = true;

/** GET /tickets/by-code/{code}: `data` is documented as an array even for one ticket; one output item per ticket. */
export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject[]> {
	const code = readId(this, 'code', i, 'QR Code');
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const tickets = await client.list(`/tickets/by-code/${encodeURIComponent(code)}`, undefined, i);
	return simplify ? tickets.map(simplifyTicket) : tickets;
}
