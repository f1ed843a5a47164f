import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { chunk, groupBy } from './batching';
import { asNodeError, errorForItem } from '../base/errors';
import { emitOutcomes, stopError, type WriteRun } from './outcomes';
import { mapSettled, type Concurrency, type Settled } from '../limits/pool';
import type { OutputData } from '../base/types';

/** What one input item asks for, once read. */
export interface BatchPlan<P> {
	itemIndex: number;
	plan: P;
}

/** One request's worth of units, from the items of one group. */
export interface BatchChunk<P, U> {
	/** The plan of the group's first item: everything but the units is the same for the whole group. */
	plan: P;
	units: U[];
	/** The items whose units are in this chunk, in item order. */
	itemIndexes: number[];
}

/** What an item's outcome is made from: each of its units with the answer of the request it went into. */
export interface UnitResult<P, U, R> {
	unit: U;
	result: Settled<R>;
	chunk?: BatchChunk<P, U>;
}

/**
 * A batch operation: many input items merged into few requests. The operation says how to read an item,
 * what goes into one request and how to read the provider's answer; runBatch does the rest.
 */
export interface BatchSpec<P, U, R, L = never> {
	/** Reads and checks one item. Every item is read before anything is sent. */
	read(itemIndex: number): P;
	/** A lookup items may share (e.g. an event's default track): run once per key, on behalf of the first item that needs it. */
	lookup?: {
		key(plan: P): string | undefined;
		run(plan: P, itemIndex: number): Promise<L>;
		apply(plan: P, value: L): P;
	};
	/** Items with the same key share requests. */
	groupKey(plan: P): string;
	/** What the item contributes to its group's requests (e.g. registration IDs, one product). */
	units(plan: P): U[];
	/** Units with the same key in one group are sent once (e.g. IDs compared without case). */
	unitKey?(unit: U): string;
	/** How many units go into one request. */
	chunkSize(plan: P): number;
	/** Sends one chunk and answers one result per unit, in the chunk's order. */
	send(chunk: BatchChunk<P, U>): Promise<R[]>;
	/** A failure every other request would meet too (the token, the permission, the rate budget): the rest is not sent. */
	stopsAll?(error: unknown): boolean;
	/**
	 * For a provider that documents no maximum: whether a failure refused the request for its number of units
	 * alone (nothing was changed). The run then learns the size the provider takes: the refused units go again
	 * in halves, no later request is larger, and a size not yet accepted is tried by one request at a time.
	 * Refused even with one unit, it stops the rest as `stopsAll` does.
	 */
	refusedForSize?(error: unknown): boolean;
	/** The item's outcome from its units' results; `skipped` when a unit was not sent. */
	outcome(item: BatchPlan<P>, results: Array<UnitResult<P, U, R>>): Settled<OutputData>;
	/** Sees all outcomes before they are emitted (e.g. to throw one error that names every failed unit). */
	beforeEmit?(outcomes: ReadonlyArray<Settled<OutputData>>, items: ReadonlyArray<BatchPlan<P>>): void;
}

/**
 * Runs a batch operation over all input items: reads and checks every item, runs the shared lookups,
 * groups items whose requests can be merged, chunks each group's distinct units, sends the chunks
 * (as many at once as `concurrency` allows: pass the client's lanes, so that an adaptive pace's window
 * decides, as for runItems; the first failure stops the rest unless the node continues on fail) and gives
 * every item its own outcome, paired with it. With `write`, the error that stops the run lists what the
 * other items already changed (sideEffects.ts).
 */
