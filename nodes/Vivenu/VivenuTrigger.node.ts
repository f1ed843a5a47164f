import {
	NodeApiError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type NodeOperationError,
} from 'n8n-workflow';

import { operationError } from '../common/base/errors';
import {
	deleteTolerating404,
	forgetRegistration,
	newSigningKey,
	receiveDelivery,
	type SignatureForm,
	type SignedDelivery,
	toNodeError,
	WEBHOOK_TRIGGER_SHAPE,
	webhookUrlOf,
	type DeliveryReading,
} from '../common/triggers/webhook';
import { isRecord, vivenuEventKey, withoutSecretTokens } from './helpers/webhookEvents';
import { createClient } from './transport';
import {
	createWebhook,
	deleteWebhook,
	listWebhooks,
	subscribedEvents,
	updateWebhook,
	type VivenuWebhook,
	type WebhookRegistration,
} from './transport/webhooks';

/**
 * vivenu calls n8n: one registration per workflow URL, signed with a random key only this node holds.
 * What the code relies on (routes, envelope, signature form, retries) is in docs/providers/vivenu.md;
 * how activation, restarts and test mode behave is in docs/triggers.md.
 */

const EVENT_OPTIONS = [
	{ name: 'Transaction Complete', value: 'transaction.complete', description: 'An order was paid and completed' },
	{ name: 'Transaction Canceled', value: 'transaction.canceled', description: 'A whole order was canceled' },
	{ name: 'Transaction Partially Canceled', value: 'transaction.partiallyCanceled', description: 'Some tickets or products of an order were canceled' },
	{ name: 'Transaction Reserved by System', value: 'transaction.reservedBySystem', description: 'An order was reserved by vivenu, awaiting payment' },
	{ name: 'Checkout Completed', value: 'checkout.completed' },
	{ name: 'Checkout Aborted', value: 'checkout.aborted' },
	{ name: 'Checkout Details Submitted', value: 'checkout.detailsSubmitted' },
	{ name: 'Ticket Created', value: 'ticket.created' },
	{ name: 'Ticket Updated', value: 'ticket.updated' },
];

const SIGNATURE_HEADER = 'x-vivenu-signature';
/** vivenu signs the raw body (hex, reported by integrations; UNVERIFIED); base64 costs nothing to accept. */
const SIGNATURE_FORMS: readonly SignatureForm[] = [
	{ part: 'raw-body', encoding: 'hex' },
	{ part: 'raw-body', encoding: 'base64' },
];
const REGISTRATION_KEYS = ['webhookId', 'hmacKey', 'webhookUrl'];

interface HookState extends IDataObject {
	webhookId?: string;
	hmacKey?: string;
	webhookUrl?: string;
}

/** The signing key this node holds, to be masked in every error of its registration calls. */
function heldKeys(state: HookState): string[] {
	return typeof state.hmacKey === 'string' && state.hmacKey ? [state.hmacKey] : [];
}

function selectedEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	const events = ctx.getNodeParameter('events', []) as string[];
	return [...new Set(events)].sort();
}

function registrationName(ctx: IHookFunctions): string {
	// vivenu wants 5–30 characters.
	return `n8n workflow ${ctx.getWorkflow().id ?? ''}`.slice(0, 30).trim();
}

function registrationFor(ctx: IHookFunctions, url: string, hmacKey: string): WebhookRegistration {
	const events: Record<string, boolean> = {};
	for (const type of selectedEvents(ctx)) events[type] = true;
	return { name: registrationName(ctx), url, enabled: true, events, hmacKey };
}

