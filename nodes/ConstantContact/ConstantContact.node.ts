import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../common';
import { router } from './actions/router';
import * as event from './actions/event';
import * as registration from './actions/registration';
import { FREE_REGISTRATIONS_NOTE } from './actions/registration/updatePaymentStatus.operation';
import { searchEvents, searchTracks } from './methods/listSearch';

export class ConstantContact implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Constant Contact',
		name: 'constantContact',
		icon: { light: 'file:constantContact.svg', dark: 'file:constantContact.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Update the payment status of Constant Contact event registrations (e.g. mark as paid) or cancel them, in bulk; read events and registrations',
		defaults: { name: 'Constant Contact' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'constantContactOAuth2Api', required: true }],
		// Shown in the editor (n8n ignores hints it does not know, e.g. older 1.x lines).
		hints: [
			{
				message: FREE_REGISTRATIONS_NOTE,
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] === "registration" && $parameter["operation"] === "updatePaymentStatus" }}',
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Event', value: 'event' },
					{ name: 'Registration', value: 'registration' },
				],
				default: 'registration',
			},
			...event.description,
			...registration.description,
			requestOptionsProperty('4 per second, Constant Contact’s limit per application, times the credential’s Rate Limit Share'),
		],
	};

	methods = {
		listSearch: { searchEvents, searchTracks },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
