import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { compareKeys, fieldText, isManualPoll, pollDeadline, readFullScan, stringId, timeMs, type FullScanState, type Tracked } from '../../common/triggers/polling';
import { registrationsPath, type ConstantContactClient } from '../transport';
import { nextQuery, type CursorPage } from './pagination';

/**
 * Polling a Constant Contact event's registrations (docs/providers/constant-contact.md, "Webhooks and
 * polling"): no webhooks, no "updated since" filter, no documented order and no modification time, so the
 * list is read whole (one request per page; a list larger than one poll's budget over several polls) and
 * compared with the status remembered per registration_id (common/triggers/poll/fullScan.ts). What is guaranteed,
 * and the tracked maximum: docs/triggers.md.
 */

export const MAX_TRACKED = 5000;

export interface CcPollState extends FullScanState {
	/** The event and track this state belongs to (a changed event starts over). */
	source?: string;
	/** Before 0.1: newest time handled, IDs at that time, and "payment|registration" statuses by ID. Read once, then replaced by `known`. */
	cursorTime?: string;
	cursorIds?: string[];
	statuses?: Record<string, string>;
}

export interface CcPollOptions {
	eventId: string;
	trackId: string;
	events: string[];
	pageSize: number;
	backfill: number;
}

const idOf = (r: IDataObject) => stringId(r.registration_id);
const timeOf = (r: IDataObject) => timeMs(r.registration_time ?? r.registration_date);
const statusOf = (r: IDataObject) => [fieldText(r.payment_status), fieldText(r.registration_status)];
const byTime = (a: IDataObject, b: IDataObject) => compareKeys([timeOf(a), idOf(a) ?? ''], [timeOf(b), idOf(b) ?? '']);

function event(kind: string, registration: IDataObject, previous?: string[]): IDataObject {
	const out: IDataObject = { event: kind, registration };
	if (previous !== undefined) {
		out.previousPaymentStatus = previous[0];
		out.previousRegistrationStatus = previous[1];
	}
	return out;
}

/** A state written by an earlier version: its statuses become tracked records (at the old cursor's time until read again). */
function migrate(state: CcPollState): void {
	if (state.known === undefined && state.statuses && typeof state.statuses === 'object') {
		const time = timeMs(state.cursorTime) ?? null;
		const known: Record<string, Tracked> = {};
		for (const [id, value] of Object.entries(state.statuses)) {
			const [payment = '', registration = ''] = String(value).split('|');
			known[id] = [time, payment, registration];
		}
		state.known = known;
	}
	delete state.statuses;
	delete state.cursorTime;
	delete state.cursorIds;
}

export const isFirstPoll = (state: CcPollState, source: string): boolean =>
	state.source !== source || (state.known === undefined && state.statuses === undefined);

export async function pollRegistrations(ctx: IPollFunctions, client: ConstantContactClient, state: CcPollState, options: CcPollOptions): Promise<IDataObject[]> {
	const { eventId, trackId, events, pageSize, backfill } = options;
	const path = registrationsPath(eventId, trackId);
	const baseQs: IDataObject = { limit: pageSize };
	const fetch = async (qs: IDataObject | undefined) => {
		const { body } = await client.request<CursorPage>('GET', path, { qs: qs ?? baseQs, idempotent: true, expect: 'object' });
		return { records: Array.isArray(body?.records) ? body.records.filter((r) => r && typeof r === 'object') : [], next: nextQuery(body, baseQs) };
	};

	if (isManualPoll(ctx)) {
		// "Fetch Test Event": the newest real registration (the list is read like a poll); the cursor is not touched.
		const expired = pollDeadline(ctx);
		const records: IDataObject[] = [];
		let qs: IDataObject | undefined;
		do {
			const page = await fetch(qs);
			records.push(...page.records.filter((r) => idOf(r) !== undefined));
			qs = page.next;
		} while (qs && !expired());
		const newest = records.sort(byTime).pop();
		return newest ? [event('newRegistration', newest)] : [];
	}

	const source = `${eventId}/${trackId}`;
	const first = isFirstPoll(state, source);
	if (first) {
		for (const key of ['known', 'evicted', 'resume', 'baselineUntil', 'statuses', 'cursorTime', 'cursorIds']) delete state[key];
		state.source = source;
	} else migrate(state);
	// A stored page query made for another page size is not continued.
	if (state.resume && Number((state.resume as IDataObject).limit) !== pageSize) delete state.resume;

	const { fresh, changed, scanned } = await readFullScan(state, {
		fetch,
		idOf,
		timeOf,
		statusOf,
		maxTracked: MAX_TRACKED,
		expired: pollDeadline(ctx),
		first,
		staleQuery: (error) => ['400', '404', '410'].includes(String((error as { httpCode?: unknown }).httpCode ?? '')),
	});

	if (first) {
		// First poll (or another event): where the list stands; nothing old is emitted unless asked.
		if (!backfill || !events.includes('newRegistration')) return [];
		return scanned
			.sort(byTime)
			.slice(-backfill)
			.map((r) => event('newRegistration', r));
	}
	const out: IDataObject[] = [];
	if (events.includes('newRegistration')) out.push(...fresh.map((r) => event('newRegistration', r)));
	if (events.includes('statusChanged')) out.push(...changed.map((c) => event('statusChanged', c.record, c.previous)));
	return out;
}
