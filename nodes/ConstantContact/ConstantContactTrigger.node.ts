import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationError } from '../common/base/errors';
import { readTriggerNumber } from '../common/run/parameters';
import { isManualPoll, pollOnCopy } from '../common/triggers/polling';
import { eventIdField, trackIdField } from './actions/fields';
import { isFirstPoll, pollRegistrations, type CcPollState } from './helpers/poll';
import { searchEvents, searchTracks } from './methods/listSearch';
import { createClient } from './transport';

/**
 * Constant Contact has no webhooks for events or registrations, so this trigger polls one event's
 * registration list. What a poll costs and how the cursor works: docs/triggers.md.
 */
export class ConstantContactTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Constant Contact Trigger',
		name: 'constantContactTrigger',
		icon: { light: 'file:constantContact.svg', dark: 'file:constantContact.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow on new registrations of a Constant Contact event and on registrations whose payment or registration status changed, by polling (changes nothing at Constant Contact)',
		defaults: { name: 'Constant Contact Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'constantContactOAuth2Api', required: true }],
		properties: [
			{
				displayName:
					"Cost: Constant Contact cannot say what changed, so every poll reads the event's whole registration list: one request per page (Registrations per Request), plus one the first time to find the default track. Polling every 5 minutes is 288 requests a day per page, about 3% of the app's 10,000 requests a day, which every workflow using this app shares. Poll less often for large events.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			eventIdField,
			trackIdField,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				description: 'Which changes of the registration list start the workflow (one item per registration)',
				options: [
					{ name: 'New Registration', value: 'newRegistration' },
					{ name: 'Status Changed', value: 'statusChanged', description: 'The payment status or the registration status of a registration changed' },
				],
				default: ['newRegistration'],
			},
			{
				displayName: 'Registrations per Request',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 500 },
				default: 100,
				description:
					'Page size of the registration list. Larger pages mean fewer requests per poll; the largest size Constant Contact accepts is undocumented (500 is reported).',
			},
			{
				displayName: 'Back-Fill on First Poll',
				name: 'backfill',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000000 },
				default: 0,
				description: 'How many of the newest existing registrations the first poll emits as new. 0 = only registrations made from now on.',
			},
		],
	};

	methods = {
		listSearch: { searchEvents, searchTracks },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const eventId = String(this.getNodeParameter('eventId', '', { extractValue: true }) ?? '').trim();
		if (!eventId) throw operationError({ node: this.getNode(), message: 'Event: is empty', description: 'Pick the event whose registrations start the workflow.' });
		const client = await createClient(this);
		const chosenTrack = String(this.getNodeParameter('trackId', '', { extractValue: true }) ?? '').trim();
		const options = {
			eventId,
			events: this.getNodeParameter('events', []) as string[],
			// Checked, not clamped: also a value n8n did not check (an expression, an imported workflow).
			pageSize: readTriggerNumber(this, 'pageSize', 'Page Size', 100, { integer: true, min: 1, max: 500 }),
			backfill: readTriggerNumber(this, 'backfill', 'Back-Fill on First Poll', 0, { integer: true, min: 0, max: 1_000_000 }),
		};
		if (isManualPoll(this)) {
			const trackId = chosenTrack || (await client.trackOf(eventId, undefined, 0));
			const items = await pollRegistrations(this, client, {}, { ...options, trackId });
			return items.length ? [this.helpers.returnJsonArray(items)] : null;
		}
		return await pollOnCopy<CcPollState>(this, async (state) => {
			// The default track is looked up once and kept with the cursor, so a poll costs only the list pages.
			const cachedTrack = state.trackFor === eventId && typeof state.track === 'string' ? state.track : undefined;
			const trackId = chosenTrack || cachedTrack || (await client.trackOf(eventId, undefined, 0));
			if (!chosenTrack) Object.assign(state, { trackFor: eventId, track: trackId });
			const first = isFirstPoll(state, `${eventId}/${trackId}`);
			return { items: await pollRegistrations(this, client, state, { ...options, trackId }), first };
		});
	}
}
