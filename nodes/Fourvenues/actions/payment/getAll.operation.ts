import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pageLimitProperties, inputError, optionalId, readPageLimit, simplifyProperty } from '../../../common';
import { simplifyPayment } from '../../helpers/output';
import { PAYMENTS_SERVED_IN_FULL, readPages } from '../../helpers/pagination';
import type { FourvenuesClient } from '../../transport';
import { dateFilter, eventLocator, organizationLocator } from '../fields';

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
				description: 'Only payments dated before this date (Fourvenues reportedly treats the end date as exclusive)',
			},
			eventLocator('event', 'Only payments for this event'),
			organizationLocator('organization', 'Only payments of this organization (venue)'),
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only payments dated on or after this date',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['getAll'] } }, properties);

export const readOnly = true;

export function buildPaymentQuery(ctx: IExecuteFunctions, i: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	const organization = optionalId(ctx, filters.organization, 'Filters → Organization', i);
	if (organization) qs.organization_id = organization;
	const event = optionalId(ctx, filters.event, 'Filters → Event', i);
	if (event) qs.event_id = event;
	const start = dateFilter(ctx, filters.startDate, 'Filters → Start Date', i, false);
	if (start) qs.start_date = start;
	const end = dateFilter(ctx, filters.endDate, 'Filters → End Date', i, false);
	if (end) qs.end_date = end;
	if (start && end && Date.parse(end) <= Date.parse(start)) {
		throw inputError({ node: ctx.getNode(), field: 'Filters → End Date', problem: `must be after the start date (${start})`, itemIndex: i, fix: 'The end date is exclusive: for one day, set the next day as the end date.' });
	}
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject[]> {
	const page = readPageLimit(this, i);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const qs = buildPaymentQuery(this, i);
	const payments = await readPages(client, '/payments', qs, page, i, { servedInFull: PAYMENTS_SERVED_IN_FULL });
	return simplify ? payments.map(simplifyPayment) : payments;
}
