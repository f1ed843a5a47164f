import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { answerError } from '../common/base/errors';
import {
	ALL_SIGNATURE_FORMS,
	deleteTolerating404,
	forgetRegistration,
	receiveDelivery,
	WEBHOOK_TRIGGER_SHAPE,
	webhookUrlOf,
} from '../common/triggers/webhook';
import { readFourvenuesDelivery } from './helpers/webhookEvents';
import { createClient, type FourvenuesClient } from './transport';
import { createEndpoint, deleteEndpoint, listEndpoints } from './transport/webhooks';

/**
 * Fourvenues calls n8n. Its signing secret is shown only when the endpoint is created, so an endpoint
 * of this URL whose secret the node does not hold is deleted and created again. What the code relies
 * on (and what is UNVERIFIED) is in docs/providers/fourvenues.md; the lifecycle in docs/triggers.md.
 */

const SIGNATURE_HEADER = 'x-webhook-signature';
const REGISTRATION_KEYS = ['endpointId', 'signSecret', 'webhookUrl'];

interface HookState extends IDataObject {
	endpointId?: string;
	signSecret?: string;
	webhookUrl?: string;
}

/** Deletes an endpoint; one that is already gone is what was wanted. */
async function removeEndpoint(ctx: IHookFunctions, client: FourvenuesClient, id: string): Promise<void> {
	await deleteTolerating404(ctx, async () => await deleteEndpoint(client, id));
}

/** The signing secret this node holds, to be masked in every error of its registration calls. */
function heldSecrets(state: HookState): string[] {
	return typeof state.signSecret === 'string' && state.signSecret ? [state.signSecret] : [];
}

export class FourvenuesTrigger implements INodeType {
	description: INodeTypeDescription = {
		...WEBHOOK_TRIGGER_SHAPE,
		displayName: 'Fourvenues Trigger',
		name: 'fourvenuesTrigger',
		icon: { light: 'file:fourvenues.svg', dark: 'file:fourvenues.dark.svg' },
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when a Fourvenues payment succeeds or a ticket refund is requested; registers a webhook endpoint at Fourvenues while the workflow is active',
		defaults: { name: 'Fourvenues Trigger' },
		credentials: [{ name: 'fourvenuesApi', required: true }],
		properties: [
			{
				displayName:
					'On activation this node registers its URL at Fourvenues (or reuses the endpoint it created before) and removes it on deactivation. Deliveries without a valid signature are refused; a delivery Fourvenues repeats starts the workflow once.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Payment Success', value: 'payment.success', description: 'A checkout was paid' },
					{ name: 'Ticket Refund Requested', value: 'ticket.request_refund', description: 'A ticket needs refunding' },
				],
				default: ['payment.success'],
				description: 'Which Fourvenues events start the workflow (Fourvenues sends every event to every endpoint; the others are acknowledged and dropped)',
			},
			{
				displayName: 'Fetch Payment',
				name: 'fetchPayment',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the full payment (status, amounts, tickets) for Payment Success before starting the workflow; the event itself carries only IDs. One request per delivery; if it fails, the workflow starts with fetchError instead.',
			},
		],
	};

	webhookMethods = {
		default: {
			/** Runs on activation and on every start of n8n: adopts this URL's endpoint only if its secret is held. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const url = webhookUrlOf(this);
				const client = await createClient(this, heldSecrets(state));
				const mine = (await listEndpoints(client)).filter((endpoint) => endpoint.url === url);
				const held = typeof state.signSecret === 'string' ? mine.find((endpoint) => endpoint._id === state.endpointId) : undefined;
				// Endpoints whose secret is lost cannot be verified, and duplicates would deliver twice.
				for (const endpoint of mine) {
					if (endpoint !== held) await removeEndpoint(this, client, endpoint._id);
				}
				if (!held) {
					forgetRegistration(state, REGISTRATION_KEYS);
					return false;
				}
				state.webhookUrl = url;
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const url = webhookUrlOf(this);
				const client = await createClient(this, heldSecrets(state));
				const name = `n8n workflow ${this.getWorkflow().id ?? ''}`.trim();
				const created = await createEndpoint(client, name, url);
				if (!created._id || typeof created.sign_secret !== 'string' || !created.sign_secret) {
					// Without the secret no delivery could be verified: remove what was made and say so.
					if (created._id) await removeEndpoint(this, client, created._id);
					throw answerError({
						node: this.getNode(),
						message: 'Fourvenues did not return the ID and signing secret of the new webhook endpoint',
						body: { ...created, sign_secret: created.sign_secret ? '***' : created.sign_secret },
						secrets: client.secrets,
					});
				}
				Object.assign(state, { endpointId: created._id, signSecret: created.sign_secret, webhookUrl: url });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				if (typeof state.endpointId === 'string') {
					const client = await createClient(this, heldSecrets(state));
					await removeEndpoint(this, client, state.endpointId);
				}
				forgetRegistration(state, REGISTRATION_KEYS, true);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as HookState;
		const wanted = this.getNodeParameter('events', []) as string[];
		return await receiveDelivery(this, state, {
			header: SIGNATURE_HEADER,
			secret: state.signSecret,
			// Fourvenues: "HMAC-SHA256 of the stringified event payload"; which bytes and which encoding is UNVERIFIED.
			forms: ALL_SIGNATURE_FORMS,
			read: (delivery) => readFourvenuesDelivery(delivery, wanted),
			enrich: async (item) => {
				const payload = (item.payload ?? {}) as IDataObject;
				if (item.event !== 'payment.success' || !this.getNodeParameter('fetchPayment', false) || typeof payload.payment_id !== 'string') return item;
				const client = await createClient(this, heldSecrets(state));
				return { ...item, payment: await client.one(`/payments/${encodeURIComponent(payload.payment_id)}`) };
			},
		});
	}
}
