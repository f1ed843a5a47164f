import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError, readItemParameter } from '../../../common';
import { registrationWrites, runBulk, type BulkOperation } from '../../helpers/bulk';
import type { ConstantContactClient } from '../../transport';
import { eventIdField, readEventId, readRegistrationIds, readTrackId, trackIdField } from '../fields';
import { chunkSizeOption, readChunkSize, registrationIdsField } from './fields';

export const FREE_REGISTRATIONS_NOTE =
	'Constant Contact silently skips free registrations (no payment method): they are reported as updated, but their payment status does not change.';

const properties: INodeProperties[] = [
	eventIdField,
	trackIdField,
	registrationIdsField,
	{
		displayName: 'Payment Status',
		name: 'paymentStatus',
		type: 'string',
		default: 'Paid',
		required: true,
		description:
			'The new payment status. Constant Contact documents only "Paid"; other values (e.g. PENDING) are sent as typed and are not verified.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [chunkSizeOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['registration'], operation: ['updatePaymentStatus'] } }, properties);

export const bulk: BulkOperation = {
	what: 'payment status',
	pathSuffix: ['payment_status'],
	// Setting the same payment status twice is harmless, so a chunk may be re-sent after a 5xx.
	idempotent: true,
	note: FREE_REGISTRATIONS_NOTE,
	readItem(ctx, i, same) {
		const eventId = same('eventId', () => readEventId(ctx, i));
		const trackId = same('trackId', () => readTrackId(ctx, i));
		const ids = readRegistrationIds(ctx, i);
		const paymentStatus = same('paymentStatus', () => String(readItemParameter(ctx, 'paymentStatus', i, 'Paid') ?? '').trim());
		if (!paymentStatus) throw inputError({ node: ctx.getNode(), field: 'Payment Status', problem: 'is empty', itemIndex: i, fix: 'Use "Paid" to mark registrations as paid.' });
		return {
			eventId,
			trackId,
			ids,
			body: { payment_status: paymentStatus },
			chunkSize: same('options', () => readChunkSize(ctx, i)),
			echo: { paymentStatus },
		};
	},
};

/** Batch operation: all input items at once (see helpers/bulk.ts). */
export const writes = registrationWrites;

export async function executeBatch(this: IExecuteFunctions, client: ConstantContactClient): Promise<INodeExecutionData[][]> {
	return await runBulk(this, client, bulk);
}
