import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { environmentBaseUrlExpression } from '../nodes/common/environments';
import { FLEXIOWN_ENVIRONMENTS } from '../nodes/Flexiown/transport/environments';
import { rateLimitShareProperty } from '../nodes/common/rateLimitShare';

/** The API Version Path as an expression: "/v1", or nothing when the field is empty (as transport's versionSegmentOf). */
const VERSION_SEGMENT = '(String($credentials.versionPrefix || "").trim().replace(/^\\/+|\\/+$/g, "") ? "/" + String($credentials.versionPrefix).trim().replace(/^\\/+|\\/+$/g, "") : "")';

/** POST {base}status/{payment-id}: the one endpoint whose JSON body also declares the API key (`apiKey`). */
function isStatusUpdate(options: IHttpRequestOptions): boolean {
	if (String(options.method ?? 'GET').toUpperCase() !== 'POST') return false;
	const path = String(options.url ?? '').split(/[?#]/)[0];
	return /\/status\/[^/]+\/?$/.test(path);
}

/** Puts `apiKey` first in a JSON object body (the docs' field order), replacing any value already there. */
function withApiKey(body: IHttpRequestOptions['body'], apiKey: string): IHttpRequestOptions['body'] {
	let parsed: unknown = body;
	const asText = typeof body === 'string';
	if (asText) {
		try {
			parsed = JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
	const merged: IDataObject = { apiKey };
	for (const [key, value] of Object.entries(parsed as IDataObject)) if (key !== 'apiKey') merged[key] = value;
	return asText ? JSON.stringify(merged) : merged;
}

export class FlexiownApi implements ICredentialType {
	name = 'flexiownApi';

	displayName = 'Flexiown API';

	icon = { light: 'file:../nodes/Flexiown/flexiown.svg', dark: 'file:../nodes/Flexiown/flexiown.dark.svg' } as const;

	documentationUrl = 'https://docs.dev.flexiown.co.za/payments/authentication.html';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The merchant API key Flexiown (Teljoy) issued to your store. Production and staging keys are separate.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: FLEXIOWN_ENVIRONMENTS.production },
				{ name: 'Staging', value: 'staging', description: FLEXIOWN_ENVIRONMENTS.staging },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://pay.teljoy.co.za/api',
			description: 'The API root up to and including /api, e.g. a proxy or a local emulator',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Version Path',
			name: 'versionPrefix',
			type: 'string',
			default: '',
			placeholder: 'v1',
			description:
				"Path segment between /api/ and the endpoint. Leave empty to call /api/status/… like Teljoy's WooCommerce plugin; enter v1 to call /api/v1/status/… like the API docs' examples.",
		},
		{
			displayName: 'Send API Key in Status Update Body',
			name: 'keyInStatusBody',
			type: 'boolean',
			default: true,
			description:
				'Whether to also send the API key as "apiKey" in the JSON body of status updates, as the API docs require. The WooCommerce plugin sends it only in the api-key header.',
		},
		rateLimitShareProperty,
	];

	/**
	 * The key goes in the `api-key` header of every request and, for status updates (whose documented
	 * body has an `apiKey` field), into the JSON body too. Node code never reads the key.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const apiKey = String(credentials.apiKey ?? '');
		requestOptions.headers = { ...(requestOptions.headers ?? {}), 'api-key': apiKey };
		if (credentials.keyInStatusBody !== false && requestOptions.body !== undefined && isStatusUpdate(requestOptions)) {
			requestOptions.body = withApiKey(requestOptions.body, apiKey);
		}
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: environmentBaseUrlExpression(FLEXIOWN_ENVIRONMENTS, VERSION_SEGMENT),
			url: '/merchant',
			method: 'GET',
		},
	};
}
