import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pageLimitProperties, readPageLimit, simplifyProperty } from '../../../common';
import { simplifyRegistrationRecord } from '../../helpers/output';
import { getAllCursor } from '../../helpers/pagination';
import { registrationsPath, withTrack, type ConstantContactClient } from '../../transport';
import { eventIdField, nonEmpty, readEventId, readTrackId, SORT_ORDER_OPTIONS, trackIdField } from '../fields';
import { REGISTRATION_STATUSES } from './fields';

/** Constant Contact documents no page size for registrations (UNVERIFIED); 100 matches /events. */
export const REGISTRATIONS_PAGE_SIZE = 100;

const options = (values: string[]) => values.map((value) => ({ name: value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' '), value }));

const properties: INodeProperties[] = [
	eventIdField,
	trackIdField,
	...pageLimitProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Payment Status',
				name: 'payment_status',
				type: 'options',
				options: options(['PENDING', 'PAID', 'REFUNDED', 'CANCELLED', 'FAILED', 'CHARGED_BACK']),
				default: 'PENDING',
			},
			{
				displayName: 'Registration Status',
				name: 'registration_status',
				type: 'options',
				options: options(REGISTRATION_STATUSES),
				default: 'REGISTERED',
			},
			{
				displayName: 'Search Text',
				name: 'search_text',
				type: 'string',
				default: '',
				description: 'Matches first name, last name or email address',
			},
			{
				displayName: 'Sort By',
				name: 'sort_by',
				type: 'options',
				options: options(['first_name', 'last_name', 'email_address', 'registration_status', 'payment_status', 'tickets', 'total']),
				default: 'last_name',
			},
			{
				displayName: 'Sort Order',
				name: 'sort_order',
				type: 'options',
				options: SORT_ORDER_OPTIONS,
				default: 'ASC',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['registration'], operation: ['getAll'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: ConstantContactClient): Promise<IDataObject[]> {
	const eventId = readEventId(this, i);
	const given = readTrackId(this, i);
	const page = readPageLimit(this, i);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs = nonEmpty(this, i, filters, ['registration_status', 'payment_status', 'search_text', 'sort_by', 'sort_order']);
	const records = await withTrack(client, eventId, given, i, async (trackId) => await getAllCursor(client, registrationsPath(eventId, trackId), qs, page, REGISTRATIONS_PAGE_SIZE, i));
	return records.map((r) => (simplify ? simplifyRegistrationRecord(r) : r));
}
