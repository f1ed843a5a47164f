import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkNumber } from '../../../common';

/** The largest chunk is not documented (UNVERIFIED); 100 IDs per PUT is the suggested size. */
export const DEFAULT_CHUNK_SIZE = 100;
export const MAX_CHUNK_SIZE = 500;

export const registrationIdsField: INodeProperties = {
	displayName: 'Registration IDs',
	name: 'registrationIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: '4460bdcd-1a8a-434a-a7bf-c72a500743b2',
	description:
		'The registration ID(s) of this item, usually mapped from the input with an expression: one ID, several separated by commas, or an array. Items with the same event, track and status are sent together in as few requests as possible.',
};

export const chunkSizeOption: INodeProperties = {
	displayName: 'Registrations per Request',
	name: 'chunkSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CHUNK_SIZE },
	default: DEFAULT_CHUNK_SIZE,
	description: 'How many registration IDs go into one request. Constant Contact documents no maximum; lower it if requests are rejected as too large.',
};

/** Registration statuses Constant Contact lists (filter of Get Many; target of Update Status). */
export const REGISTRATION_STATUSES = ['PENDING', 'REGISTERED', 'CANCELED', 'EXPIRED', 'IN_PROGRESS', 'FAILED'];

/** Options → Registrations per Request; `options` when the caller has read the collection already. */
export function readChunkSize(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject,
): number {
	const at = { node: ctx.getNode(), field: 'Options → Registrations per Request', itemIndex };
	return checkNumber(at, options.chunkSize ?? DEFAULT_CHUNK_SIZE, { integer: true, min: 1, max: MAX_CHUNK_SIZE });
}
