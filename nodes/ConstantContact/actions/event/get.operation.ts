import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../../common';
import { simplifyEvent } from '../../helpers/output';
import { eventPath, type ConstantContactClient } from '../../transport';
import { eventIdField, readEventId } from '../fields';

const properties: INodeProperties[] = [
	eventIdField,
	{
		displayName: 'Include Settings',
		name: 'includeSettings',
		type: 'boolean',
		default: false,
		description: 'Whether to include the event settings (e.g. whether payments are configured)',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, i: number, client: ConstantContactClient): Promise<IDataObject> {
	const eventId = readEventId(this, i);
	const include = this.getNodeParameter('includeSettings', i, false) as boolean;
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	const { body } = await client.request<IDataObject>('GET', eventPath(eventId), {
		qs: include ? { include: true } : undefined,
		itemIndex: i,
		idempotent: true,
		expect: 'object',
	});
	return simplify ? simplifyEvent(body) : body;
}
