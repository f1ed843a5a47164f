import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError, readItemParameter } from '../../../common';
import { registrationWrites, runBulk, type BulkOperation } from '../../helpers/bulk';
import type { ConstantContactClient } from '../../transport';
import { eventIdField, readEventId, readRegistrationIds, readTrackId, trackIdField } from '../fields';
import { chunkSizeOption, readChunkSize, REGISTRATION_STATUSES, registrationIdsField } from './fields';

const properties: INodeProperties[] = [
	eventIdField,
	trackIdField,
	registrationIdsField,
	{
		displayName: 'Registration Status',
		name: 'registrationStatus',
		type: 'options',
		options: [{ name: 'Canceled', value: 'CANCELED', description: 'Cancel the registrations' }],
		default: 'CANCELED',
		description:
			'The new registration status. Constant Contact documents cancelling; other values of its registration status list can be set with an expression and are not verified.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Increase Count',
				name: 'increaseCount',
				type: 'boolean',
				default: false,
				description: 'Whether to send increase_count=true (passed through to Constant Contact as is)',
			},
			{
				displayName: 'Increase Item Count',
				name: 'increaseItemCount',
				type: 'boolean',
				default: false,
				description: 'Whether to send increase_item_count=true (passed through to Constant Contact as is)',
			},
			chunkSizeOption,
			{
				displayName: 'Return Items to Inventory',
				name: 'returnItemsToInventory',
				type: 'boolean',
				default: true,
				description: "Whether the cancelled tickets go back into the event's inventory (Constant Contact's default)",
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['registration'], operation: ['updateStatus'] } }, properties);

export const bulk: BulkOperation = {
	what: 'registration status',
	pathSuffix: [],
	// Cancelling returns tickets to inventory: not repeated blindly after an unknown outcome.
	idempotent: false,
	readItem(ctx, i, same) {
		const eventId = same('eventId', () => readEventId(ctx, i));
		const trackId = same('trackId', () => readTrackId(ctx, i));
		const ids = readRegistrationIds(ctx, i);
		const status = same('registrationStatus', () => String(readItemParameter(ctx, 'registrationStatus', i, 'CANCELED') ?? '').trim().toUpperCase());
		if (!REGISTRATION_STATUSES.includes(status)) {
			throw inputError({ node: ctx.getNode(), field: 'Registration Status', problem: `"${status}" is not one of ${REGISTRATION_STATUSES.join(', ')}`, itemIndex: i });
		}
		const options = same('options', () => ctx.getNodeParameter('options', i, {}) as IDataObject);
		const qs: IDataObject = {};
		if (options.increaseCount !== undefined) qs.increase_count = Boolean(options.increaseCount);
		if (options.increaseItemCount !== undefined) qs.increase_item_count = Boolean(options.increaseItemCount);
		if (options.returnItemsToInventory !== undefined) qs.return_items_to_inventory = Boolean(options.returnItemsToInventory);
		return {
			eventId,
			trackId,
			ids,
			body: { registration_status: status },
			qs,
			chunkSize: readChunkSize(ctx, i, options),
			echo: { registrationStatus: status },
		};
	},
};

export const writes = registrationWrites;

export async function executeBatch(this: IExecuteFunctions, client: ConstantContactClient): Promise<INodeExecutionData[][]> {
	return await runBulk(this, client, bulk);
}
