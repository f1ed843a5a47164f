import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, optionalId, readId, readItemListParameter, readItemParameter, validateId } from '../../common';
import { checkText } from '../../common/base/inputChecks';

export const eventIdField: INodeProperties = {
	displayName: 'Event',
	name: 'eventId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Constant Contact event',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchEvents', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'c5da3665-88f9-4b15-82bc-cd6593c32537',
		},
	],
};

export const trackIdField: INodeProperties = {
	displayName: 'Track',
	name: 'trackId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: "The event track (a short key such as gqz1gb), per item. Leave empty to use the event's default track, looked up once and remembered for 5 minutes.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTracks' },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'gqz1gb',
		},
	],
};

export const SORT_ORDER_OPTIONS = [
	{ name: 'Ascending', value: 'ASC' },
	{ name: 'Descending', value: 'DESC' },
];

export function readEventId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readId(ctx, 'eventId', itemIndex, 'Event');
}

/** The track key, or undefined when left empty (then the event's default track is used). */
export function readTrackId(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	return optionalId(ctx, readItemParameter(ctx, 'trackId', itemIndex, '', { extractValue: true }), 'Track', itemIndex);
}

/** What separates IDs given as one text. */
const SEPARATORS = /[\s,;]+/;
const SEPARATOR = /[\s,;]/;

/**
 * Registration IDs of one item: a single ID, a list separated by commas, semicolons or whitespace,
 * or an array (from an expression). Each is checked; duplicates within the item are dropped.
 */
export function readRegistrationIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const label = 'Registration IDs';
	// All IDs in one field ({{ $json.registration_ids }}) are read from the item too, not copied out of n8n's engine.
	const raw = readItemListParameter(ctx, 'registrationIds', itemIndex, '');
	// The usual case, one ID per item: no list to split, nothing to de-duplicate.
	if (typeof raw === 'string' && raw !== '' && !SEPARATOR.test(raw)) return [validateId(ctx, raw, label, itemIndex)];
	const values: unknown[] = [];
	const collect = (v: unknown) => {
		if (Array.isArray(v)) v.forEach(collect);
		else if (typeof v === 'string') values.push(...v.split(SEPARATORS).filter(Boolean));
		else if (typeof v === 'number') values.push(String(v));
		else if (v !== undefined && v !== null && v !== '') {
			throw inputError({ node: ctx.getNode(), field: label, problem: `expected IDs as text or a list, got ${typeof v}`, itemIndex });
		}
	};
	collect(raw);
	if (values.length === 0) {
		throw inputError({ node: ctx.getNode(), field: label, problem: 'is empty', itemIndex, fix: `Map "${label}" to the column that holds the registration ID(s), e.g. {{ $json.registration_id }}.` });
	}
	const ids = values.map((v) => validateId(ctx, v, label, itemIndex));
	return [...new Set(ids)];
}

/** The filters that are set, as text (an object or list mapped into one is refused, naming the filter and the item). */
export function nonEmpty(ctx: IExecuteFunctions, itemIndex: number, source: IDataObject, keys: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) {
		const value = checkText({ node: ctx.getNode(), field: `Filters → ${key}`, itemIndex }, source[key]);
		if (value !== '') out[key] = value;
	}
	return out;
}
