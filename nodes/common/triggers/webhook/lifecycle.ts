import { randomBytes } from 'node:crypto';
import type { IDataObject, IHookFunctions, INode, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { errorMessage, operationError } from '../../base/errors';
import { SEEN_DELIVERIES_KEY } from './deliveries';

/**
 * What every webhook trigger of the package shares around registration (register on activation,
 * adopt on restart, delete on deactivation) and around answering a delivery itself.
 */

/** What every webhook trigger's description has in common (spread into it): one POST webhook answered on receipt, no inputs. */
export const WEBHOOK_TRIGGER_SHAPE = {
	group: ['trigger'],
	version: 1,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
} satisfies Partial<INodeTypeDescription>;

/** A random signing key (64 hex characters) for providers that let the caller choose it. */
export function newSigningKey(): string {
	return randomBytes(32).toString('hex');
}

/** The production or test URL n8n gives this trigger. */
export function webhookUrlOf(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw operationError({ node: ctx.getNode(), message: 'n8n gave this trigger no webhook URL' });
	return url;
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

/** Deletes a registration; one that is already gone (404) is what was wanted. */
export async function deleteTolerating404(ctx: IHookFunctions, remove: () => Promise<unknown>): Promise<void> {
	try {
		await remove();
	} catch (error) {
		if (isNotFound(error)) return;
		throw toNodeError(ctx.getNode(), error);
	}
}

/** Drops what static data holds of a registration and, with `seen`, the delivery keys too. */
export function forgetRegistration(state: IDataObject, keys: string[], seen = false): void {
	for (const key of keys) delete state[key];
	if (seen) delete state[SEEN_DELIVERIES_KEY];
}

/** The bytes the provider signed: n8n keeps them as `req.rawBody`. */
export function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const raw = (ctx.getRequestObject() as unknown as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

/** Answers the delivery itself (e.g. 401) and tells n8n to start no execution. */
export function refuseDelivery(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/** Accepts a delivery without starting an execution (a duplicate, or an event this trigger does not want). */
export function ignoreDelivery(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.getResponseObject().status(200).json({ received: true, ignored: reason });
	return { noWebhookResponse: true };
}
