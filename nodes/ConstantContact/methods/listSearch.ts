import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { eventStartOf, eventStatusOf } from '../helpers/output';
import { nextQuery, type CursorPage } from '../helpers/pagination';
import { createClient, eventPath } from '../transport';

const PAGE = 100;

/** Events for the "From list" picker (GET /events, cursor paging like Get Many, search on the name). */
export async function searchEvents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const qs: IDataObject = { limit: PAGE };
	if (filter) qs.search_text = filter;
	if (paginationToken) qs.next = paginationToken;
	const { body } = await client.request<CursorPage>('GET', '/events', { qs, idempotent: true });
	// event_id is optional in the document's EventListingDto: an event without one cannot be picked.
	const listed = (body?.records ?? []).filter((e) => (typeof e?.event_id === 'string' && e.event_id !== '') || typeof e?.event_id === 'number');
	const results = listed.map((e) => {
		const start = eventStartOf(e);
		const status = eventStatusOf(e);
		return {
			name: `${String(e.name ?? e.title ?? e.event_id)}${typeof start === 'string' ? ` (${start.slice(0, 10)})` : ''}${
				status && status !== 'ACTIVE' ? ` · ${String(status)}` : ''
			}`,
			value: String(e.event_id),
		};
	});
	const next = nextQuery(body, qs)?.next;
	return { results, paginationToken: typeof next === 'string' ? next : undefined };
}

/** No endpoint lists tracks: offers the chosen event's default track (GET /events/{id}). */
export async function searchTracks(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	const raw = this.getCurrentNodeParameter('eventId', { extractValue: true }) as unknown;
	const eventId = typeof raw === 'string' ? raw.trim() : '';
	if (!eventId || /[/\\?#%\s{}]/.test(eventId)) return { results: [] };
	const client = await createClient(this);
	const { body } = await client.request<IDataObject>('GET', eventPath(eventId), { idempotent: true });
	const track = (body?.default_track ?? {}) as IDataObject;
	if (typeof track.track_id !== 'string' || !track.track_id) return { results: [] };
	// The document's TrackDto has no name: an event has one track, its default.
	return { results: [{ name: `Default Track (${track.track_id})`, value: track.track_id }] };
}