export async function runBatch<P, U, R, L = never>(
	ctx: IExecuteFunctions,
	concurrency: Concurrency,
	spec: BatchSpec<P, U, R, L>,
	write?: WriteRun,
): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const count = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const outcomes: Array<Settled<OutputData>> = Array.from({ length: count }, () => ({ skipped: true }) as Settled<OutputData>);
	const fail = (itemIndex: number, error: unknown) => {
		if (!continueOnFail) throw error;
		outcomes[itemIndex] = { error };
	};

	// 1. Read and check every item before anything is sent.
	let items: Array<BatchPlan<P>> = [];
	for (let i = 0; i < count; i++) {
		try {
			items.push({ itemIndex: i, plan: spec.read(i) });
		} catch (error) {
			fail(i, asNodeError({ node, error, itemIndex: i }));
		}
	}

	// 2. Shared lookups: one per distinct key, on behalf of its first item.
	if (spec.lookup) items = await runLookups(items, spec.lookup, concurrency, continueOnFail, (item, error) => fail(item.itemIndex, errorForItem({ node, error, itemIndex: item.itemIndex })));

	// 3. Group, then chunk each group's distinct units.
	const chunks: Array<Part<P, U>> = [];
	/** group key → unit key → [chunk, position] */
	const placeOf = new Map<string, Map<string, [number, number]>>();
	const unitKey = spec.unitKey ?? ((unit: U) => JSON.stringify(unit));
	for (const group of groupBy(items, (item) => spec.groupKey(item.plan))) {
		const first = group.members[0].plan;
		const units: Array<{ unit: U; items: number[] }> = [];
		const seen = new Map<string, number>();
		for (const member of group.members) {
			for (const unit of spec.units(member.plan)) {
				const key = unitKey(unit);
				const at = seen.get(key);
				if (at === undefined) {
					seen.set(key, units.length);
					units.push({ unit, items: [member.itemIndex] });
					continue;
				}
				// Members come in item order, so an item already listed for this unit is the last one listed.
				const items = units[at].items;
				if (items[items.length - 1] !== member.itemIndex) items.push(member.itemIndex);
			}
		}
		const places = new Map<string, [number, number]>();
		for (const part of chunk(units, spec.chunkSize(first))) {
			part.forEach(({ unit }, k) => places.set(unitKey(unit), [chunks.length, k]));
			chunks.push(partOf(first, part));
		}
		placeOf.set(group.key, places);
	}

	// 4. Send. A failure every request would share stops the rest from being sent; without Continue On Fail any failure does.
	const send = sender(node, spec, concurrency, continueOnFail);
	const sent = await mapSettled(chunks, concurrency, send);

	// 5. One outcome per item, from the requests its units went into.
	for (const item of items) {
		const places = placeOf.get(spec.groupKey(item.plan));
		const results = spec.units(item.plan).map((unit): UnitResult<P, U, R> => {
			const place = places?.get(unitKey(unit));
			if (!place) return { unit, result: { skipped: true } };
			const [c, k] = place;
			const answer = sent[c];
			// The sender never throws: every unit has the answer of its request, that request's error, or "not sent".
			const result: Settled<R> = 'value' in answer ? answer.value[k] : answer;
			return { unit, result, chunk: chunks[c] };
		});
		outcomes[item.itemIndex] = spec.outcome(item, results);
	}
	try {
		spec.beforeEmit?.(outcomes, items);
	} catch (error) {
		const at = (error as { context?: { itemIndex?: number } }).context?.itemIndex ?? 0;
		throw stopError(ctx, error, at, outcomes, write);
	}
	return emitOutcomes(ctx, outcomes, write);
}

/** A chunk, with the items of each of its units (for the chunks a refused one is split into). */
type Part<P, U> = BatchChunk<P, U> & { unitItems: number[][] };

function partOf<P, U>(plan: P, units: ReadonlyArray<{ unit: U; items: number[] }>): Part<P, U> {
	// The lists are shared with the parts a refused chunk is split into; nothing changes them after grouping.
	const unitItems = units.map((u) => u.items);
	const itemIndexes = [...new Set(unitItems.flat())].sort((a, b) => a - b);
	return { plan, units: units.map((u) => u.unit), itemIndexes, unitItems };
}

function slice<P, U>(part: Part<P, U>, start: number, end?: number): Part<P, U> {
	const units = part.units.slice(start, end).map((unit, k) => ({ unit, items: part.unitItems[start + k] }));
	return partOf(part.plan, units);
}

/**
 * What sends a chunk for runBatch: one result per unit, never a throw. Holds the run's stop (once set, nothing
 * more is sent) and, with `refusedForSize`, the size the provider was found to take.
 */
