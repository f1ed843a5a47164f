import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorValue, simplifyProperty, validateId } from '../../../common';
import { simplifyEvent } from '../../helpers/output';
import type { FourvenuesClient } from '../../transport';
import { eventLocator } from '../fields';

const properties: INodeProperties[] = [
	{ ...eventLocator('eventId', 'The event to get, by ID or by its slug', { bySlug: true, required: true }) },
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: FourvenuesClient): Promise<IDataObject> {
	const locator = this.getNodeParameter('eventId', i, {}) as unknown;
	const mode = typeof locator === 'object' && locator !== null ? String((locator as IDataObject).mode ?? 'id') : 'id';
	const value = validateId(this, locatorValue(locator), mode === 'slug' ? 'Event (Slug)' : 'Event', i);
	const path = mode === 'slug' ? `/events/by-slug/${encodeURIComponent(value)}` : `/events/${encodeURIComponent(value)}`;
	const event = await client.one(path, undefined, i);
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	return simplify ? simplifyEvent(event) : event;
}
