import type { IDataObject, IHookFunctions, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationError } from './errors';
import {
	deliveryScope,
	forgetDelivery,
	hmacSha256Hex,
	ignoreDelivery,
	isNotFound,
	rawBodyOf,
	refuseDelivery,
	rememberDelivery,
	signatureMatches,
	toNodeError,
} from './webhookSecurity';

/**
 * The lifecycle every webhook trigger of the package shares (register on activation, verify, start
 * once, enrich): what differs per provider is only the registration API and the delivery's shape.
 */

/** Where a webhook trigger's static data keeps the delivery IDs already seen. */
export const SEEN_DELIVERIES_KEY = 'recentDeliveryIds';

/** What every webhook trigger's description has in common (spread into it): one POST webhook answered on receipt, no inputs. */
export const WEBHOOK_TRIGGER_SHAPE = {
	group: ['trigger'],
	version: 1,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
} satisfies Partial<INodeTypeDescription>;

/** The production or test URL n8n gives this trigger. */
export function webhookUrlOf(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw operationError({ node: ctx.getNode(), message: 'n8n gave this trigger no webhook URL' });
	return url;
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

/** Drops what static data holds of a registration and, with `seen`, the delivery IDs too. */
export function forgetRegistration(state: IDataObject, keys: string[], seen = false): void {
	for (const key of keys) delete state[key];
	if (seen) delete state[SEEN_DELIVERIES_KEY];
}

/**
 * A refusal (401, no execution) unless `header` holds the hex HMAC-SHA256 of the raw body keyed with
 * `secret`; undefined when the delivery is genuine.
 */
export function refuseUnsigned(ctx: IWebhookFunctions, secret: unknown, header: string): IWebhookResponseData | undefined {
	const raw = rawBodyOf(ctx);
	if (typeof secret === 'string' && raw && signatureMatches(ctx.getHeaderData()[header], hmacSha256Hex(secret, raw))) return undefined;
	return refuseDelivery(ctx, 401, `Invalid or missing ${header}`);
}

/**
 * Starts one execution per delivery ID: a repeat is acknowledged and dropped. When building the item
 * fails (an enrichment request), the ID is released and the delivery fails, so the provider's retry of
 * it runs instead of counting as a duplicate.
 */
export async function startOnce(
	ctx: IWebhookFunctions,
	state: IDataObject,
	deliveryId: string | undefined,
	build: () => Promise<IDataObject> | IDataObject,
): Promise<IWebhookResponseData> {
	const scope = deliveryScope(ctx);
	if (deliveryId && !rememberDelivery(state, SEEN_DELIVERIES_KEY, deliveryId, scope)) return ignoreDelivery(ctx, 'duplicate delivery');
	try {
		const item = await build();
		return { workflowData: [ctx.helpers.returnJsonArray([item])] };
	} catch (error) {
		if (deliveryId) forgetDelivery(state, SEEN_DELIVERIES_KEY, deliveryId, scope);
		throw toNodeError(ctx.getNode(), error);
	}
}
