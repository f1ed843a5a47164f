import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nextOffsetToken, offsetOfToken } from '../../common';
import { expectList } from '../helpers/pagination';
import { createClient } from '../transport';

const PAGE = 100;

/** Membership levels for the "From list" pickers: all levels (inactive ones marked), filtered by name or ID. */
export async function searchLevels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const { body } = await client.request<unknown>('GET', '/levels', { qs: { status: 'all', orderby: 'list_order' }, idempotent: true });
	const levels = expectList({ node: this.getNode(), body, what: 'membership levels', secrets: client.secrets });
	const needle = (filter ?? '').trim().toLowerCase();
	const results = levels
		.filter((l) => !needle || String(l.name ?? '').toLowerCase().includes(needle) || String(l.id) === needle)
		.map((l) => {
			const price = l.price !== undefined && l.price !== '' ? ` · ${String(l.price)}` : '';
			const inactive = l.status && l.status !== 'active' ? ` (${String(l.status)})` : '';
			return { name: `${String(l.name ?? `Level ${String(l.id)}`)}${price}${inactive}`, value: String(l.id) };
		});
	return { results };
}

/** Recent payments for the Payment picker, newest first; the filter matches ID, user ID, level, status or transaction ID. */
export async function searchPayments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const offset = offsetOfToken(paginationToken);
	const qs: IDataObject = { number: PAGE, offset, orderby: 'id', order: 'DESC' };
	const { body } = await client.request<unknown>('GET', '/payments', { qs, idempotent: true });
	const payments = expectList({ node: this.getNode(), body, what: 'payments', secrets: client.secrets });
	const needle = (filter ?? '').trim().toLowerCase();
	const results = payments
		.filter(
			(p) =>
				!needle ||
				[p.id, p.user_id, p.subscription, p.status, p.transaction_id].some((v) => String(v ?? '').toLowerCase().includes(needle)),
		)
		.map((p) => ({
			name: `#${String(p.id)} · ${String(p.subscription ?? '')} · ${String(p.amount ?? '')} · ${String(p.status || 'complete')} · ${String(p.date ?? '')}`,
			value: String(p.id),
		}));
	return { results, paginationToken: nextOffsetToken(offset, payments.length, PAGE) };
}
