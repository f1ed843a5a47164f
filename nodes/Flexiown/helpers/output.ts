import type { IDataObject } from 'n8n-workflow';

import type { Writes } from '../../common';

/** What the payment writes change: the payment, with the merchant's order ID when known (sideEffects.ts). */
export const paymentWrites: Writes = {
	noun: 'payment',
	idOf: (json) => (json.paymentId ? `${String(json.paymentId)}${json.orderId ? ` (order ${String(json.orderId)})` : ''}` : undefined),
};

/** An answer as one output record: an object as it is, anything else under `response`. */
export function asRecord(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return { response: (body as IDataObject[keyof IDataObject]) ?? null };
}
