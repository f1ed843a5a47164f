import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { environmentBaseUrlExpression } from '../nodes/common/base/environments';
import { FOURVENUES_ENVIRONMENTS } from '../nodes/Fourvenues/transport/environments';
import { rateLimitShareProperty } from '../nodes/common/limits/rateLimitShare';

export class FourvenuesApi implements ICredentialType {
	name = 'fourvenuesApi';

	displayName = 'Fourvenues API';

	icon = { light: 'file:../nodes/Fourvenues/fourvenues.svg', dark: 'file:../nodes/Fourvenues/fourvenues.dark.svg' } as const;

	documentationUrl = 'https://docs.fourvenues.com/channel-manager/introduction/requirements';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Channel Manager API key, provisioned by Fourvenues (integrations@fourvenues.com). Keys expire and are separate for Alpha and Production.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: `${FOURVENUES_ENVIRONMENTS.production} (live data)` },
				{ name: 'Alpha (Test)', value: 'alpha', description: `${FOURVENUES_ENVIRONMENTS.alpha} (test data, no real payments)` },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://channels-service.fourvenues.com',
			description: 'The API root (paths have no version prefix), e.g. a proxy or a local emulator',
			displayOptions: { show: { environment: ['custom'] } },
		},
		rateLimitShareProperty,
	];

	// A function, not a generic `={{$credentials…}}` property: n8n 2.x evaluates such an expression in its isolated
	// expression runtime on every request (about 0.7 ms of CPU each, measured), which a lookup per item pays per item.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		requestOptions.headers = { ...(requestOptions.headers ?? {}), 'X-Api-Key': String(credentials.apiKey ?? '') };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: environmentBaseUrlExpression(FOURVENUES_ENVIRONMENTS),
			url: '/auth',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Fourvenues did not accept the API key (GET /auth answered "success": false)',
				},
			},
		],
	};
}
