import type { IDataObject } from 'n8n-workflow';

import { outcomeOf } from '../../common';
import type { VivenuClient } from '../transport';

/**
 * Resolves a write whose outcome is unknown (no answer, a gateway's 502/504, an unusable answer) by reading
 * the transaction back: in the status the write leads to, it was carried out, and the transaction is the
 * item's output. Any other status leaves it unknown (a gateway may answer before vivenu finishes), and
 * so does a failing read. Errors with another outcome are thrown unchanged.
 */
export async function readBackStatus(client: VivenuClient, id: string, itemIndex: number, error: unknown, reached: string): Promise<IDataObject> {
	if (outcomeOf(error) !== 'unknown') throw error;
	let transaction: IDataObject;
	try {
		({ body: transaction } = await client.request<IDataObject>('GET', `/transactions/${encodeURIComponent(id)}`, { itemIndex, idempotent: true, expect: 'object' }));
	} catch {
		throw error;
	}
	if (transaction.status === reached) return transaction;
	const e = error as { description?: string | null };
	const seen = typeof transaction.status === 'string' ? transaction.status.slice(0, 40) : 'unknown';
	e.description = `${e.description ? `${e.description}\n` : ''}Read back right after: the transaction's status is ${seen}, not ${reached}; vivenu may still be carrying it out.`;
	throw error;
}
