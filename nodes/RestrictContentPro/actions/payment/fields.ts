import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkDate, checkMoney, checkNumericId, errorForItem, inputError, readId, validateId } from '../../../common';
import type { RcpClient } from '../../transport';

export const STATUS_OPTIONS = [
	{ name: 'Abandoned', value: 'abandoned' },
	{ name: 'Complete', value: 'complete' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Refunded', value: 'refunded' },
];

export const paymentIdField: INodeProperties = {
	displayName: 'Payment',
	name: 'paymentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The payment to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPayments', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '123',
			validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A payment ID is a whole number' } }],
		},
	],
};

/** Membership level picker. "From List" and "By ID" give the level ID; "By Name" the name RCP stores on payments. */
export function levelField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Membership Level',
		name: 'level',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The membership level (RCP calls it "subscription") the payment is for',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchLevels', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '2',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A level ID is a whole number' } }],
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'Gold',
			},
		],
		...overrides,
	};
}

export const typedValuesOption: INodeProperties = {
	displayName: 'Output Typed Values',
	name: 'typedValues',
	type: 'boolean',
	default: false,
	description:
		'Whether to output IDs and amounts as numbers and dates as ISO 8601 text (the site\'s local time) instead of the strings WordPress returns',
};

/** Fields every write accepts (seed: optional for Create, all optional for Update). */
export function paymentFieldOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Credits',
			name: 'credits',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			description: 'Amount of credits applied to the payment. 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
		},
		{
			displayName: 'Date',
			name: 'date',
			type: 'dateTime',
			default: '',
			description:
				'When the payment was processed, in the site\'s local time. Sent to RCP as YYYY-MM-DD HH:MM:SS; a time-zone offset in the value is ignored. RCP uses the current time when empty.',
		},
		{
			displayName: 'Discount Amount',
			name: 'discount_amount',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			description: 'Discount applied to the payment. 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
		},
		{ displayName: 'Discount Code', name: 'discount_code', type: 'string', default: '' },
		{
			displayName: 'Fees',
			name: 'fees',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			description: 'Amount of fees applied to the payment. 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
		},
		{
			displayName: 'Gateway',
			name: 'gateway',
			type: 'string',
			default: '',
			placeholder: 'stripe',
			description: 'Slug of the payment gateway, e.g. stripe, paypal, manual',
		},
		{
			displayName: 'Object ID',
			name: 'object_id',
			type: 'string',
			default: '',
			placeholder: '2',
			description: 'ID of the object the payment is for; for a membership level this is the level ID (set automatically from Membership Level picked from the list or by ID)',
		},
		{
			displayName: 'Object Type',
			name: 'object_type',
			type: 'string',
			default: 'subscription',
			description: 'Type of the object Object ID refers to (RCP uses "subscription" for membership levels)',
		},
		{
			displayName: 'Payment Type',
			name: 'payment_type',
			type: 'string',
			default: '',
			placeholder: 'Credit Card',
			description: 'Free-text descriptor, e.g. Credit Card, PayPal, Credit Card One Time',
		},
		{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'complete' },
		{
			displayName: 'Subscription Key',
			name: 'subscription_key',
			type: 'string',
			default: '',
			description: 'Subscription key of the membership the payment belongs to',
		},
		{
			displayName: 'Subtotal',
			name: 'subtotal',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			description: 'Payment subtotal (the base price of the level). 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
		},
		{
			displayName: 'Transaction ID',
			name: 'transaction_id',
			type: 'string',
			default: '',
			description: "The payment processor's transaction ID. RCP refuses a second payment with a transaction ID it already has.",
		},
	];
}

const NUMBER_FIELDS = new Set(['amount', 'subtotal', 'credits', 'fees', 'discount_amount']);
const LABELS: Record<string, string> = {
	amount: 'Amount',
	subtotal: 'Subtotal',
	credits: 'Credits',
	fees: 'Fees',
	discount_amount: 'Discount Amount',
	discount_code: 'Discount Code',
	date: 'Date',
	gateway: 'Gateway',
	object_id: 'Object ID',
	object_type: 'Object Type',
	payment_type: 'Payment Type',
	status: 'Status',
	subscription_key: 'Subscription Key',
	transaction_id: 'Transaction ID',
	user_id: 'User ID',
};

