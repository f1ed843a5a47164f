import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { environmentBaseUrlExpression } from '../nodes/common/base/environments';
import { VIVENU_ENVIRONMENTS } from '../nodes/Vivenu/transport/environments';
import { rateLimitShareProperty } from '../nodes/common/limits/rateLimitShare';

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

	// A function, not a generic `={{$credentials…}}` property: n8n 2.x evaluates such an expression in its isolated
	// expression runtime on every request (about 0.7 ms of CPU each, measured), which a lookup per item pays per item.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		requestOptions.headers = { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.apiKey ?? '')}` };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: environmentBaseUrlExpression(VIVENU_ENVIRONMENTS),
			url: '/keys/info',
			method: 'GET',
		},
	};
}
