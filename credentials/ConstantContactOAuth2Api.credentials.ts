import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../nodes/ConstantContact/transport/environments';
import { rateLimitShareProperty } from '../nodes/common/limits/rateLimitShare';

/**
 * Constant Contact V3 OAuth2 (authorization-code grant). The URLs and the scope are hidden so that
 * every n8n version keeps them; they can be overridden on import (e.g. to point at an emulator).
 */
export class ConstantContactOAuth2Api implements ICredentialType {
	name = 'constantContactOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Constant Contact OAuth2 API';

	icon = {
		light: 'file:../nodes/ConstantContact/constantContact.svg',
		dark: 'file:../nodes/ConstantContact/constantContact.dark.svg',
	} as const;

	documentationUrl = 'https://developer.constantcontact.com/api_guide/server_flow.html';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create an application at https://app.constantcontact.com/pages/dma/portal/ , add the OAuth Redirect URL n8n shows above to it, and choose "Long Lived" refresh tokens (Rotating ones can break when two executions refresh at the same time).',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://authz.constantcontact.com/oauth2/default/v1/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://authz.constantcontact.com/oauth2/default/v1/token',
		},
		{
			// campaign_data: every /events endpoint; offline_access: without it no refresh token is issued.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'campaign_data offline_access',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Constant Contact wants the client ID and secret as an HTTP Basic header at the token endpoint.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: DEFAULT_BASE_URL,
		},
		rateLimitShareProperty,
	];

	// Needs no scope beyond a valid token (GET /account/user/privileges).
	test: ICredentialTestRequest = {
		request: {
			// As the transport's baseUrlOf: the hidden API Base URL, or the production root.
			baseURL: `={{ (String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "${DEFAULT_BASE_URL}") }}`,
			url: '/account/user/privileges',
			method: 'GET',
		},
	};
}
