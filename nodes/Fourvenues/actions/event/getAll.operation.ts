import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pageLimitProperties, inputError, optionalId, readPageLimit, simplifyProperty } from '../../../common';
import { simplifyEvent } from '../../helpers/output';
import { readPages } from '../../helpers/pagination';
import type { FourvenuesClient } from '../../transport';
import { dateFilter, organizationLocator } from '../fields';

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
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only events starting before this day (sent as YYYY-MM-DD; reportedly exclusive)',
			},
			{
				displayName: 'Location ID',
				name: 'locationId',
				type: 'string',
				default: '',
				description: 'Only events at this location',
			},
			organizationLocator('organization', 'Only events of this organization (venue)'),
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only events starting on or after this day (sent as YYYY-MM-DD)',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['getAll'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject[]> {
	const page = readPageLimit(this, i);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	const start = dateFilter(this, filters.startDate, 'Filters → Start Date', i, true);
	if (start) qs.start_date = start;
	const end = dateFilter(this, filters.endDate, 'Filters → End Date', i, true);
	if (end) qs.end_date = end;
	if (start && end && end <= start) {
		throw inputError({ node: this.getNode(), field: 'Filters → End Date', problem: `must be a later day than the start date (${start})`, itemIndex: i, fix: 'The end date is exclusive: for one day, set the next day as the end date.' });
	}
	const organization = optionalId(this, filters.organization, 'Filters → Organization', i);
	if (organization) qs.organization_id = organization;
	const location = optionalId(this, filters.locationId, 'Filters → Location ID', i);
	if (location) qs.location_id = location;
	// limit/offset on /events are used by independent integrations but UNVERIFIED: the end of the list is confirmed by an empty page.
	const events = await readPages(client, '/events', qs, page, i);
	return simplify ? events.map(simplifyEvent) : events;
}
