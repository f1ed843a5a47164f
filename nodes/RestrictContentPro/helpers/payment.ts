import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerError } from '../../common';
import type { RcpClient } from '../transport';

/** A payment object as the API returns it (or a wrapped `{payment: {...}}`, accepted defensively). */
function asPayment(body: unknown): IDataObject | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as IDataObject;
	if (b.payment && typeof b.payment === 'object' && !Array.isArray(b.payment)) return b.payment as IDataObject;
	return 'id' in b ? b : undefined;
}

/**
 * GET /payments/{id}. RCP core returns null for an unknown payment; whether the add-on turns that into a 404
 * is UNVERIFIED, so an empty answer is reported as "not found" too.
 */
export async function fetchPayment(ctx: IExecuteFunctions, client: RcpClient, id: string, i: number): Promise<IDataObject> {
	const response = await client.request<unknown>('GET', `/payments/${id}`, { itemIndex: i, idempotent: true });
	const payment = asPayment(response.body);
	if (!payment) {
		throw answerError({
			node: ctx.getNode(),
			message: `Restrict Content Pro has no payment with ID ${id}`,
			body: response.body ?? null,
			secrets: client.secrets,
			itemIndex: i,
			httpCode: '404',
			description: ['The payments route answered something other than a payment. Check the Payment ID.'],
		});
	}
	return payment;
}

/** The new payment's ID from whatever the create route answered: a bare ID, `{id}`, `{payment_id}` or the payment. */
export function createdId(body: unknown): string | undefined {
	if (typeof body === 'number' && Number.isInteger(body) && body > 0) return String(body);
	if (typeof body === 'string' && /^\s*\d+\s*$/.test(body) && Number(body) > 0) return body.trim();
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const b = body as IDataObject;
		for (const key of ['id', 'payment_id']) {
			const v = b[key];
			if ((typeof v === 'number' && v > 0) || (typeof v === 'string' && /^\d+$/.test(v) && Number(v) > 0)) return String(v);
		}
		if (b.payment) return createdId(b.payment);
	}
	return undefined;
}

/** RCP's documented "not done" answer to a write: `false`. */
export function isDocumentedRefusal(body: unknown): boolean {
	return body === false || body === 'false';
}

/** A write answer that says nothing (an empty body or 204, null, 0): not a refusal, so the write may have happened. */
export function isUnconfirmed(body: unknown): boolean {
	return body === null || body === undefined || (typeof body === 'string' && body.trim() === '') || body === 0 || body === '0';
}

/** Whether an update's answer may mean "nothing done": false, null, an empty body (checked by reading back). (0 from an update means "no change".) */
export function isRefusal(body: unknown): boolean {
	return body === false || body === null || body === undefined || body === '' || body === 'false';
}

/** Loose comparison of a value sent with what RCP stored (numbers compare numerically; strings exactly). */
export function sameValue(sent: unknown, stored: unknown): boolean {
	if (typeof sent === 'number') return Number(stored) === sent;
	return String(sent ?? '') === String(stored ?? '');
}
