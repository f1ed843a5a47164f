import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorForItem, inputError, reportedError, runBatch, withItem, type BatchSpec, type Writes } from '../../common';
import { isNotFound, registrationsPath, type ConstantContactClient } from '../transport';
import { isSizeRefusal } from './chunkSize';
import { groupKeyOf, requestFieldsText } from './requestFields';
import { uniformReader, type Uniform } from './uniform';

/** What one input item asks for, before its track is known. */
export interface BulkItemInput {
	eventId: string;
	/** Undefined: the event's default track. */
	trackId?: string;
	/** Set when the track is the event's default one the node looked up (not given by the user). */
	defaultTrack?: boolean;
	ids: string[];
	/** Fields besides registration_ids in the PUT body, e.g. { payment_status: 'Paid' }. */
	body: IDataObject;
	qs?: IDataObject;
	/** The user's cap on IDs per request (Options → Registrations per Request); the automatic maximum when not set. */
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
	/** `same` reads a parameter once when it holds no expression (see uniform.ts). */
	readItem(ctx: IExecuteFunctions, itemIndex: number, same: Uniform): BulkItemInput;
	/** Added to every successful item's output. */
	note?: string;
}

/** An item's input with its request fields (body and query) as text, made once when the item is read (requestFields.ts). */
interface Plan extends BulkItemInput {
	fields: string;
	/** The group key, made once the track is known (runBatch asks for it when grouping and again for the outcome). */
	group?: string;
}

/** Per registration ID: the status the answer gave it. */
interface IdAnswer {
	httpCode: number;
	/** The track the request went to (the default track read again after a 404 may differ from the plan's). */
	trackId: string;
	/** Listed in failed_registration_ids of a 207. */
	failed: boolean;
}

const MAX_IDS_IN_MESSAGE = 25;

/** What the bulk writes change: registrations, named by ID (sideEffects.ts). */
export const registrationWrites: Writes = { noun: 'registration', idOf: (json) => json.updatedRegistrationIds };

function listIds(ids: readonly string[]): string {
	if (ids.length <= MAX_IDS_IN_MESSAGE) return ids.join(', ');
	return `${ids.slice(0, MAX_IDS_IN_MESSAGE).join(', ')} and ${ids.length - MAX_IDS_IN_MESSAGE} more`;
}

/** A failure that every other request would meet too: the token, the permission or the rate budget. */
function isFatal(error: unknown): boolean {
	return error instanceof NodeApiError && ['401', '403', '429'].includes(String(error.httpCode));
}

/** 207 body: `failed_registration_ids`; a missing or empty list means all succeeded. Lower-cased IDs. */
function failedIdsOf(body: unknown): Set<string> {
	const b = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const raw = b.failed_registration_ids ?? b.failedRegistrationIds;
	return new Set(Array.isArray(raw) ? raw.map((v) => String(v).toLowerCase()) : []);
}

/**
 * Continue On Fail with a 207: the run is green, so say in the output pane that some IDs were not
 * updated. Execution hints exist since n8n 1.x's later lines; without them the error items say it.
 */
function addPartialSuccessHint(ctx: IExecuteFunctions, partials: Array<{ itemIndex: number; failed: string[] }>, total: number): void {
	if (typeof ctx.addExecutionHints !== 'function') return;
	const failed = partials.reduce((sum, p) => sum + p.failed.length, 0);
	ctx.addExecutionHints({
		type: 'warning',
		location: 'outputPane',
		message: `Partial success (HTTP 207): Constant Contact did not update ${failed} of ${total} registrations, in input items ${partials.map((p) => p.itemIndex).join(', ')}. Their output items carry the error and the IDs.`,
	});
}

/**
 * Refuses an item that changes a registration an earlier item of the run changes differently (another
 * status, other options): the two would go into concurrent requests and which one wins would depend on
 * timing. The earlier item (in item order) keeps its change; the later one fails naming both.
 */
