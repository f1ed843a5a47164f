import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkNumber } from '../../../common';
import { AUTO_MAX_IDS } from '../../helpers/chunkSize';

/** Shown when the option is added: the size the provider notes suggest (the largest chunk is UNVERIFIED). */
const SUGGESTED_CAP = 100;

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
	typeOptions: { minValue: 1, maxValue: AUTO_MAX_IDS },
	default: SUGGESTED_CAP,
	description: `The most registration IDs one request may carry. Not set: automatic, up to ${AUTO_MAX_IDS.toLocaleString('en-US')} per request, halved whenever Constant Contact refuses a request as too large (it documents no maximum). Set it when your account's limit is known.`,
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
	return checkNumber(at, options.chunkSize ?? AUTO_MAX_IDS, { integer: true, min: 1, max: AUTO_MAX_IDS });
}
