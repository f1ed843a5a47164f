import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { boundedMap, isManualPoll, pollDeadline } from '../../common/polling';
import { registrationsPath, type ConstantContactClient } from '../transport';
import { nextQuery, type CursorPage } from './pagination';

/**
 * Polling a Constant Contact event's registrations (docs/providers/constant-contact.md, "Webhooks and
 * polling"): no webhooks, no "updated since" filter and no modification time, so every poll reads the
 * whole list (one request per page) and compares payment and registration status per registration_id.
 * New registrations are found Gmail-style: the newest registration_time emitted plus the IDs seen at
 * that instant, queried inclusively, so several in the same second are neither repeated nor skipped.
 */

const MAX_TRACKED = 5000;

export interface CcPollState extends IDataObject {
	/** Newest registration_time handled, and the registration IDs handled at exactly that time. */
	cursorTime?: string;
	cursorIds?: string[];
	/** registration_id → "payment_status|registration_status" last seen. */
	statuses?: Record<string, string>;
	/** The event and track this state belongs to (a changed event starts over). */
	source?: string;
}

export interface CcPollOptions {
	eventId: string;
	trackId: string;
	events: string[];
	pageSize: number;
	backfill: number;
}

const idOf = (r: IDataObject) => String(r.registration_id ?? '');
const timeOf = (r: IDataObject) => String(r.registration_time ?? r.registration_date ?? '');
const statusKey = (r: IDataObject) => `${String(r.payment_status ?? '')}|${String(r.registration_status ?? '')}`;
const byTime = (a: IDataObject, b: IDataObject) => (timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : idOf(a) < idOf(b) ? -1 : 1);

/** Reads the list page by page, until its end or the poll's time is up; `complete` says which. */
async function readList(ctx: IPollFunctions, client: ConstantContactClient, path: string, pageSize: number, max = Infinity) {
	const expired = pollDeadline(ctx);
	const baseQs: IDataObject = { limit: pageSize };
	const records: IDataObject[] = [];
	let qs: IDataObject | undefined = baseQs;
	let requests = 0;
	while (qs) {
		const { body } = await client.request<CursorPage>('GET', path, { qs, idempotent: true, expect: 'object' });
		requests++;
		records.push(...(Array.isArray(body?.records) ? body.records : []));
		qs = nextQuery(body, baseQs);
		if (records.length >= max || (qs && expired())) return { records, complete: !qs, requests };
	}
	return { records, complete: true, requests };
}

function event(kind: string, registration: IDataObject, previous?: string): IDataObject {
	const out: IDataObject = { event: kind, registration };
	if (previous !== undefined) {
		const [paymentStatus, registrationStatus] = previous.split('|');
		out.previousPaymentStatus = paymentStatus;
		out.previousRegistrationStatus = registrationStatus;
	}
	return out;
}

export async function pollRegistrations(ctx: IPollFunctions, client: ConstantContactClient, state: CcPollState, options: CcPollOptions): Promise<IDataObject[]> {
	const { eventId, trackId, events, pageSize, backfill } = options;
	const path = registrationsPath(eventId, trackId);

	if (isManualPoll(ctx)) {
		// "Fetch Test Event": the newest real registration (the list is in registration order, so it is read
		// like a poll); the cursor is not touched.
		const { records } = await readList(ctx, client, path, pageSize);
		const newest = records.slice().sort(byTime).pop();
		return newest ? [event('newRegistration', newest)] : [];
	}

	const source = `${eventId}/${trackId}`;
	const { records, complete } = await readList(ctx, client, path, pageSize);

	if (state.source !== source || state.cursorTime === undefined) {
		// First poll (or another event): remember where the list stands; emit nothing old unless asked.
		const sorted = records.slice().sort(byTime);
		const newestTime = sorted.length ? timeOf(sorted[sorted.length - 1]) : new Date(0).toISOString();
		state.source = source;
		state.cursorTime = newestTime;
		state.cursorIds = sorted.filter((r) => timeOf(r) === newestTime).map(idOf);
		const statuses: Record<string, string> = {};
		for (const r of sorted) statuses[idOf(r)] = statusKey(r);
		state.statuses = boundedMap(statuses, sorted.map(idOf).reverse(), MAX_TRACKED);
		if (!backfill || !events.includes('newRegistration')) return [];
		return sorted.slice(-backfill).map((r) => event('newRegistration', r));
	}

	const cursorTime = state.cursorTime;
	const cursorIds = new Set(state.cursorIds ?? []);
	const known = state.statuses ?? {};
	const fresh: IDataObject[] = [];
	const changed: IDataObject[] = [];
	const seen = new Set<string>();
	// While every registration of the event fits in the status map, an unknown ID is new whatever its time
	// (a registration entered later with an earlier date); beyond that the time cursor decides.
	const tracksAll = Object.keys(known).length < MAX_TRACKED;
	for (const r of records) {
		const id = idOf(r);
		if (!id || seen.has(id)) continue;
		seen.add(id);
		const time = timeOf(r);
		const previous = known[id];
		const isNew = previous === undefined && (tracksAll || time > cursorTime || (time === cursorTime && !cursorIds.has(id)));
		if (isNew) fresh.push(r);
		else if (previous !== undefined && previous !== statusKey(r)) changed.push(event('statusChanged', r, previous));
		known[id] = statusKey(r);
	}

	// Move the cursor over what is handled now (what a partial read did not reach stays after it).
	fresh.sort(byTime);
	if (fresh.length) {
		const newest = timeOf(fresh[fresh.length - 1]);
		if (newest > cursorTime) {
			state.cursorTime = newest;
			state.cursorIds = fresh.filter((r) => timeOf(r) === newest).map(idOf);
		} else {
			state.cursorIds = [...cursorIds, ...fresh.filter((r) => timeOf(r) === cursorTime).map(idOf)];
		}
	}
	const newestFirst = records.slice().sort(byTime).map(idOf).reverse();
	state.statuses = boundedMap(known, complete ? newestFirst : [...newestFirst, ...Object.keys(known)], MAX_TRACKED);

	const out: IDataObject[] = [];
	if (events.includes('newRegistration')) out.push(...fresh.map((r) => event('newRegistration', r)));
	if (events.includes('statusChanged')) out.push(...changed);
	return out;
}
