import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { boundedMap, fieldText, integerId, isManualPoll, pollDeadline, readNewestFirst, type NewestFirstState } from '../../common/triggers/polling';
import type { RcpClient } from '../transport';
import { expectList } from './pagination';

/**
 * Polling `GET rcp/v1/payments` (docs/providers/restrict-content-pro.md): newest ID first, IDs are
 * AUTO_INCREMENT integers sent as strings, and a payment has no modification time. So the cursor is the set
 * of handled payment IDs (common/triggers/poll/newestFirst.ts: a payment dated in the past but recorded now still has
 * a new ID), and a status change is noticed only by comparing with the status last seen, for the newest
 * payments (the watch window). What is guaranteed: docs/triggers.md.
 */

export const PAGE_SIZE = 100;

export interface RcpPollState extends NewestFirstState {
	/** Before 0.1: every payment ID ≤ floorId was handled, and the ranges in `done` above it. Read once, then replaced by `handled`. */
	floorId?: number;
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

/** The status RCP shows: an empty legacy status reads as `complete`; a value that is not text is compared as its JSON. */
export const statusOf = (payment: IDataObject): string => fieldText(payment.status) || 'complete';
export const idOf = (payment: IDataObject): number | undefined => integerId(payment.id);

async function page(ctx: IPollFunctions, client: RcpClient, offset: number, number: number, level: string): Promise<IDataObject[]> {
	const qs: IDataObject = { number, offset, order: 'DESC' };
	if (level) qs.subscription = level;
	const { body } = await client.request<unknown>('GET', '/payments', { qs, idempotent: true });
	return expectList({ node: ctx.getNode(), body, what: 'payments', secrets: client.secrets });
}

/** A state written by an earlier version: its floor and ranges become handled ranges. */
function migrate(state: RcpPollState): void {
	if (state.handled === undefined && typeof state.floorId === 'number') {
		state.handled = [[0, state.floorId], ...(Array.isArray(state.done) ? state.done : [])];
	}
	delete state.floorId;
	delete state.done;
}

export const isFirstPoll = (state: RcpPollState): boolean => state.handled === undefined && state.floorId === undefined;

export async function pollPayments(ctx: IPollFunctions, client: RcpClient, state: RcpPollState, options: PollOptions): Promise<IDataObject[]> {
	const { events, statuses: wantedStatuses, level } = options;
	// The parameters' own limits, also for a value n8n did not check (an expression, an imported workflow).
	const watch = Number.isFinite(options.watch) ? Math.min(Math.max(Math.trunc(options.watch), 1), 1000) : 100;
	const backfill = Number.isFinite(options.backfill) ? Math.min(Math.max(Math.trunc(options.backfill), 0), 1000) : 0;
	const wanted = (payment: IDataObject) => !wantedStatuses.length || wantedStatuses.includes(statusOf(payment));

	if (isManualPoll(ctx)) {
		// "Fetch Test Event": the newest real payment that passes the filters; the cursor is not touched.
		const recent = await page(ctx, client, 0, 20, level);
		const payment = recent.find((p) => idOf(p) !== undefined && wanted(p));
		return payment ? [{ event: 'newPayment', payment }] : [];
	}

	if (isFirstPoll(state)) {
		// First poll: nothing old is emitted unless a back-fill was asked for.
		// The newest usable ID is where the list stands (rows without one are read past, within the budget).
		const count = Math.min(Math.max(watch, backfill, PAGE_SIZE), 1000);
		const expired = pollDeadline(ctx);
		let recent: IDataObject[] = [];
		for (let offset = 0; ; ) {
			const rows = await page(ctx, client, offset, count, level);
			recent = rows.filter((p) => idOf(p) !== undefined);
			offset += rows.length;
			if (recent.length || rows.length < count || expired()) break;
		}
		state.handled = [[0, recent.reduce((max, p) => Math.max(max, idOf(p) ?? 0), 0)]];
		state.statuses = {};
		for (const p of recent) state.statuses[String(idOf(p))] ??= statusOf(p);
		if (!backfill || !events.includes('newPayment')) return [];
		return recent
			.filter(wanted)
			.slice(0, backfill)
			.reverse()
			.map((payment) => ({ event: 'newPayment', payment }));
	}

	migrate(state);
	const known = state.statuses ?? {};
	const { fresh, scanned } = await readNewestFirst(state, {
		fetch: async (offset, count) => await page(ctx, client, offset, count, level),
		idOf,
		pageSize: PAGE_SIZE,
		window: watch,
		expired: pollDeadline(ctx),
	});

	const freshIds = new Set(fresh.map((p) => idOf(p)));
	const changed: Array<{ payment: IDataObject; previousStatus: string }> = [];
	// Every payment read is compared before its status is remembered: a payment pushed out of the window
	// by an insert during this poll, and back in it later, keeps its change (found by the model).
	for (const p of scanned) {
		const key = String(idOf(p));
		const previous = known[key];
		if (previous !== undefined && previous !== statusOf(p) && !freshIds.has(idOf(p))) changed.push({ payment: p, previousStatus: previous });
	}
	for (const p of scanned) known[String(idOf(p))] = statusOf(p);
	const newestFirst = Object.keys(known).sort((a, b) => Number(b) - Number(a));
	state.statuses = boundedMap(known, newestFirst, Math.max(watch * 2, 500));

	const out: IDataObject[] = [];
	if (events.includes('newPayment')) {
		for (const payment of fresh.filter(wanted)) out.push({ event: 'newPayment', payment });
	}
	if (events.includes('statusChanged')) {
		for (const { payment, previousStatus } of changed.filter((c) => wanted(c.payment)).sort((a, b) => (idOf(a.payment) ?? 0) - (idOf(b.payment) ?? 0))) {
			out.push({ event: 'statusChanged', previousStatus, status: statusOf(payment), payment });
		}
	}
	return out;
}