function sameSet(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** vivenu refused the URL itself (e.g. localhost or a tunnel): say why and what to do. */
function explainRefusedUrl(ctx: IHookFunctions, error: unknown, url: string): NodeApiError | NodeOperationError {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400' || !/url/i.test(error.message)) return toNodeError(ctx.getNode(), error);
	return operationError({
		node: ctx.getNode(),
		message: `vivenu refused the webhook URL ${url}`,
		description:
			`${error.message}. vivenu delivers only to publicly reachable HTTPS addresses. ` +
			'Run n8n behind a public HTTPS address and set WEBHOOK_URL to it; for "Listen for test event" the test URL (/webhook-test/…) must be public too.',
	});
}

export class VivenuTrigger implements INodeType {
	description: INodeTypeDescription = {
		...WEBHOOK_TRIGGER_SHAPE,
		displayName: 'Vivenu Trigger',
		name: 'vivenuTrigger',
		icon: { light: 'file:vivenu.svg', dark: 'file:vivenu.dark.svg' },
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when a vivenu order is completed, canceled or reserved, or on checkout and ticket events; registers a webhook at vivenu while the workflow is active',
		defaults: { name: 'vivenu Trigger' },
		credentials: [{ name: 'vivenuApi', required: true }],
		properties: [
			{
				displayName:
					'On activation this node registers its URL at vivenu with a random signing key (or reuses the registration it made before) and removes it on deactivation. Deliveries without a valid signature are refused.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				default: ['transaction.complete'],
				description: 'Which vivenu events start the workflow',
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any', description: 'Production and development deliveries' },
					{ name: 'Production Only', value: 'prod', description: 'Ignore deliveries vivenu marks as development' },
					{ name: 'Development Only', value: 'dev', description: 'Ignore deliveries vivenu marks as production' },
				],
				default: 'any',
				description: 'Every delivery is marked by vivenu as production or development; deliveries of the other mode are acknowledged and dropped',
			},
			{
				displayName: 'Resolve Transaction',
				name: 'resolveTransaction',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the current transaction from vivenu by its ID before starting the workflow (one request per delivery; its secret token is left out). If that request fails, the workflow starts with fetchError instead.',
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * Runs on activation and on every start of n8n. Finds this workflow's registration by URL and
			 * adopts it, repairing events or key with a PUT, so a restart never adds a second one.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const url = webhookUrlOf(this);
				const client = await createClient(this, heldKeys(state));
				const mine = (await listWebhooks(client, this.getNode())).filter((hook) => hook.url === url);
				if (!mine.length) {
					forgetRegistration(state, REGISTRATION_KEYS);
					return false;
				}
				const keep: VivenuWebhook = mine.find((hook) => hook._id === state.webhookId) ?? mine[0];
				// Earlier duplicates of this URL (e.g. left by an older version) would deliver twice.
				for (const extra of mine) {
					if (extra._id !== keep._id) await deleteTolerating404(this, async () => await deleteWebhook(client, extra._id));
				}
				const holdsKey =
					typeof state.hmacKey === 'string' &&
					state.webhookId === keep._id &&
					(keep.hmacKey === undefined || keep.hmacKey === state.hmacKey);
				const wanted = selectedEvents(this);
				if (holdsKey && keep.enabled !== false && sameSet(subscribedEvents(keep.events), wanted)) {
					state.webhookUrl = url;
					return true;
				}
				const hmacKey = holdsKey ? (state.hmacKey as string) : newSigningKey();
				try {
					await updateWebhook(client, keep._id, registrationFor(this, url, hmacKey));
				} catch (error) {
					throw explainRefusedUrl(this, error, url);
				}
				Object.assign(state, { webhookId: keep._id, hmacKey, webhookUrl: url });
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const url = webhookUrlOf(this);
				const client = await createClient(this, heldKeys(state));
				const hmacKey = newSigningKey();
				let created: VivenuWebhook;
				try {
					created = await createWebhook(client, registrationFor(this, url, hmacKey));
				} catch (error) {
					throw explainRefusedUrl(this, error, url);
				}
				if (!created?._id) {
					throw operationError({ node: this.getNode(), message: 'vivenu did not return the ID of the new webhook registration' });
				}
				Object.assign(state, { webhookId: created._id, hmacKey, webhookUrl: url });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				if (typeof state.webhookId === 'string') {
					const client = await createClient(this, heldKeys(state));
					const id = state.webhookId;
					await deleteTolerating404(this, async () => await deleteWebhook(client, id));
				}
				forgetRegistration(state, REGISTRATION_KEYS, true);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as HookState;
		const wanted = selectedEvents(this);
		const mode = this.getNodeParameter('mode', 'any') as string;
		const read = (delivery: SignedDelivery): DeliveryReading => {
			const envelope = delivery.signed;
			if (!isRecord(envelope)) return { ignore: 'not a vivenu event envelope' };
			const type = envelope.type;
			if (typeof type !== 'string' || !wanted.includes(type)) return { ignore: `event ${String(type)} not selected` };
			if (mode !== 'any' && envelope.mode !== mode) return { ignore: `mode ${String(envelope.mode)}` };
			if (!isRecord(envelope.data)) return { ignore: `event ${type} without data` };
			return { key: vivenuEventKey(type, envelope.data), item: withoutSecretTokens(envelope) };
		};
		return await receiveDelivery(this, state, {
			header: SIGNATURE_HEADER,
			secret: state.hmacKey,
			forms: SIGNATURE_FORMS,
			read,
			enrich: async (item) => {
				const data = (item.data ?? {}) as IDataObject;
				// A ticket event names its transaction in ticket.transactionId (TicketResource); a checkout event names none.
				const transactionId = (data.transaction as IDataObject | undefined)?._id ?? (data.ticket as IDataObject | undefined)?.transactionId;
				if (!this.getNodeParameter('resolveTransaction', false) || typeof transactionId !== 'string') return item;
				const client = await createClient(this, heldKeys(state));
				const { body } = await client.request<IDataObject>('GET', `/transactions/${encodeURIComponent(transactionId)}`, { idempotent: true, expect: 'object' });
				return { ...item, data: { ...data, transaction: withoutSecretTokens(body) } };
			},
		});
	}
}
