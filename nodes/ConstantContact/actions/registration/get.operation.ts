import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readId, simplifyProperty } from '../../../common';
import { simplifyRegistration } from '../../helpers/output';
import { registrationsPath, withTrack, type ConstantContactClient } from '../../transport';
import { eventIdField, readEventId, readTrackId, trackIdField } from '../fields';

const properties: INodeProperties[] = [
	eventIdField,
	trackIdField,
	{
		displayName: 'Registration ID',
		name: 'registrationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '4460bdcd-1a8a-434a-a7bf-c72a500743b2',
		description: 'The registration to fetch, e.g. the registration_id field Get Many outputs',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['registration'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: ConstantContactClient): Promise<IDataObject> {
	const eventId = readEventId(this, i);
	const registrationId = readId(this, 'registrationId', i, 'Registration ID');
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const { body } = await withTrack(client, eventId, readTrackId(this, i), i, async (trackId) =>
		await client.request<IDataObject>('GET', registrationsPath(eventId, trackId, encodeURIComponent(registrationId)), { itemIndex: i, idempotent: true, expect: 'object' }),
	);
	return simplify ? simplifyRegistration(body) : body;
}
