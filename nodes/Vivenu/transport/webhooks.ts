import type { IDataObject, INode } from 'n8n-workflow';

import { answerError } from '../../common/base/errors';
import { paginateSkipTotal } from '../../common/http/pagination';
import type { VivenuClient } from './index';

/**
 * vivenu's webhook registrations: list and create are plural (`/webhooks`), update and delete singular
 * (`/webhook/{id}`). `events` is an object keyed by type, and the caller chooses the `hmacKey`.
 * See docs/providers/vivenu.md, "Webhooks".
 */
export interface VivenuWebhook extends IDataObject {
	_id: string;
	name?: string;
	url?: string;
	enabled?: boolean;
	events?: Record<string, boolean>;
	hmacKey?: string | null;
}

export interface WebhookRegistration {
	name: string;
	url: string;
	enabled: boolean;
	events: Record<string, boolean>;
	hmacKey: string;
}

/**
 * Every registration of the account. An answer that is not the `{docs}` list (cut off, a proxy's page)
 * fails instead of reading as "none", which would register this URL a second time. The answer holds
 * other integrations' `hmacKey`s: errors mask such fields (common/base/redact.ts).
 */
export async function listWebhooks(client: VivenuClient, node: INode): Promise<VivenuWebhook[]> {
	return await paginateSkipTotal<VivenuWebhook>({ returnAll: true, limit: 0 }, 1000, async (skip, top) => {
		const { body } = await client.request<{ docs?: VivenuWebhook[]; total?: number }>('GET', '/webhooks', {
			qs: { top, skip },
			idempotent: true,
			expect: 'object',
		});
		if (!Array.isArray(body.docs)) {
			throw answerError({ node, message: 'vivenu answered the list of webhooks without a "docs" list', body, secrets: client.secrets });
		}
		return { items: body.docs, total: body.total };
	});
}

export async function createWebhook(client: VivenuClient, registration: WebhookRegistration): Promise<VivenuWebhook> {
	const { body } = await client.request<VivenuWebhook>('POST', '/webhooks', {
		body: { ...registration },
		idempotent: false,
		secrets: [registration.hmacKey],
	});
	return body;
}

export async function updateWebhook(client: VivenuClient, id: string, registration: WebhookRegistration): Promise<VivenuWebhook> {
	const { body } = await client.request<VivenuWebhook>('PUT', `/webhook/${encodeURIComponent(id)}`, {
		body: { ...registration },
		idempotent: true,
		secrets: [registration.hmacKey],
	});
	return body;
}

export async function deleteWebhook(client: VivenuClient, id: string): Promise<void> {
	await client.request('DELETE', `/webhook/${encodeURIComponent(id)}`, { idempotent: true });
}

/** The event types a registration is subscribed to (those set to true), sorted. */
export function subscribedEvents(events: unknown): string[] {
	if (!events || typeof events !== 'object') return [];
	return Object.entries(events as Record<string, unknown>)
		.filter(([, on]) => on === true)
		.map(([type]) => type)
		.sort();
}
