import type { IDataObject } from 'n8n-workflow';

import { deliveryKey, type DeliveryReading, type SignedDelivery } from '../../common/triggers/webhook';

/**
 * What a Fourvenues delivery `{id, event, payload}` is, from what its signature covers only
 * (docs/providers/fourvenues.md, "Webhooks"). Fourvenues documents the signature as an HMAC of "the
 * event payload (stringified)": whether that is the whole body or only `payload` is UNVERIFIED, so
 * both are accepted, and when only `payload` is signed the body's `id` and `event` are not trusted.
 */

function isRecord(value: unknown): value is IDataObject {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number {
	return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/** The field that names what each known event is about. */
const SUBJECT_FIELD: Record<string, string> = { 'payment.success': 'payment_id', 'ticket.request_refund': 'ticket_id' };

/**
 * The payload's own identity: a payment succeeds once, so `payment.success` is its `payment_id`;
 * otherwise the whole payload (an exact repeat is dropped, any difference is new).
 */
export function payloadKey(event: string, payload: IDataObject): string {
	if (event === 'payment.success' && isScalar(payload.payment_id)) return deliveryKey('fourvenues', event, payload.payment_id);
	return deliveryKey('fourvenues', 'payload', payload);
}

/** The identity of a delivery: the body `id` when the signature covers it (any JSON value), else the payload's. */
export function fourvenuesEventKey(delivery: SignedDelivery, event: string, payload: IDataObject): string {
	const id = delivery.part === 'payload' ? undefined : (delivery.signed as IDataObject).id;
	if (id !== undefined && id !== null && id !== '') return deliveryKey('fourvenues', 'id', id);
	return payloadKey(event, payload);
}

export function readFourvenuesDelivery(delivery: SignedDelivery, wanted: readonly string[]): DeliveryReading {
	if (delivery.part === 'payload') {
		const payload = (delivery.signed as IDataObject).payload;
		const event = isRecord(delivery.body) ? delivery.body.event : undefined;
		if (typeof event !== 'string' || !wanted.includes(event)) return { ignore: `event ${String(event)} not selected` };
		// The event name is not signed here: it must at least fit the signed payload.
		if (!isRecord(payload) || !isScalar(payload[SUBJECT_FIELD[event]])) return { ignore: `payload does not fit event ${event}` };
		return { key: fourvenuesEventKey(delivery, event, payload), item: { event, payload } };
	}
	const body = delivery.signed;
	if (!isRecord(body)) return { ignore: 'not a Fourvenues event object' };
	const event = body.event;
	if (typeof event !== 'string' || !wanted.includes(event)) return { ignore: `event ${String(event)} not selected` };
	if (!isRecord(body.payload)) return { ignore: `event ${event} without a payload` };
	const key = fourvenuesEventKey(delivery, event, body.payload);
	const hasId = body.id !== undefined && body.id !== null && body.id !== '';
	return { key, item: { ...body, ...(hasId ? { deliveryId: body.id } : {}) } };
}
