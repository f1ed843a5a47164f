import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readTriggerNumber } from '../common/run/parameters';
import { isManualPoll, pollOnCopy } from '../common/triggers/polling';
import { STATUS_OPTIONS } from './actions/payment/fields';
import { isFirstPoll, pollPayments, type RcpPollState } from './helpers/poll';
import { createClient } from './transport';

/**
 * Restrict Content Pro sends no webhooks, so this trigger polls the payments list. How the cursor works
 * and what a poll costs: docs/triggers.md and docs/providers/restrict-content-pro.md.
 */
export class RestrictContentProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Restrict Content Pro Trigger',
		name: 'restrictContentProTrigger',
		icon: { light: 'file:restrictContentPro.svg', dark: 'file:restrictContentPro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow on new Restrict Content Pro membership payments and on payments whose status changed, by polling (changes nothing on the site)',
		defaults: { name: 'Restrict Content Pro Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'restrictContentProApi', required: true }],
		properties: [
			{
				displayName:
					'Restrict Content Pro sends no webhooks: this node reads the newest payments at every poll (usually one request of up to 100 payments). The first poll only remembers where the list stands.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				description: 'Which changes of the payment list start the workflow (one item per payment)',
				options: [
					{ name: 'New Payment', value: 'newPayment', description: 'A payment recorded since the last poll' },
					{ name: 'Payment Status Changed', value: 'statusChanged', description: 'A payment whose status changed, e.g. to refunded or failed' },
				],
				default: ['newPayment'],
			},
			{
				displayName: 'Only Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUS_OPTIONS,
				default: [],
				description: 'Emit only payments with one of these statuses (for a change: the new status). None = all.',
			},
			{
				displayName: 'Membership Level Name',
				name: 'level',
				type: 'string',
				default: '',
				placeholder: 'Gold',
				description: 'Only payments for this membership level (RCP filters by the level name, ignoring case). Empty = all levels.',
			},
			{
				displayName: 'Payments Watched for Status Changes',
				name: 'watch',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description:
					'How many of the newest payments are compared with their last seen status at every poll. RCP records no modification time, so a change to an older payment goes unnoticed. Up to 100 costs one request per poll.',
				displayOptions: { show: { events: ['statusChanged'] } },
			},
			{
				displayName: 'Back-Fill on First Poll',
				name: 'backfill',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000 },
				default: 0,
				description: 'How many of the newest existing payments the first poll emits as new. 0 = start with payments recorded from now on.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		const options = {
			events,
			statuses: this.getNodeParameter('statuses', []) as string[],
			level: String(this.getNodeParameter('level', '') ?? '').trim(),
			watch: events.includes('statusChanged') ? readTriggerNumber(this, 'watch', 'Payments Watched for Status Changes', 100, { integer: true, min: 1, max: 1000 }) : 1,
			backfill: readTriggerNumber(this, 'backfill', 'Back-Fill on First Poll', 0, { integer: true, min: 0, max: 1000 }),
		};
		const client = await createClient(this);
		if (isManualPoll(this)) {
			const items = await pollPayments(this, client, {}, options);
			return items.length ? [this.helpers.returnJsonArray(items)] : null;
		}
		return await pollOnCopy<RcpPollState>(this, async (state) => {
			const first = isFirstPoll(state);
			return { items: await pollPayments(this, client, state, options), first };
		});
	}
}
