import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nextOffsetToken, offsetOfToken } from '../../common';
import { createClient } from '../transport';

const PAGE = 100;

/**
 * Events for the "From list" pickers. The published document's envelope for GET /events is `{rows,total}`;
 * `{docs,total}` (the transactions' envelope) is accepted too, as which one the live API sends is UNVERIFIED.
 */
export async function searchEvents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const skip = offsetOfToken(paginationToken);
	const qs: IDataObject = { top: PAGE, skip };
	if (filter) qs.name = filter;
	const { body } = await client.request<{ docs?: IDataObject[]; rows?: IDataObject[]; total?: number }>('GET', '/events', { qs, idempotent: true });
	const events = body?.rows ?? body?.docs ?? [];
	const needle = (filter ?? '').toLowerCase();
	const results = events
		.filter((e) => !needle || String(e.name ?? '').toLowerCase().includes(needle) || String(e._id) === filter)
		.map((e) => ({ name: `${String(e.name ?? e._id)}${e.start ? ` (${String(e.start).slice(0, 10)})` : ''}`, value: String(e._id) }));
	return { results, paginationToken: nextOffsetToken(skip, events.length, PAGE, body?.total) };
}

/** Recent transactions for the Transaction picker, newest first; the filter matches name or e-mail. */
export async function searchTransactions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const skip = offsetOfToken(paginationToken);
	const qs: IDataObject = { top: PAGE, skip };
	if (filter) qs[filter.includes('@') ? 'email' : 'name'] = filter;
	const { body } = await client.request<{ docs?: IDataObject[]; total?: number }>('GET', '/transactions', { qs, idempotent: true });
	const docs = body?.docs ?? [];
	const results = docs.map((t) => {
		const who = [t.prename, t.lastname].filter(Boolean).join(' ') || String(t.name ?? t.email ?? '');
		return {
			name: `${who || 'Transaction'} · ${String(t.realPrice ?? '')} ${String(t.currency ?? '')} · ${String(t.status ?? '')}`.trim(),
			value: String(t._id),
		};
	});
	return { results, paginationToken: nextOffsetToken(skip, docs.length, PAGE, body?.total) };
}
