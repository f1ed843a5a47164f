import type { IDataObject } from 'n8n-workflow';

/** An answer as one output record: an object as it is, anything else under `response`. */
export function asRecord(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return { response: (body as IDataObject[keyof IDataObject]) ?? null };
}
