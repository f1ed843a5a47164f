import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * The memory of deliveries already started, keyed by what the signature covers only (an unsigned
 * header can be changed by whoever replays a delivery, and forged by whoever sends first).
 */

/** Where a webhook trigger's static data keeps the delivery keys already seen. */
export const SEEN_DELIVERIES_KEY = 'recentDeliveryIds';

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as IDataObject)
			.filter((k) => (value as IDataObject)[k] !== undefined)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as IDataObject)[k])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/**
 * The key a delivery is remembered by: a digest of its identity's parts (any JSON values, so `1` and
 * `"1"` differ and a huge ID costs no memory).
 */
export function deliveryKey(...parts: unknown[]): string {
	return createHash('sha256').update(canonicalJson(parts)).digest('hex').slice(0, 32);
}

/** Recent delivery keys per workflow and node, for this n8n process (see rememberDelivery). */
const recentInProcess = new Map<string, string[]>();
const MAX_SCOPES = 1000;

/**
 * Records a delivery key and answers whether it was new. Kept twice, both bounded to `max` keys: in
 * the node's static data (`state[key]`) and in this process's memory under `scope` (workflow and node).
 * The memory is needed because n8n 2.40 does not keep what webhook() writes to static data when the
 * call starts an execution (observed in the end-to-end run); see docs/triggers.md.
 */
export function rememberDelivery(state: IDataObject, key: string, id: string, scope: string, max = 200): boolean {
	const stored = Array.isArray(state[key]) ? (state[key] as string[]) : [];
	const inMemory = recentInProcess.get(scope) ?? [];
	if (stored.includes(id) || inMemory.includes(id)) return false;
	state[key] = [...stored, id].slice(-max);
	recentInProcess.delete(scope);
	recentInProcess.set(scope, [...inMemory, id].slice(-max));
	if (recentInProcess.size > MAX_SCOPES) recentInProcess.delete(recentInProcess.keys().next().value as string);
	return true;
}

/** The scope of rememberDelivery: one workflow's one node. */
export function deliveryScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id ?? ctx.getNode().name}`;
}
