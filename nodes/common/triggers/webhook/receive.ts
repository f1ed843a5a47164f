import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { errorMessage } from '../../base/errors';
import { deliveryScope, rememberDelivery, SEEN_DELIVERIES_KEY } from './deliveries';
import { ignoreDelivery, rawBodyOf, refuseDelivery } from './lifecycle';
import { type SignatureForm, type SignedDelivery, verifySignature } from './signature';

/**
 * One delivery, start to end: verify (401 unless signed), read what is signed (200 and ignored when it
 * is not wanted or not understood), start one execution per identity, enrich. Never a 5xx: a provider
 * retries those, and a retry of an event already started would only be dropped as a duplicate.
 */

/** What a provider makes of a verified delivery: the item and its identity, or why it is ignored. */
export type DeliveryReading = { ignore: string } | { key: string; item: IDataObject };

export interface DeliveryRules {
	/** The header carrying the signature. */
	header: string;
	/** The signing secret the node holds (from its static data). */
	secret: unknown;
	/** The forms accepted, in the order they are tried. */
	forms: readonly SignatureForm[];
	/** Reads the signed content only: the identity must not come from anything the signature leaves out. */
	read: (delivery: SignedDelivery) => DeliveryReading;
	/** Adds what a request fetches (optional); a failure is put into the item as `fetchError`. */
	enrich?: (item: IDataObject) => Promise<IDataObject>;
}

export async function receiveDelivery(ctx: IWebhookFunctions, state: IDataObject, rules: DeliveryRules): Promise<IWebhookResponseData> {
	const node = ctx.getNode().name;
	const delivery = verifySignature({
		secret: rules.secret,
		header: ctx.getHeaderData()[rules.header],
		rawBody: rawBodyOf(ctx),
		parsedBody: ctx.getBodyData(),
		forms: rules.forms,
	});
	if (!delivery) {
		ctx.logger.warn(`${node}: delivery refused: missing or invalid ${rules.header}`);
		return refuseDelivery(ctx, 401, `Invalid or missing ${rules.header}`);
	}
	let reading: DeliveryReading;
	try {
		reading = rules.read(delivery);
	} catch (error) {
		reading = { ignore: `unreadable delivery (${errorMessage(error)})` };
	}
	if ('ignore' in reading) {
		ctx.logger.info(`${node}: signed delivery (${delivery.form}) ignored: ${reading.ignore}`);
		return ignoreDelivery(ctx, reading.ignore);
	}
	if (!rememberDelivery(state, SEEN_DELIVERIES_KEY, reading.key, deliveryScope(ctx))) {
		ctx.logger.info(`${node}: signed delivery (${delivery.form}) ignored: duplicate`);
		return ignoreDelivery(ctx, 'duplicate delivery');
	}
	ctx.logger.info(`${node}: signed delivery (${delivery.form}) accepted`);
	let item: IDataObject = { ...reading.item, signatureForm: delivery.form };
	if (rules.enrich) {
		try {
			item = await rules.enrich(item);
		} catch (error) {
			const httpCode = (error as { httpCode?: unknown }).httpCode;
			item = { ...item, fetchError: { message: errorMessage(error), ...(typeof httpCode === 'string' ? { httpCode } : {}) } };
			ctx.logger.warn(`${node}: fetching for the delivery failed; the workflow starts with fetchError: ${errorMessage(error)}`);
		}
	}
	return { workflowData: [ctx.helpers.returnJsonArray([item])] };
}
