import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorMessage, operationError } from './errors';

/**
 * What every webhook trigger of the package needs around a delivery: a fresh signing key, the raw
 * body, an HMAC compared in constant time, a refusal that starts no execution, and a bounded memory
 * of the delivery IDs already seen. Kept apart from the request machinery: nothing here calls an API.
 */

/** A random signing key (64 hex characters) for providers that let the caller choose it. */
export function newSigningKey(): string {
	return randomBytes(32).toString('hex');
}

/** The bytes the provider signed: n8n keeps them as `req.rawBody`; never re-serialise parsed JSON. */
export function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const raw = (ctx.getRequestObject() as unknown as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

/** Lowercase hex HMAC-SHA256 of `raw` keyed with the UTF-8 `key`. */
export function hmacSha256Hex(key: string, raw: Buffer): string {
	return createHmac('sha256', key).update(raw).digest('hex');
}

/**
 * Whether a signature header holds the expected hex digest: an optional `sha256=` prefix is
 * stripped, case is ignored, and the comparison runs in constant time after a length check.
 */
export function signatureMatches(header: unknown, expectedHex: string): boolean {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || !value) return false;
	let given = value.trim().toLowerCase();
	if (given.startsWith('sha256=')) given = given.slice('sha256='.length);
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expectedHex.toLowerCase(), 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers the delivery itself (e.g. 401) and tells n8n to start no execution. */
export function refuseDelivery(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json({ message });
	return { noWebhookResponse: true };
}

/** Accepts a delivery without starting an execution (a duplicate, or an event this trigger does not want). */
export function ignoreDelivery(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(200).json({ received: true, ignored: reason });
	return { noWebhookResponse: true };
}

/** Recent delivery IDs per workflow and node, for this n8n process (see rememberDelivery). */
const recentInProcess = new Map<string, string[]>();
const MAX_SCOPES = 1000;

/**
 * Records a delivery ID and answers whether it was new. Kept twice, both bounded to `max` IDs:
 * in the node's static data (`state[key]`) and in this process's memory under `scope` (workflow and
 * node). The memory is needed because n8n 2.40 does not keep what webhook() writes to static data
 * when the call starts an execution (observed in the end-to-end run); see docs/triggers.md.
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

/**
 * Releases a delivery ID that rememberDelivery recorded when handling that delivery failed, so the
 * provider's retry of it starts the workflow instead of being dropped as a duplicate.
 */
export function forgetDelivery(state: IDataObject, key: string, id: string, scope: string): void {
	if (Array.isArray(state[key])) state[key] = (state[key] as string[]).filter((x) => x !== id);
	const inMemory = recentInProcess.get(scope);
	if (inMemory) recentInProcess.set(scope, inMemory.filter((x) => x !== id));
}

/** The scope of rememberDelivery: one workflow's one node. */
export function deliveryScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id ?? ctx.getNode().name}`;
}

/** Whether an error is the API's 404 (e.g. deleting a registration that is already gone). */
export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Whatever was thrown, as an n8n error (the package's own errors pass unchanged). */
export function toNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return operationError({ node, message: errorMessage(error) });
}
