import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkNumber, inputError, pageLimitProperties, paginateOffset, readPageLimit, simplifyProperty } from '../../../common';
import { shapePayment } from '../../helpers/output';
import { expectList } from '../../helpers/pagination';
import type { RcpClient } from '../../transport';
import { levelField, readLevel, readWholeNumber, STATUS_OPTIONS, toMysqlDate, typedValuesOption } from './fields';

/** RCP documents no maximum for `number`; core passes it to SQL LIMIT unchanged. 100 is a safe default. */
export const DEFAULT_PAGE_SIZE = 100;

const show = { resource: ['payment'], operation: ['getAll'] };

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
				displayName: 'Date From',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description:
					'Only payments dated at or after this time (site\'s local time, offset ignored). Applied by the node: the payments route has no date filter, so every page is read.',
			},
			{
				displayName: 'Date To',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only payments dated before this time (exclusive; site\'s local time, offset ignored). Applied by the node.',
			},
			levelField({ description: 'Only payments for this membership level (RCP filters by the level name)' }),
			{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'complete' },
			{
				displayName: 'User ID',
				name: 'userId',
				type: 'string',
				default: '',
				placeholder: '12',
				description: 'Only payments of this WordPress user (member account ID)',
			},
		],
	},
	simplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'DESC',
			},
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'options',
				options: [
					{ name: 'Date', value: 'date' },
					{ name: 'ID', value: 'id' },
					{ name: 'Status', value: 'status' },
					{ name: 'Subscription', value: 'subscription' },
					{ name: 'Subscription Key', value: 'subscription_key' },
					{ name: 'User ID', value: 'user_id' },
				],
				default: 'id',
				description: 'Sent as RCP\'s orderby. RCP core is known to fall back to ordering by ID for some values (see the README).',
			},
			typedValuesOption,
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: DEFAULT_PAGE_SIZE,
				description:
					'Payments asked for per request (RCP\'s number). RCP documents no maximum; lower it if the site caps it, since a shorter page is read as the end of the list.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: RcpClient): Promise<IDataObject[]> {
	const page = readPageLimit(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const typed = options.typedValues === true;

	const qs: IDataObject = {};
	if (filters.userId !== undefined && filters.userId !== '') qs.user_id = readWholeNumber(this, filters.userId, 'Filters → User ID', i);
	if (filters.level !== undefined) {
		const level = await readLevel(this, client, filters.level as IDataObject | string, i, 'Filters → Membership Level');
		if (level) qs.subscription = level.subscription;
	}
	if (typeof filters.status === 'string' && filters.status) qs.status = filters.status;
	if (typeof options.orderBy === 'string' && options.orderBy) qs.orderby = options.orderBy;
	if (typeof options.order === 'string' && options.order) qs.order = options.order;

	const from = filters.dateFrom ? toMysqlDate(this, filters.dateFrom, 'Filters → Date From', i) : undefined;
	const to = filters.dateTo ? toMysqlDate(this, filters.dateTo, 'Filters → Date To', i) : undefined;
	if (from && to && from >= to) {
		throw inputError({ node: this.getNode(), field: 'Filters → Date To', problem: `must be after Date From (${from})`, itemIndex: i });
	}
	const pageSize = checkNumber({ node: this.getNode(), field: 'Options → Page Size', itemIndex: i }, options.pageSize ?? DEFAULT_PAGE_SIZE, { integer: true, min: 1, max: 1000 });

	const fetchPage = async (offset: number, number: number) => {
		const { body } = await client.request<unknown>('GET', '/payments', { qs: { ...qs, number, offset }, itemIndex: i, idempotent: true });
		return expectList({ node: this.getNode(), body, what: 'payments', secrets: client.secrets, itemIndex: i });
	};
	// RCP cannot filter by date: the dates are applied to what it serves.
	const inDates = (p: IDataObject) => {
		const date = String(p.date ?? '');
		return (!from || date >= from) && (!to || date < to);
	};
	const payments = await paginateOffset(page, pageSize, fetchPage, from || to ? inDates : undefined);
	return payments.map((p) => shapePayment(p, { simplify, typed }));
}
