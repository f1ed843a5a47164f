import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nextOffsetToken, offsetOfToken } from '../../common';
import { PAGE_SIZE } from '../helpers/pagination';
import { createClient } from '../transport';

const matches = (needle: string, ...values: unknown[]) => !needle || values.some((v) => String(v ?? '').toLowerCase().includes(needle));

/** Partner venues from GET /auth (`channel.hosts[]`, documented); their `_id` is the organization id. */
export async function searchOrganizations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const data = await client.get<IDataObject>('/auth');
	const channel = (data?.channel ?? {}) as IDataObject;
	const hosts = (Array.isArray(channel.hosts) ? channel.hosts : []) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: hosts
			.filter((h) => matches(needle, h.name, h.slug, h._id))
			.map((h) => ({ name: String(h.name ?? h.slug ?? h._id), value: String(h._id) })),
	};
}

/** Events from GET /events, a page at a time; the filter matches the name, slug or ID. */
export async function searchEvents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const offset = offsetOfToken(paginationToken);
	const events = await client.list('/events', { limit: PAGE_SIZE, offset });
	const needle = (filter ?? '').trim().toLowerCase();
	const results = events
		.filter((e) => matches(needle, e.name, e.slug, e._id))
		.map((e) => ({
			name: `${String(e.name ?? e._id)}${typeof e.start_date === 'string' ? ` (${e.start_date.slice(0, 10)})` : ''}`,
			value: String(e._id),
		}));
	return { results, paginationToken: nextOffsetToken(offset, events.length, PAGE_SIZE) };
}

/** Latest payments from GET /payments; the filter matches the ID, status or metadata values. */
export async function searchPayments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const offset = offsetOfToken(paginationToken);
	const payments = await client.list('/payments', { limit: PAGE_SIZE, offset });
	const needle = (filter ?? '').trim().toLowerCase();
	const results = payments
		.filter((p) => matches(needle, p._id, p.status, ...Object.values((p.metadata ?? {}) as IDataObject)))
		.map((p) => {
			const total = (p.total ?? {}) as IDataObject;
			const when = typeof p.paid_at === 'string' ? p.paid_at.slice(0, 16).replace('T', ' ') : '';
			return {
				name: [`${String(total.amount ?? '')} ${String(p.currency ?? '')}`.trim(), String(p.status ?? ''), when].filter(Boolean).join(' · ') || String(p._id),
				value: String(p._id),
			};
		});
	return { results, paginationToken: nextOffsetToken(offset, payments.length, PAGE_SIZE) };
}