/** A positive whole number given as number or text (IDs arrive as strings from WordPress and from expressions). */
export function readWholeNumber(ctx: IExecuteFunctions, raw: unknown, label: string, i: number): number {
	const empty = raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim());
	if (empty) throw inputError({ node: ctx.getNode(), field: label, problem: 'is empty', itemIndex: i, fix: `Set "${label}" or map it from the input with an expression.` });
	const digits = checkNumericId({ node: ctx.getNode(), field: label, itemIndex: i }, raw);
	// Sent as a JSON number: above 2^53 it would arrive with other digits.
	if (!Number.isSafeInteger(Number(digits))) throw inputError({ node: ctx.getNode(), field: label, problem: `${digits} is too large to be sent exactly`, itemIndex: i });
	return Number(digits);
}

export function readAmount(ctx: IExecuteFunctions, raw: unknown, label: string, i: number): number {
	// Money and credits of a payment: finite, 0 or more (a refund is a status, not a negative amount).
	return checkMoney({ node: ctx.getNode(), field: label, itemIndex: i }, raw);
}

/**
 * A date for RCP: MySQL `YYYY-MM-DD HH:MM:SS`, taken as written (wall-clock time, any offset dropped),
 * because RCP stores the site's local time and the REST API does not say which zone that is.
 */
export function toMysqlDate(ctx: IExecuteFunctions, raw: unknown, label: string, i: number): string {
	// A real calendar date and clock time: 2026-04-31 and 25:61:99 are refused, never stored.
	const { date, time } = checkDate({ node: ctx.getNode(), field: label, itemIndex: i }, raw);
	return `${date} ${time ?? '00:00:00'}`;
}

export function readPaymentId(ctx: IExecuteFunctions, i: number): string {
	const id = readId(ctx, 'paymentId', i, 'Payment');
	return String(readWholeNumber(ctx, id, 'Payment', i));
}

/** GET /levels/{id}, once per level and execution (a failed lookup is tried again by the next item). */
export async function getLevel(ctx: IExecuteFunctions, client: RcpClient, id: string, i: number): Promise<IDataObject> {
	const load = async () => {
		const { body } = await client.request<IDataObject>('GET', `/levels/${id}`, { itemIndex: i, idempotent: true });
		if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.name !== 'string') {
			throw inputError({ node: ctx.getNode(), field: 'Membership Level', problem: `RCP returned no membership level with ID ${id}`, itemIndex: i, fix: 'Pick the level from the list.' });
		}
		return body;
	};
	try {
		return await client.memo(`level:${id}`, load, { forgetFailure: true });
	} catch (error) {
		// The lookup is shared by the items of the execution: the error names this one.
		throw errorForItem({ node: ctx.getNode(), error, itemIndex: i });
	}
}

/**
 * Reads a Membership Level locator's value: by ID / from the list the name is looked up (payments store
 * the level *name* in `subscription` and its ID in `object_id`); by name only the name is sent.
 */
export async function readLevel(
	ctx: IExecuteFunctions,
	client: RcpClient,
	locator: IDataObject | string | undefined,
	i: number,
	label = 'Membership Level',
): Promise<{ subscription: string; object_id?: number } | undefined> {
	const mode = typeof locator === 'object' && locator !== null ? String(locator.mode ?? 'list') : 'name';
	const raw = typeof locator === 'object' && locator !== null ? locator.value : locator;
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!value) return undefined;
	if (mode === 'name') return { subscription: value };
	const id = validateId(ctx, value, label, i);
	const levelId = readWholeNumber(ctx, id, label, i);
	const level = await getLevel(ctx, client, String(levelId), i);
	return { subscription: String(level.name), object_id: levelId };
}

/** Turns the optional-field collection into the request body (validated, RCP's field names and types). */
export function readPaymentFields(ctx: IExecuteFunctions, fields: IDataObject, i: number, prefix: string): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'level') continue;
		const label = `${prefix} → ${LABELS[key] ?? key}`;
		if (NUMBER_FIELDS.has(key)) body[key] = readAmount(ctx, value, label, i);
		else if (key === 'date') {
			if (value === '' || value === null || value === undefined) continue;
			body.date = toMysqlDate(ctx, value, label, i);
		} else if (key === 'object_id' || key === 'user_id') {
			if (value === '' || value === null || value === undefined) continue;
			body[key] = readWholeNumber(ctx, value, label, i);
		} else if (key === 'status') body.status = String(value);
		else body[key] = value === null || value === undefined ? '' : String(value).trim();
	}
	return body;
}
