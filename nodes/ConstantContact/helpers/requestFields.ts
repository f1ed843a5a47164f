import type { IDataObject } from 'n8n-workflow';

/** What a bulk request carries besides its registration IDs. */
export interface RequestFields {
	eventId: string;
	trackId?: string;
	body: IDataObject;
	qs?: IDataObject;
	chunkSize: number;
}

/** Same keys in the same order, each with the same text, number, boolean or null (then JSON.stringify gives the same text). */
function samePrimitives(a: IDataObject | undefined, b: IDataObject | undefined): boolean {
	if (a === b) return true;
	if (!a || !b) return false;
	const keys = Object.keys(a);
	const other = Object.keys(b);
	if (keys.length !== other.length) return false;
	for (let k = 0; k < keys.length; k++) {
		const value = a[keys[k]];
		if (keys[k] !== other[k] || value !== b[keys[k]] || (typeof value === 'object' && value !== null)) return false;
	}
	return true;
}

/**
 * `JSON.stringify([body, qs ?? {}])` of each item's request fields, for a run of items read in order: an item
 * whose fields equal the previous item's (the usual case: one status for all items) reuses its text instead of
 * serializing again. Two items change a registration the same way exactly when these texts are equal.
 */
export function requestFieldsText(): (fields: Pick<RequestFields, 'body' | 'qs'>) => string {
	let last: { body: IDataObject; qs?: IDataObject; text: string } | undefined;
	return ({ body, qs }) => {
		if (last && samePrimitives(last.body, body) && samePrimitives(last.qs, qs)) return last.text;
		last = { body, qs, text: JSON.stringify([body, qs ?? {}]) };
		return last.text;
	};
}

/**
 * Items with the same key can share requests: same event, track, request fields (`fieldsText`, from
 * requestFieldsText) and size cap. The event ID is checked (no control characters) and JSON escapes its own,
 * so the NUL separators keep different plans apart; the track, which may come from the API, goes last (as JSON).
 */
export function groupKeyOf(plan: RequestFields, fieldsText: string): string {
	return `${plan.eventId}\u0000${plan.chunkSize}\u0000${fieldsText}\u0000${JSON.stringify(plan.trackId ?? null)}`;
}