function conflictGuard(ctx: IExecuteFunctions, what: string) {
	/** event → registration ID (lower case) → the first item that changes it, and how. */
	const claimed = new Map<string, Map<string, { itemIndex: number; change: string }>>();
	return (plan: Plan, itemIndex: number): Plan => {
		const change = plan.fields;
		let ofEvent = claimed.get(plan.eventId);
		if (!ofEvent) claimed.set(plan.eventId, (ofEvent = new Map()));
		const keys = plan.ids.map((id) => id.toLowerCase());
		keys.forEach((key, k) => {
			const earlier = ofEvent.get(key);
			if (earlier && earlier.itemIndex !== itemIndex && earlier.change !== change) {
				throw inputError({
					node: ctx.getNode(),
					field: 'Registration IDs',
					problem: `registration ${plan.ids[k]} is also changed by item ${earlier.itemIndex} with a different ${what} or options in this run`,
					itemIndex,
					fix: `Item ${earlier.itemIndex} comes first and keeps its change; this item was not sent. Give each registration one ${what} per run.`,
				});
			}
		});
		for (const key of keys) if (!ofEvent.has(key)) ofEvent.set(key, { itemIndex, change });
		return plan;
	};
}

/**
 * Runs a bulk registration endpoint for all input items (see common/run/batchRunner.ts): items that share
 * event, track and the other request values are merged into as few PUTs as possible (as many IDs as
 * Constant Contact accepts, at most `chunkSize`: runBatch learns it, see chunkSize.ts), and every item gets its own
 * outcome from the IDs it contributed.
 */
