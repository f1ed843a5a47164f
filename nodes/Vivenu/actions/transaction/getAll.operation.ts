import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkDate, locatorValue, pageLimitProperties, paginateSkipTotal, readPageLimit, simplifyProperty, validateId } from '../../../common';
import { shapeTransaction } from '../../helpers/output';
import { listPageOptions } from '../../helpers/pagination';
import type { VivenuClient } from '../../transport';
import { includeSecretField, readShape } from './fields';

/** The API reference allows `top` up to 1000. */
export const MAX_PAGE_SIZE = 1000;

const STATUS_OPTIONS = ['NEW', 'RESERVED-BY-SYSTEM', 'ABORTED', 'COMPLETE', 'CANCELED'].map((v) => ({ name: v, value: v }));
const PAYMENT_STATUS_OPTIONS = [
	'AWAITING',
	'PENDING',
	'RECEIVED',
	'REFUND',
	'CANCELED',
	'FAILED',
	'DISPUTE',
	'CHARGEBACK',
	'POS-RECEIVED',
	'POS-CANCELED',
	'LOCAL-PENDING',
	'LOCAL-AWAITING',
	'LOCAL-RECEIVED',
	'EXTERNAL',
].map((v) => ({ name: v, value: v }));

const show = { resource: ['transaction'], operation: ['getAll'] };

const properties: INodeProperties[] = [
	...pageLimitProperties,
	{
		displayName: 'Rich Results',
		name: 'rich',
		type: 'boolean',
		default: false,
		description:
			'Whether to use the /transactions/rich endpoint, which embeds more related data (vivenu marks it deprecated; it ignores the ID filter)',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Coupon',
				name: 'coupon',
				type: 'string',
				default: '',
				description: "Only transactions with this coupon code. vivenu's API reference lists the parameter without describing it (UNVERIFIED).",
			},
			{
				displayName: 'Created After',
				name: 'start',
				type: 'dateTime',
				default: '',
				description: "Sent as `start`. vivenu's API reference lists the parameter without describing it; read as the creation time (UNVERIFIED).",
			},
			{
				displayName: 'Created Before',
				name: 'end',
				type: 'dateTime',
				default: '',
				description: "Sent as `end`. vivenu's API reference lists the parameter without describing it; read as the creation time (UNVERIFIED).",
			},
			{ displayName: 'Customer ID', name: 'customer', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Event',
				description: 'Only transactions of these events',
				options: [
					{
						displayName: 'Event',
						name: 'values',
						values: [
							{
								displayName: 'Event',
								name: 'event',
								type: 'resourceLocator',
								default: { mode: 'list', value: '' },
								modes: [
									{
										displayName: 'From List',
										name: 'list',
										type: 'list',
										typeOptions: { searchListMethod: 'searchEvents', searchable: true },
									},
									{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '5f9a1b2c3d4e5f6a7b8c9d0e' },
								],
							},
						],
					},
				],
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: "Only transactions of this buyer's name. vivenu's API reference lists the parameter without describing it (UNVERIFIED).",
			},
			{
				displayName: 'Payment Service Provider',
				name: 'psp',
				type: 'string',
				default: '',
				description: 'Payment service provider reference',
			},
			{ displayName: 'Payment Status', name: 'paymentStatus', type: 'options', options: PAYMENT_STATUS_OPTIONS, default: 'RECEIVED' },
			{
				displayName: 'POS Payment Methods',
				name: 'posPaymentMethods',
				type: 'string',
				default: '',
				description: "Only point-of-sale transactions paid this way (e.g. cash). vivenu's API reference lists the parameter without describing it (UNVERIFIED); not with Rich Results.",
				displayOptions: { show: { '/rich': [false] } },
			},
			{ displayName: 'Seller ID', name: 'seller', type: 'string', default: '', description: 'Only with Rich Results' },
			{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'COMPLETE' },
			{
				displayName: 'Subscription ID',
				name: 'subscriptionId',
				type: 'string',
				default: '',
				description: "Only transactions of this subscription. vivenu's API reference lists the parameter without describing it (UNVERIFIED); not with Rich Results.",
				displayOptions: { show: { '/rich': [false] } },
			},
			{
				displayName: 'Transaction ID',
				name: 'id',
				type: 'string',
				default: '',
				description: "Only the transaction with this ID. vivenu's API reference lists the parameter without describing it (UNVERIFIED); not with Rich Results.",
				displayOptions: { show: { '/rich': [false] } },
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only transactions last updated at or after this time',
			},
			{
				displayName: 'Updated At or Before',
				name: 'updatedAtOrBefore',
				type: 'dateTime',
				default: '',
				description: 'Sent as `updatedAt[$lte]`, an operator the API reference lists (UNVERIFIED)',
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only transactions last updated before this time',
			},
			{
				displayName: 'Updated Strictly After',
				name: 'updatedStrictlyAfter',
				type: 'dateTime',
				default: '',
				description: 'Sent as `updatedAt[$gt]`, an operator the API reference lists (UNVERIFIED)',
			},
		],
	},
	simplifyProperty,
	{ ...includeSecretField, displayOptions: { show: { simplify: [false] } } },
];

