/**
 * The poll-trigger kit: what every polling trigger of the package shares (docs/triggers.md;
 * CONTRIBUTING.md, "Recipe: add a trigger").
 * - poll/lifecycle.ts: the poll's run on a copy of n8n's static data, the first poll's state, the deadline;
 * - poll/fields.ts: readers that treat every record field as hostile;
 * - poll/newestFirst.ts: the cursor of a list read newest ID first (Restrict Content Pro);
 * - poll/fullScan.ts: the cursor of an unordered list read whole (Constant Contact);
 * - poll/idRanges.ts: handled IDs as merged ranges.
 */
export * from './poll/lifecycle';
export * from './poll/fields';
export * from './poll/idRanges';
export * from './poll/newestFirst';
export * from './poll/fullScan';

/**
 * id → last seen value (e.g. a status), bounded to `max` entries: the ones passed in `newestFirst`
 * order survive. Plain object, so it lives in static data.
 */
export function boundedMap<T>(map: Record<string, T>, newestFirst: string[], max: number): Record<string, T> {
	const out: Record<string, T> = {};
	let n = 0;
	for (const id of newestFirst) {
		if (n >= max) break;
		if (map[id] !== undefined && out[id] === undefined) {
			out[id] = map[id];
			n++;
		}
	}
	return out;
}
