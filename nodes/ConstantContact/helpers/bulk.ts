import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, type NodeOperationError } from 'n8n-workflow';

import { asNodeError, chunk, errorForItem, emitOutcomes, groupBy, mapSettled, reportedError, withItem, type OutputData, type Settled } from '../../common';
import { registrationsPath, type ConstantContactClient } from '../transport';

/** What one input item asks for, before its track is known. */
export interface BulkItemInput {
	eventId: string;
	/** Undefined: the event's default track. */
	trackId?: string;
	ids: string[];
	/** Fields besides registration_ids in the PUT body, e.g. { payment_status: 'Paid' }. */
	body: IDataObject;
	qs?: IDataObject;
	chunkSize: number;
	/** Copied into the item's output, e.g. { paymentStatus: 'Paid' }. */
	echo: IDataObject;
}

export interface BulkOperation {
	/** Used in messages: "payment status", "registration status". */
	what: string;
	/** Path below .../registrations, e.g. ['payment_status'] or []. */
	pathSuffix: string[];
	/** Whether sending the same chunk twice is harmless (then 5xx and dropped connections are retried). */
	idempotent: boolean;
	readItem(ctx: IExecuteFunctions, itemIndex: number): BulkItemInput;
	/** Added to every successful item's output. */
	note?: string;
}

interface Plan extends BulkItemInput {
	itemIndex: number;
}

/** A plan whose track is known. */
type ReadyPlan = Plan & { trackId: string };

interface Task {
	plan: ReadyPlan;
	ids: string[];
}

interface TaskResult {
	httpCode: number;
	/** Lower-case IDs Constant Contact reported as failed. */
	failed: Set<string>;
}

const MAX_IDS_IN_MESSAGE = 25;

function listIds(ids: readonly string[]): string {
	if (ids.length <= MAX_IDS_IN_MESSAGE) return ids.join(', ');
	return `${ids.slice(0, MAX_IDS_IN_MESSAGE).join(', ')} and ${ids.length - MAX_IDS_IN_MESSAGE} more`;
}

/** A failure that every other request would meet too: the token, the permission or the rate budget. */
function isFatal(error: unknown): boolean {
	return error instanceof NodeApiError && ['401', '403', '429'].includes(String(error.httpCode));
}

/** 207 body: `failed_registration_ids`; a missing or empty list means all succeeded. Lower-cased IDs. */
function failedIdsOf(body: unknown, sent: readonly string[]): Set<string> {
	const b = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const raw = b.failed_registration_ids ?? b.failedRegistrationIds;
	const list = new Set(Array.isArray(raw) ? raw.map((v) => String(v).toLowerCase()) : []);
	return new Set(sent.map((id) => id.toLowerCase()).filter((id) => list.has(id)));
}

/**
 * Runs a bulk registration endpoint for all input items: items that share event, track and the
 * other request values are merged into as few PUTs as possible (at most `chunkSize` IDs each), and
 * every item gets its own outcome from the IDs it contributed.
 */
