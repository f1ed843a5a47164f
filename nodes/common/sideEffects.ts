import type { IDataObject, INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorForItem, outcomeOf } from './errors';
import type { Settled } from './pool';
import type { OutputData } from './types';

/**
 * Declared by every operation that changes state at the provider (create, complete, cancel, update,
 * delete …). When such a run stops on an error (Continue On Fail off), the error lists what the other
 * items already changed, so nothing is lost and a re-run does not repeat it unknowingly.
 */
export interface Writes {
	/** What one item changes, in words: "payment", "transaction", "registration". */
	noun: string;
	/** The provider's ID(s) of what an item changed, read from its output. */
	idOf(json: IDataObject): unknown;
}

/** How many items a list in the error names before "and N more". */
const MAX_LISTED = 50;

function listed(parts: readonly string[]): string {
	if (parts.length <= MAX_LISTED) return parts.join(', ');
	return `${parts.slice(0, MAX_LISTED).join(', ')} and ${parts.length - MAX_LISTED} more`;
}

function idsOf(writes: Writes, data: OutputData): string[] {
	const records = Array.isArray(data) ? data : data ? [data] : [];
	return records.flatMap((json) => {
		const id = writes.idOf(json);
		const ids = Array.isArray(id) ? id : [id];
		return ids.filter((v) => v !== undefined && v !== null && v !== '').map((v) => String(v));
	});
}

/**
 * A write whose request may have been carried out although it failed (no answer, a 5xx, an answer that
 * confirms nothing). Read from the error's typed outcome; an error without one (a failure of the node
 * itself during a write) counts as unknown, never as "not done".
 */
export function isOutcomeUnknown(error: unknown): boolean {
	return (outcomeOf(error) ?? 'unknown') === 'unknown';
}

/** The items of a stopped run, sorted by what happened to them. */
export interface StoppedRun {
	/** Item index → the provider IDs it changed. */
	changed: Array<{ itemIndex: number; ids: string[] }>;
	unknown: number[];
	failed: number[];
	notStarted: number[];
}

export function sortOutcomes(writes: Writes, outcomes: ReadonlyArray<Settled<OutputData>>, stoppedAt: number): StoppedRun {
	const run: StoppedRun = { changed: [], unknown: [], failed: [], notStarted: [] };
	outcomes.forEach((outcome, itemIndex) => {
		if ('skipped' in outcome) run.notStarted.push(itemIndex);
		else if ('value' in outcome) {
			if (outcome.value !== null && outcome.value !== undefined) run.changed.push({ itemIndex, ids: idsOf(writes, outcome.value) });
		} else if (outcomeOf(outcome.error) === 'done') {
			if (itemIndex !== stoppedAt) run.changed.push({ itemIndex, ids: [] });
		} else if (isOutcomeUnknown(outcome.error)) run.unknown.push(itemIndex);
		else if (itemIndex !== stoppedAt) run.failed.push(itemIndex);
	});
	return run;
}

/**
 * The error that stops a write run, restated with what the run had already done: the items whose change
 * went through (with the provider's IDs), those whose outcome is unknown, those that failed too and those
 * never started. Unchanged when no other item got as far as the provider.
 */
export function withSideEffects(
	node: INode,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	writes: Writes,
	provider: string,
	outcomes: ReadonlyArray<Settled<OutputData>>,
): NodeApiError | NodeOperationError {
	const run = sortOutcomes(writes, outcomes, itemIndex);
	const unknownOthers = run.unknown.filter((i) => i !== itemIndex);
	if (!run.changed.length && !unknownOthers.length) return error;
	const noun = writes.noun;
	const changedIds = run.changed.flatMap((c) => c.ids);
	const summary = [
		run.changed.length
			? `${run.changed.length} other ${run.changed.length === 1 ? 'item was' : 'items were'} already carried out${changedIds.length ? ` (${noun} ${listed(changedIds)})` : ''}`
			: '',
		unknownOthers.length ? `${unknownOthers.length} with unknown outcome` : '',
		run.notStarted.length ? `${run.notStarted.length} not started` : '',
	].filter(Boolean);
	const lines = [
		`The run stopped at this item. These changes were already made at ${provider}, are not undone, and would be made again by running the same items again:`,
		...run.changed.map((c) => `- item ${c.itemIndex}: ${c.ids.length ? `${noun} ${c.ids.join(', ')}` : 'done'}`),
	];
	if (unknownOthers.length) lines.push(`Outcome unknown (no answer; check at ${provider} before running again): item ${listed(unknownOthers.map(String))}.`);
	if (run.failed.length) lines.push(`Failed too: item ${listed(run.failed.map(String))}.`);
	if (run.notStarted.length) lines.push(`Not started (nothing was sent for them): item ${listed(run.notStarted.map(String))}.`);
	lines.push('Run again only the items that were not carried out, or turn on "Continue On Fail" (node Settings) to get one output item per input item.');
	const restated = errorForItem({ node, error, itemIndex, note: `(run stopped; ${summary.join(', ')})`, extra: lines.join('\n') });
	const target = restated.context as IDataObject;
	target.sideEffects = {
		changed: run.changed.map((c) => ({ itemIndex: c.itemIndex, ids: c.ids })),
		outcomeUnknown: unknownOthers,
		failed: run.failed,
		notStarted: run.notStarted,
	};
	return restated;
}
