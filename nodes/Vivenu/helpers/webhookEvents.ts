import type { IDataObject } from 'n8n-workflow';

import { deliveryKey } from '../../common/triggers/webhook';

/**
 * What a vivenu delivery is, read from its signed envelope `{id, type, mode, data}`
 * (docs/providers/vivenu.md, "Webhooks").
 */

export function isRecord(value: unknown): value is IDataObject {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number {
	return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/** The record an event is about: the transaction, else the first object of `data` that has an `_id`. */
function subjectOf(data: IDataObject): IDataObject | undefined {
	if (isRecord(data.transaction)) return data.transaction;
	return Object.values(data).find((v): v is IDataObject => isRecord(v) && isScalar(v._id));
}

/**
 * The identity of an event: its type, the record's ID and the record's `updatedAt`. Whether vivenu's
 * retry reuses the envelope `id` is UNVERIFIED, so the envelope `id` is not used. Without an ID and
 * time, the whole signed `data` is the identity (an exact repeat is dropped, any change is new).
 */
export function vivenuEventKey(type: string, data: IDataObject): string {
	const subject = subjectOf(data);
	if (subject && isScalar(subject._id) && isScalar(subject.updatedAt)) return deliveryKey('vivenu', type, subject._id, subject.updatedAt);
	return deliveryKey('vivenu', type, 'content', data);
}

/** vivenu's `secret` tokens (transaction, tickets) grant access to what they belong to: removed at every depth. */
export function withoutSecretTokens<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => withoutSecretTokens(v)) as unknown as T;
	if (!isRecord(value)) return value;
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value)) {
		if (key === 'secret') continue;
		out[key] = withoutSecretTokens(v);
	}
	return out as T;
}