export async function runBulk(ctx: IExecuteFunctions, client: ConstantContactClient, op: BulkOperation): Promise<INodeExecutionData[][]> {
	const count = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const concurrency = client.settings.concurrency;
	const outcomes: Array<Settled<OutputData>> = Array.from({ length: count }, () => ({ skipped: true }) as Settled<OutputData>);
	const fail = (itemIndex: number, error: NodeApiError | NodeOperationError) => {
		if (!continueOnFail) throw error;
		outcomes[itemIndex] = { error };
	};

	// 1. Read and check every item before anything is sent.
	const plans: Plan[] = [];
	for (let i = 0; i < count; i++) {
		try {
			plans.push({ ...op.readItem(ctx, i), itemIndex: i });
		} catch (error) {
			fail(i, asNodeError({ node: ctx.getNode(), error, itemIndex: i }));
		}
	}

	// 2. Default tracks: one GET per distinct event, on behalf of its first item.
	const firstItemOf = new Map<string, number>();
	for (const p of plans) if (!p.trackId && !firstItemOf.has(p.eventId)) firstItemOf.set(p.eventId, p.itemIndex);
	const eventsNeedingTrack = [...firstItemOf];
	const lookups = await mapSettled(
		eventsNeedingTrack,
		concurrency,
		async ([eventId, itemIndex]) => await client.trackOf(eventId, undefined, itemIndex),
		!continueOnFail,
	);
	const trackOf = new Map<string, Settled<string>>(eventsNeedingTrack.map(([eventId], k) => [eventId, lookups[k]]));
	const ready: ReadyPlan[] = [];
	for (const plan of plans) {
		if (plan.trackId) {
			ready.push({ ...plan, trackId: plan.trackId });
			continue;
		}
		const found = trackOf.get(plan.eventId);
		if (found && 'value' in found) ready.push({ ...plan, trackId: found.value });
		else if (found && 'error' in found) fail(plan.itemIndex, errorForItem({ node: ctx.getNode(), error: found.error, itemIndex: plan.itemIndex }));
	}

	// 3. Group by everything that goes into the request, then chunk the distinct IDs of each group.
	const groupKeyOf = (p: ReadyPlan) =>
		JSON.stringify([p.eventId, p.trackId, p.body, p.qs ?? {}, p.chunkSize]);
	const tasks: Task[] = [];
	/** group key -> lower-case ID -> task index */
	const taskOfId = new Map<string, Map<string, number>>();
	for (const group of groupBy(ready, groupKeyOf)) {
		const first = group.members[0];
		const ids: string[] = [];
		const seen = new Set<string>();
		for (const member of group.members) {
			for (const id of member.ids) {
				if (seen.has(id.toLowerCase())) continue;
				seen.add(id.toLowerCase());
				ids.push(id);
			}
		}
		const index = new Map<string, number>();
		for (const part of chunk(ids, first.chunkSize)) {
			for (const id of part) index.set(id.toLowerCase(), tasks.length);
			tasks.push({ plan: first, ids: part });
		}
		taskOfId.set(group.key, index);
	}

	// 4. Send. A failure every request would share stops the rest from being sent.
	let fatal: unknown;
	const results = await mapSettled(
		tasks,
		concurrency,
		async (task): Promise<TaskResult> => {
			if (fatal) throw fatal;
			let response;
			try {
				response = await client.request('PUT', registrationsPath(task.plan.eventId, task.plan.trackId, ...op.pathSuffix), {
					body: { registration_ids: task.ids, ...task.plan.body },
					qs: task.plan.qs,
					idempotent: op.idempotent,
				});
			} catch (error) {
				if (isFatal(error) && !fatal) fatal = error;
				// client.request throws n8n errors already; this keeps them as they are.
				throw asNodeError({ node: ctx.getNode(), error, itemIndex: task.plan.itemIndex });
			}
			return { httpCode: response.statusCode, failed: response.statusCode === 207 ? failedIdsOf(response.body, task.ids) : new Set() };
		},
		!continueOnFail,
	);

	// 5. One outcome per item, from the requests its IDs went into.
	const partials: Array<{ itemIndex: number; failed: string[]; updated: string[] }> = [];
	let firstHardError: NodeApiError | NodeOperationError | undefined;
	for (const plan of ready) {
		const index = taskOfId.get(groupKeyOf(plan)) ?? new Map<string, number>();
		const failed: string[] = [];
		const updated: string[] = [];
		let hardError: unknown;
		let skipped = false;
		let httpCode = 200;
		for (const id of plan.ids) {
			const result = results[index.get(id.toLowerCase()) ?? -1];
			if (!result || 'skipped' in result) skipped = true;
			else if ('error' in result) hardError = hardError ?? result.error;
			else {
				httpCode = Math.max(httpCode, result.value.httpCode);
				if (result.value.failed.has(id.toLowerCase())) failed.push(id);
				else updated.push(id);
			}
		}
		const where = `event ${plan.eventId}, track ${plan.trackId}`;
		if (hardError) {
			const extra = updated.length ? `These registrations of the item were updated by other requests: ${listIds(updated)}.` : undefined;
			const error = errorForItem({ node: ctx.getNode(), error: hardError, itemIndex: plan.itemIndex, extra });
			firstHardError = firstHardError ?? error;
			outcomes[plan.itemIndex] = { error };
		} else if (skipped) {
			outcomes[plan.itemIndex] = { skipped: true };
		} else if (failed.length) {
			partials.push({ itemIndex: plan.itemIndex, failed, updated });
			const message = withItem(
				`Constant Contact did not update the ${op.what} of ${failed.length === 1 ? 'registration' : `${failed.length} registrations`} ${listIds(failed)}`,
				plan.itemIndex,
			);
			const description = [
				`Constant Contact answered HTTP 207 (partial success) and listed ${failed.length === 1 ? 'this ID' : 'these IDs'} in failed_registration_ids without a reason. Usually the registration does not exist or does not belong to ${where}.`,
				updated.length ? `Updated: ${listIds(updated)}.` : 'None of the registrations of this item was updated.',
			].join(' ');
			outcomes[plan.itemIndex] = {
				error: reportedError({
					node: ctx.getNode(),
					body: { failed_registration_ids: failed },
					message,
					description,
					httpCode: '207',
					itemIndex: plan.itemIndex,
				}),
			};
		} else {
			const out: IDataObject = {
				outcome: 'updated',
				updated: true,
				eventId: plan.eventId,
				trackId: plan.trackId,
				...plan.echo,
				registrationIds: plan.ids,
				updatedRegistrationIds: updated,
				failedRegistrationIds: [],
				httpCode,
			};
			if (op.note) out.note = op.note;
			outcomes[plan.itemIndex] = { value: out };
		}
	}

	// 6. Without Continue On Fail: one error. A request-level failure wins; otherwise name every ID that failed.
	if (!continueOnFail && firstHardError) throw firstHardError;
	if (!continueOnFail && partials.length) {
		const allFailed = partials.flatMap((p) => p.failed);
		const total = ready.reduce((sum, p) => sum + p.ids.length, 0);
		const first = partials[0].itemIndex;
		throw reportedError({
			node: ctx.getNode(),
			body: { failed_registration_ids: allFailed },
			message: withItem(
				`Constant Contact did not update the ${op.what} of ${allFailed.length} of ${total} registrations: ${listIds(allFailed)}`,
				first,
			),
			description: [
				`Constant Contact answered HTTP 207 (partial success) without a reason per ID; usually the ID does not exist or belongs to another event or track.`,
				`Failed, by input item: ${partials.map((p) => `item ${p.itemIndex}: ${listIds(p.failed)}`).join('; ')}.`,
				`The other ${total - allFailed.length} registrations were updated. Setting the same status again is harmless, so the node can be re-run after fixing the IDs, or turn on "Continue On Fail" to get one output per item.`,
			].join('\n'),
			httpCode: '207',
			itemIndex: first,
		});
	}
	return emitOutcomes(ctx, outcomes);
}
