import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { RCP_NAMESPACE } from '../nodes/RestrictContentPro/transport/environments';
import { rateLimitShareProperty } from '../nodes/common/limits/rateLimitShare';

export class RestrictContentProApi implements ICredentialType {
	name = 'restrictContentProApi';

	displayName = 'Restrict Content Pro API';

	icon = { light: 'file:../nodes/RestrictContentPro/restrictContentPro.svg', dark: 'file:../nodes/RestrictContentPro/restrictContentPro.dark.svg' } as const;

	documentationUrl = 'https://help.ithemes.com/hc/en-us/articles/360051376514-REST-API-Overview';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://members.example.com',
			description: 'The address of the WordPress site, without /wp-json. Include the folder if WordPress is installed in one.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The WordPress username (or e-mail address) of an administrator, or of a user with the Restrict Content Pro payment capabilities',
		},
		{
			displayName: 'Application Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created in WordPress under Users → Profile → Application Passwords (WordPress 5.6+). Not the normal login password. The spaces WordPress shows may be kept.',
		},
		{
			displayName: 'URL Style',
			name: 'urlStyle',
			type: 'options',
			options: [
				{
					name: 'Pretty Permalinks (/wp-json/)',
					value: 'wpJson',
					description: 'https://site/wp-json/rcp/v1/payments — the usual form',
				},
				{
					name: 'Plain Permalinks (?rest_route=)',
					value: 'restRoute',
					description: 'https://site/?rest_route=/rcp/v1/payments — for sites whose permalinks are set to "Plain"',
				},
			],
			default: 'wpJson',
			description: 'How the site exposes its REST API. Use "Plain Permalinks" if /wp-json/ gives a "page not found".',
		},
		{
			displayName: 'REST Prefix',
			name: 'restPrefix',
			type: 'string',
			default: 'wp-json',
			description: 'Only change this if the site renamed its REST API prefix (the rest_url_prefix filter)',
			displayOptions: { show: { urlStyle: ['wpJson'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the SSL certificate cannot be verified, e.g. a staging site with a self-signed certificate',
		},
		rateLimitShareProperty,
	];

	// A function, not a generic `={{$credentials…}}` property: n8n 2.x evaluates such an expression in its isolated
	// expression runtime on every request (about 0.7 ms of CPU each, measured), which a lookup per item pays per item.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		requestOptions.auth = { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') };
		return requestOptions;
	}

	// Lists one payment: proves the site URL, the REST add-on, the login and the payments capability in one call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.url).trim().replace(/\\/+$/, "") }}',
			// As the transport's routeUrl: ?rest_route= for plain permalinks, the REST prefix otherwise.
			url: `={{ $credentials.urlStyle === "restRoute" ? "/?rest_route=${RCP_NAMESPACE}/payments" : "/" + (String($credentials.restPrefix || "wp-json").trim().replace(/^\\/+|\\/+$/g, "") || "wp-json") + "${RCP_NAMESPACE}/payments" }}`,
			qs: { number: 1 },
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'WordPress did not log in: check the Username and the Application Password (not the normal password). If both are right, the web server may be stripping the Authorization header.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Logged in, but this WordPress user may not view Restrict Content Pro payments. Use an administrator, or a user with the rcp_view_payments capability.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Restrict Content Pro REST route at this address: check the Site URL and URL Style, and that the RCP "REST API" add-on is active.',
				},
			},
		],
	};
}
