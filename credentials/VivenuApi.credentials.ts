import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { environmentBaseUrlExpression } from '../nodes/common/environments';
import { VIVENU_ENVIRONMENTS } from '../nodes/Vivenu/transport/environments';
import { rateLimitShareProperty } from '../nodes/common/rateLimitShare';

export class VivenuApi implements ICredentialType {
	name = 'vivenuApi';

	displayName = 'Vivenu API';

	icon = { light: 'file:../nodes/Vivenu/vivenu.svg', dark: 'file:../nodes/Vivenu/vivenu.dark.svg' } as const;

	documentationUrl = 'https://docs.vivenu.dev/api_keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created in the vivenu Dashboard under Developer → API Keys. Production and staging keys are separate.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: VIVENU_ENVIRONMENTS.production },
				{ name: 'Staging', value: 'staging', description: VIVENU_ENVIRONMENTS.staging },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://vivenu.com/api',
			description: 'The API root including /api, e.g. a proxy or a local emulator',
			displayOptions: { show: { environment: ['custom'] } },
		},
		rateLimitShareProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: environmentBaseUrlExpression(VIVENU_ENVIRONMENTS),
			url: '/keys/info',
			method: 'GET',
		},
	};
}
