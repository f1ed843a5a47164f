import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { boundedMap, isManualPoll, pollDeadline } from '../../common/polling';
import type { RcpClient } from '../transport';
import { expectList } from './pagination';

/**
 * Polling `GET rcp/v1/payments` (docs/providers/restrict-content-pro.md): newest ID first, IDs are
 * AUTO_INCREMENT integers sent as strings, and a payment has no modification time. So the cursor is the
 * highest payment ID handled (a payment dated in the past but recorded now still has a higher ID), and a
 * status change is noticed only by comparing with the status last seen, for the newest payments.
 */

export const PAGE_SIZE = 100;
const MAX_INTERVALS = 20;

export interface RcpPollState extends IDataObject {
	/** Every payment ID ≤ floorId was handled. */
	floorId?: number;
	/** Further handled ID ranges [lo, hi] above floorId, left when a poll ran out of time in a backlog. */
	done?: Array<[number, number]>;
	/** id → status last seen, for the newest payments. */
	statuses?: Record<string, string>;
}

export interface PollOptions {
	events: string[];
	statuses: string[];
	level: string;
	watch: number;
	backfill: number;
}

export const statusOf = (payment: IDataObject): string => String(payment.status || 'complete');
const idOf = (payment: IDataObject): number => Number(payment.id);

async function page(ctx: IPollFunctions, client: RcpClient, offset: number, number: number, level: string): Promise<IDataObject[]> {
	const qs: IDataObject = { number, offset, order: 'DESC' };
	if (level) qs.subscription = level;
	const { body } = await client.request<unknown>('GET', '/payments', { qs, idempotent: true });
	return expectList({ node: ctx.getNode(), body, what: 'payments', secrets: client.secrets });
}

const inDone = (done: Array<[number, number]>, id: number) => done.some(([lo, hi]) => id >= lo && id <= hi);

export async function pollPayments(ctx: IPollFunctions, client: RcpClient, state: RcpPollState, options: PollOptions): Promise<IDataObject[]> {
	const { events, statuses: wantedStatuses, level, watch, backfill } = options;
	const wanted = (payment: IDataObject) => !wantedStatuses.length || wantedStatuses.includes(statusOf(payment));

	if (isManualPoll(ctx)) {
		// "Fetch Test Event": the newest real payment that passes the filters; the cursor is not touched.
		const recent = await page(ctx, client, 0, 20, level);
		const payment = recent.find(wanted);
		return payment ? [{ event: 'newPayment', payment }] : [];
	}

	if (state.floorId === undefined) {
		// First poll: nothing old is emitted unless a back-fill was asked for.
		const recent = await page(ctx, client, 0, Math.min(Math.max(watch, backfill, 1), 1000), level);
		state.floorId = recent.reduce((max, p) => Math.max(max, idOf(p)), 0);
		state.done = [];
		state.statuses = {};
		for (const p of recent) state.statuses[String(p.id)] = statusOf(p);
		if (!backfill || !events.includes('newPayment')) return [];
		return recent
			.filter(wanted)
			.slice(0, backfill)
			.reverse()
			.map((payment) => ({ event: 'newPayment', payment }));
	}

	const floor = state.floorId;
	const done = state.done ?? [];
	const known = state.statuses ?? {};
	const expired = pollDeadline(ctx);
	const seen = new Set<number>();
	const scanned: IDataObject[] = [];
	let reachedFloor = false;
	let exhausted = false;
	let offset = 0;
	for (;;) {
		const payments = await page(ctx, client, offset, PAGE_SIZE, level);
		for (const p of payments) {
			const id = idOf(p);
			if (seen.has(id)) continue; // the list shifted down under new payments during the poll
			seen.add(id);
			scanned.push(p);
			if (id <= floor) reachedFloor = true;
		}
		offset += payments.length;
		if (payments.length < PAGE_SIZE) exhausted = true;
		if (exhausted || (reachedFloor && scanned.length >= watch) || expired()) break;
	}

	const fresh = scanned.filter((p) => idOf(p) > floor && !inDone(done, idOf(p)));
	const changed: Array<{ payment: IDataObject; previousStatus: string }> = [];
	for (const p of scanned) {
		const key = String(p.id);
		const previous = known[key];
		if (previous !== undefined && previous !== statusOf(p)) changed.push({ payment: p, previousStatus: previous });
		known[key] = statusOf(p);
	}

	// The cursor: everything scanned is handled now.
	const top = scanned.reduce((max, p) => Math.max(max, idOf(p)), floor);
	if (reachedFloor || exhausted) {
		state.floorId = top;
		state.done = [];
	} else {
		const lo = scanned.reduce((min, p) => Math.min(min, idOf(p)), top);
		state.done = [[lo, top] as [number, number], ...done.filter(([l, h]) => h < lo || l > top)].slice(0, MAX_INTERVALS);
	}
	const newestFirst = Object.keys(known).sort((a, b) => Number(b) - Number(a));
	state.statuses = boundedMap(known, newestFirst, Math.max(watch * 2, 500));

	const out: IDataObject[] = [];
	if (events.includes('newPayment')) {
		for (const payment of fresh.filter(wanted).sort((a, b) => idOf(a) - idOf(b))) out.push({ event: 'newPayment', payment });
	}
	if (events.includes('statusChanged')) {
		for (const { payment, previousStatus } of changed.filter((c) => wanted(c.payment)).sort((a, b) => idOf(a.payment) - idOf(b.payment))) {
			out.push({ event: 'statusChanged', previousStatus, status: statusOf(payment), payment });
		}
	}
	return out;
}