export async function runBulk(ctx: IExecuteFunctions, client: ConstantContactClient, op: BulkOperation): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const continueOnFail = ctx.continueOnFail();
	const partials: Array<{ itemIndex: number; failed: string[]; updated: string[] }> = [];
	let firstHardError: unknown;
	const fieldsText = requestFieldsText();
	const guard = conflictGuard(ctx, op.what);
	const same = uniformReader(ctx);

	/** Default tracks found stale in this run (a PUT answered 404): event + old track → the track read again. */
	const moved = new Map<string, string>();
	const trackOf = (plan: Plan): string => moved.get(JSON.stringify([plan.eventId, plan.trackId])) ?? (plan.trackId as string);

	/**
	 * A PUT to a default track answered 404: the track may have been replaced since it was remembered.
	 * Reads it again (once per event and stale track in the run) and says whether the IDs may go again:
	 * only to a different track, and a 404 changed nothing (docs/write-outcomes.md), so this is no blind repeat.
	 */
	async function trackMoved(plan: Plan, usedTrack: string, error: unknown): Promise<boolean> {
		if (!plan.defaultTrack || !isNotFound(error)) return false;
		const fresh = await client.retrack(plan.eventId, usedTrack, 0);
		if (!fresh || fresh === usedTrack) return false;
		moved.set(JSON.stringify([plan.eventId, plan.trackId]), fresh);
		return true;
	}

	/** One PUT; a 404 from a default track that was replaced is sent once more, to the track read again. */
	async function put(plan: Plan, ids: string[], retried = false): Promise<IdAnswer[]> {
		const trackId = trackOf(plan);
		const sent = await client
			.request('PUT', registrationsPath(plan.eventId, trackId, ...op.pathSuffix), {
				body: { registration_ids: ids, ...plan.body },
				qs: plan.qs,
				idempotent: op.idempotent,
				expect: 'json',
			})
			.then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
		if ('response' in sent) {
			const { statusCode, body } = sent.response;
			const failed = statusCode === 207 ? failedIdsOf(body) : new Set<string>();
			return ids.map((id) => ({ httpCode: statusCode, trackId, failed: failed.has(id.toLowerCase()) }));
		}
		if (!retried && (await trackMoved(plan, trackId, sent.error))) return await put(plan, ids, true);
		throw sent.error;
	}

	const spec: BatchSpec<Plan, string, IdAnswer, string> = {
		read: (i) => {
			const plan = op.readItem(ctx, i, same) as Plan;
			plan.fields = fieldsText(plan);
			return guard(plan, i);
		},
		// Default tracks: one GET per distinct event, on behalf of its first item.
		lookup: {
			key: (plan) => (plan.trackId ? undefined : plan.eventId),
			run: async (plan, itemIndex) => await client.trackOf(plan.eventId, undefined, itemIndex),
			// Each item's plan is its own (read above): set in place rather than copied, 1,000 times.
			apply: (plan, trackId) => {
				plan.trackId = trackId;
				plan.defaultTrack = true;
				return plan;
			},
		},
		// Everything that goes into the request.
		groupKey: (p) => (p.group ??= groupKeyOf(p, p.fields)),
		units: (plan) => plan.ids,
		unitKey: (id) => id.toLowerCase(),
		chunkSize: (plan) => plan.chunkSize,
		// One PUT. Constant Contact documents no maximum: runBatch learns the size it takes (chunkSize.ts).
		send: async ({ plan, units: ids }) => await put(plan, ids),
		refusedForSize: isSizeRefusal,
		// Refused token, permission or budget: every other request would fail the same way.
		stopsAll: isFatal,
		outcome({ itemIndex, plan }, results) {
			const failed: string[] = [];
			const updated: string[] = [];
			let hardError: unknown;
			let skipped = false;
			let httpCode = 200;
			let trackId = plan.trackId;
			for (const { unit: id, result: answer } of results) {
				if ('skipped' in answer) skipped = true;
				else if ('error' in answer) hardError = hardError ?? answer.error;
				else {
					httpCode = Math.max(httpCode, answer.value.httpCode);
					trackId = answer.value.trackId;
					if (answer.value.failed) failed.push(id);
					else updated.push(id);
				}
			}
			if (hardError) {
				const extra = updated.length ? `These registrations of the item were updated by other requests: ${listIds(updated)}.` : undefined;
				const error = errorForItem({ node, error: hardError, itemIndex, extra });
				firstHardError = firstHardError ?? error;
				return { error };
			}
			if (skipped) return { skipped: true };
			if (failed.length) {
				const where = `event ${plan.eventId}, track ${String(trackId)}`;
				partials.push({ itemIndex, failed, updated });
				const message = withItem(
					`Constant Contact did not update the ${op.what} of ${failed.length === 1 ? 'registration' : `${failed.length} registrations`} ${listIds(failed)}`,
					itemIndex,
				);
				const description = [
					`Constant Contact answered HTTP 207 (partial success) and listed ${failed.length === 1 ? 'this ID' : 'these IDs'} in failed_registration_ids without a reason. Usually the registration does not exist or does not belong to ${where}.`,
					updated.length ? `Updated: ${listIds(updated)}.` : 'None of the registrations of this item was updated.',
				].join(' ');
				// Refused for the listed IDs (a documented partial success); the item's other IDs were changed.
				const outcome = updated.length ? 'done' : 'not-done';
				return { error: reportedError({ node, body: { failed_registration_ids: failed }, message, description, httpCode: '207', itemIndex, outcome }) };
			}
			const out: IDataObject = {
				outcome: 'updated',
				updated: true,
				eventId: plan.eventId,
				trackId,
				...plan.echo,
				registrationIds: plan.ids,
				updatedRegistrationIds: updated,
				failedRegistrationIds: [],
				httpCode,
			};
			if (op.note) out.note = op.note;
			return { value: out };
		},
		// Without Continue On Fail: one error. A request-level failure wins; otherwise name every ID that failed.
		beforeEmit(_outcomes, items) {
			if (continueOnFail) {
				if (partials.length) addPartialSuccessHint(ctx, partials, items.reduce((sum, p) => sum + p.plan.ids.length, 0));
				return;
			}
			if (firstHardError) throw firstHardError;
			if (!partials.length) return;
			const allFailed = partials.flatMap((p) => p.failed);
			const total = items.reduce((sum, p) => sum + p.plan.ids.length, 0);
			const first = partials[0].itemIndex;
			throw reportedError({
				node,
				body: { failed_registration_ids: allFailed },
				message: withItem(`Constant Contact did not update the ${op.what} of ${allFailed.length} of ${total} registrations: ${listIds(allFailed)}`, first),
				description: [
					`Constant Contact answered HTTP 207 (partial success) without a reason per ID; usually the ID does not exist or belongs to another event or track.`,
					`Failed, by input item: ${partials.map((p) => `item ${p.itemIndex}: ${listIds(p.failed)}`).join('; ')}.`,
					`The other ${total - allFailed.length} registrations were updated. Setting the same status again is harmless, so the node can be re-run after fixing the IDs, or turn on "Continue On Fail" to get one output per item.`,
				].join('\n'),
				httpCode: '207',
				itemIndex: first,
				outcome: total > allFailed.length ? 'done' : 'not-done',
			});
		},
	};
	return await runBatch(ctx, client.lanes, spec, { writes: registrationWrites, provider: client.profile.name });
}
