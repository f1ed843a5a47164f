import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pageLimitProperties, readPageLimit, simplifyProperty } from '../../../common';
import { simplifyEvent } from '../../helpers/output';
import { getAllCursor } from '../../helpers/pagination';
import type { ConstantContactClient } from '../../transport';
import { nonEmpty, SORT_ORDER_OPTIONS } from '../fields';

/** GET /events: default and maximum page size. */
export const EVENTS_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	...pageLimitProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search Text',
				name: 'search_text',
				type: 'string',
				default: '',
				description: 'Matches the event name',
			},
			{
				displayName: 'Sort By',
				name: 'sort_by',
				type: 'options',
				options: [
					{ name: 'Created Time', value: 'created_time' },
					{ name: 'End Time', value: 'end_time' },
					{ name: 'Name', value: 'name' },
					{ name: 'Start Time', value: 'start_time' },
					{ name: 'Updated Time', value: 'updated_time' },
				],
				default: 'start_time',
			},
			{
				displayName: 'Sort Order',
				name: 'sort_order',
				type: 'options',
				options: SORT_ORDER_OPTIONS,
				default: 'ASC',
			},
			{
				displayName: 'Status',
				name: 'event_status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Cancelled', value: 'CANCELLED' },
					{ name: 'Complete', value: 'COMPLETE' },
					{ name: 'Deleted', value: 'DELETED' },
					{ name: 'Draft', value: 'DRAFT' },
					{ name: 'Error', value: 'ERROR' },
				],
				default: 'ACTIVE',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['getAll'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: ConstantContactClient): Promise<IDataObject[]> {
	const page = readPageLimit(this, i);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs = nonEmpty(this, i, filters, ['event_status', 'search_text', 'sort_by', 'sort_order']);
	const events = await getAllCursor(client, '/events', qs, page, EVENTS_PAGE_SIZE, i);
	return events.map((e) => (simplify ? simplifyEvent(e) : e));
}