export const description = updateDisplayOptions({ show }, properties);

export const readOnly = true;

function toIso(ctx: IExecuteFunctions, value: unknown, field: string, i: number): string {
	// A real calendar date and clock time first (2026-02-30 would roll over to March 2nd).
	checkDate({ node: ctx.getNode(), field, itemIndex: i }, value);
	return new Date(value instanceof Date ? value.getTime() : String(value)).toISOString();
}

/** Builds vivenu's query: `event` is comma-separated, `updatedAt` a deepObject (`updatedAt[$gte]`). */
export function buildQuery(ctx: IExecuteFunctions, i: number, rich: boolean): IDataObject {
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	// id, posPaymentMethods and subscriptionId are parameters of /transactions only (the API reference's /rich has none).
	const keys = ['status', 'paymentStatus', 'psp', 'customer', 'email', 'coupon', 'name', ...(rich ? [] : ['posPaymentMethods', 'subscriptionId'])];
	for (const key of keys) {
		const value = filters[key];
		if (typeof value === 'string' && value.trim()) qs[key] = value.trim();
	}
	if (typeof filters.id === 'string' && filters.id.trim() && !rich) qs.id = validateId(ctx, filters.id.trim(), 'Filters → Transaction ID', i);
	if (filters.start) qs.start = toIso(ctx, filters.start, 'Filters → Created After', i);
	if (filters.end) qs.end = toIso(ctx, filters.end, 'Filters → Created Before', i);
	if (rich && typeof filters.seller === 'string' && filters.seller.trim()) qs.seller = filters.seller.trim();
	const rows = ((filters.events as IDataObject | undefined)?.values as IDataObject[] | undefined) ?? [];
	const eventIds = rows
		.map((row) => locatorValue(row.event))
		.filter((v) => v !== undefined && v !== '')
		.flatMap((v) => String(v).split(','))
		.map((v) => validateId(ctx, v, 'Filters → Events', i));
	if (eventIds.length) qs.event = eventIds.join(',');
	if (filters.updatedAfter) qs['updatedAt[$gte]'] = toIso(ctx, filters.updatedAfter, 'Filters → Updated After', i);
	if (filters.updatedBefore) qs['updatedAt[$lt]'] = toIso(ctx, filters.updatedBefore, 'Filters → Updated Before', i);
	if (filters.updatedStrictlyAfter) qs['updatedAt[$gt]'] = toIso(ctx, filters.updatedStrictlyAfter, 'Filters → Updated Strictly After', i);
	if (filters.updatedAtOrBefore) qs['updatedAt[$lte]'] = toIso(ctx, filters.updatedAtOrBefore, 'Filters → Updated At or Before', i);
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number, client: VivenuClient): Promise<IDataObject[]> {
	const page = readPageLimit(this, i);
	const rich = this.getNodeParameter('rich', i, false) as boolean;
	const { simplify, includeSecret } = readShape(this, i);
	const qs = buildQuery(this, i, rich);
	const path = rich ? '/transactions/rich' : '/transactions';

	// Each page is shaped as it arrives, so a page's raw records are garbage once it is read: at 50,000
	// transactions the raw list and the output never live side by side.
	return await paginateSkipTotal<IDataObject>(page, MAX_PAGE_SIZE, async (skip, top) => {
		const { body } = await client.request<{ docs?: IDataObject[]; total?: number }>('GET', path, {
			qs: { ...qs, top, skip },
			itemIndex: i,
			idempotent: true,
			expect: 'object',
		});
		const items = (body?.docs ?? []).map((doc) => shapeTransaction(doc, simplify, includeSecret));
		return { items, total: typeof body?.total === 'number' ? body.total : undefined };
	}, listPageOptions(this.getNode(), client, i));
}
