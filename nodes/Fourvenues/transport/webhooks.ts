import type { IDataObject } from 'n8n-workflow';

import type { FourvenuesClient } from './index';

/**
 * Fourvenues webhook endpoints (docs/providers/fourvenues.md, "Webhooks"): `POST /webhooks/endpoints
 * {name, url}` answers the `sign_secret` once; the list shows `{_id, name, url}` only; DELETE is UNVERIFIED.
 * Every endpoint receives every event type.
 */
export interface WebhookEndpoint extends IDataObject {
	_id: string;
	name?: string;
	url?: string;
	sign_secret?: string;
}

export async function listEndpoints(client: FourvenuesClient): Promise<WebhookEndpoint[]> {
	return (await client.list('/webhooks/endpoints')) as WebhookEndpoint[];
}

export async function createEndpoint(client: FourvenuesClient, name: string, url: string): Promise<WebhookEndpoint> {
	const { body } = await client.request<{ data?: WebhookEndpoint; success?: boolean }>('POST', '/webhooks/endpoints', {
		body: { name, url },
		idempotent: false,
	});
	return (body?.data ?? {}) as WebhookEndpoint;
}

export async function deleteEndpoint(client: FourvenuesClient, id: string): Promise<void> {
	await client.request('DELETE', `/webhooks/endpoints/${encodeURIComponent(id)}`, { idempotent: true });
}
