import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkDate, inputError } from '../../common';

export function organizationLocator(name: string, description: string): INodeProperties {
	return {
		displayName: 'Organization',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. abcdefghi1234567890' },
		],
	};
}

export function eventLocator(name: string, description: string, { bySlug = false, required = false } = {}): INodeProperties {
	return {
		displayName: 'Event',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchEvents', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. abcdefghi1234567890' },
			...(bySlug ? [{ displayName: 'By Slug', name: 'slug', type: 'string' as const, placeholder: 'e.g. friday-night-sessions-2024-09-06' }] : []),
		],
	};
}

export const paymentLocator: INodeProperties = {
	displayName: 'Payment',
	name: 'paymentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The payment to get',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPayments', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. abcdefghi1234567890' },
	],
};

type DateLike = { toISO: () => string | null };
const isDateLike = (value: unknown): value is DateLike =>
	!!value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function';

/**
 * A date filter as the API takes it. `dateOnly` sends YYYY-MM-DD (documented for /events). Otherwise a
 * whole day (YYYY-MM-DD, or midnight without a zone as n8n's date picker gives) is sent as YYYY-MM-DD and
 * anything with a time as an ISO 8601 UTC date-time (the /payments format is UNVERIFIED).
 */
export function dateFilter(ctx: IExecuteFunctions, raw: unknown, label: string, itemIndex: number, dateOnly: boolean): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	// A real calendar date and clock time (2026-02-30 and 25:61 are refused, never rolled over).
	if (!(typeof raw === 'string' && raw.trim() === '')) checkDate({ node: ctx.getNode(), field: label, itemIndex }, raw);
	let text: string;
	if (raw instanceof Date) text = raw.toISOString();
	else if (isDateLike(raw)) text = String(raw.toISO() ?? '');
	else text = String(raw).trim();
	if (!text) return undefined;
	const day = /^(\d{4}-\d{2}-\d{2})(?:T00:00(?::00(?:\.0+)?)?)?$/.exec(text);
	if (day) return day[1];
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) {
		throw inputError({ node: ctx.getNode(), field: label, problem: `"${text.slice(0, 60)}" is not a date`, itemIndex, fix: 'Use a date such as 2026-10-31 or an ISO 8601 date-time.' });
	}
	if (dateOnly) return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : new Date(ms).toISOString().slice(0, 10);
	return new Date(ms).toISOString();
}