function sender<P, U, R, L>(node: INode, spec: BatchSpec<P, U, R, L>, concurrency: Concurrency, continueOnFail: boolean) {
	let stop: Settled<R> | undefined;
	/** The largest size not refused, the largest accepted, and the request finding out whether the current size is. */
	const learnt = { limit: Number.POSITIVE_INFINITY, accepted: 0, probing: undefined as Promise<unknown> | undefined };

	const sendOnce = async (part: Part<P, U>): Promise<Array<Settled<R>> | 'refused'> => {
		if (stop) {
			const not = stop;
			return part.units.map(() => not);
		}
		try {
			const values = await spec.send(part);
			learnt.accepted = Math.max(learnt.accepted, part.units.length);
			return part.units.map((_, k) => ({ value: values[k] }));
		} catch (error) {
			const refused = spec.refusedForSize?.(error) ?? false;
			if (refused && part.units.length > 1) {
				learnt.limit = Math.min(learnt.limit, Math.ceil(part.units.length / 2));
				learnt.accepted = Math.min(learnt.accepted, learnt.limit);
				return 'refused';
			}
			if (!stop && (refused || spec.stopsAll?.(error))) stop = continueOnFail ? { error } : { skipped: true };
			else if (!stop && !continueOnFail) stop = { skipped: true };
			const failed = asNodeError({ node, error, itemIndex: part.itemIndexes[0] });
			return part.units.map(() => ({ error: failed }));
		}
	};

	const sendUnits = async (whole: Part<P, U>): Promise<Array<Settled<R>>> => {
		if (!spec.refusedForSize) return (await sendOnce(whole)) as Array<Settled<R>>;
		const done: Array<Settled<R>> = [];
		let rest = whole;
		while (rest.units.length) {
			const size = Math.max(1, Math.min(spec.chunkSize(rest.plan), learnt.limit));
			if (Math.min(size, rest.units.length) <= learnt.accepted) {
				const parts = chunk(rest.units, size).map((_, n) => slice(rest, n * size, (n + 1) * size));
				const answers = await mapSettled(parts, concurrency, async (part) => {
					const answer = await sendOnce(part);
					return answer === 'refused' ? await sendUnits(part) : answer;
				});
				return [...done, ...answers.flatMap((answer) => ('value' in answer ? answer.value : []))];
			}
			if (learnt.probing) {
				await learnt.probing;
				continue;
			}
			const head = slice(rest, 0, size);
			const attempt = sendOnce(head);
			learnt.probing = attempt;
			const answer = await attempt;
			learnt.probing = undefined;
			if (answer === 'refused') continue;
			done.push(...answer);
			rest = slice(rest, head.units.length);
		}
		return done;
	};

	return sendUnits;
}

async function runLookups<P, L>(
	items: Array<BatchPlan<P>>,
	lookup: NonNullable<BatchSpec<P, unknown, unknown, L>['lookup']>,
	concurrency: Concurrency,
	continueOnFail: boolean,
	fail: (item: BatchPlan<P>, error: unknown) => void,
): Promise<Array<BatchPlan<P>>> {
	const firstOf = new Map<string, BatchPlan<P>>();
	for (const item of items) {
		const key = lookup.key(item.plan);
		if (key !== undefined && !firstOf.has(key)) firstOf.set(key, item);
	}
	const keys = [...firstOf.keys()];
	const answers = await mapSettled(keys, concurrency, async (key) => {
		const first = firstOf.get(key) as BatchPlan<P>;
		return await lookup.run(first.plan, first.itemIndex);
	}, !continueOnFail);
	const answerOf = new Map(keys.map((key, k) => [key, answers[k]]));
	const ready: Array<BatchPlan<P>> = [];
	for (const item of items) {
		const key = lookup.key(item.plan);
		if (key === undefined) {
			ready.push(item);
			continue;
		}
		const answer = answerOf.get(key);
		if (answer && 'value' in answer) {
			const plan = lookup.apply(item.plan, answer.value);
			ready.push(plan === item.plan ? item : { ...item, plan });
		}
		else if (answer && 'error' in answer) fail(item, answer.error);
	}
	return ready;
}
