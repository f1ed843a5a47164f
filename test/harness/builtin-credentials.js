'use strict';

/**
 * Minimal stand-ins for the generic credential types that ship with
 * n8n-nodes-base (which is not a dependency of this package). Community
 * credentials refer to them through `extends: ['oAuth2Api']` etc., and
 * n8n-core's request helpers switch to their OAuth code paths when one of
 * these names is among a credential's parent types.
 *
 * Property names, types and defaults follow the public n8n credential
 * documentation so that defaults are applied the same way n8n does when it
 * decrypts credentials (e.g. `grantType` defaults to 'authorizationCode',
 * `authentication` to 'header').
 */

const hidden = (name, value) => ({ displayName: name, name, type: 'hidden', default: value });

const noDcr = { show: { useDynamicClientRegistration: [false] } };

class OAuth2Api {
	constructor() {
		this.name = 'oAuth2Api';
		this.displayName = 'OAuth2 API';
		this.genericAuth = true;
		this.properties = [
			hidden('useDynamicClientRegistration', false),
			{
				displayName: 'Grant Type',
				name: 'grantType',
				type: 'options',
				displayOptions: noDcr,
				options: [
					{ name: 'Authorization Code', value: 'authorizationCode' },
					{ name: 'Client Credentials', value: 'clientCredentials' },
					{ name: 'PKCE', value: 'pkce' },
				],
				default: 'authorizationCode',
			},
			{
				displayName: 'Authorization URL',
				name: 'authUrl',
				type: 'string',
				displayOptions: {
					show: { grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] },
				},
				default: '',
				required: true,
			},
			{
				displayName: 'Access Token URL',
				name: 'accessTokenUrl',
				type: 'string',
				displayOptions: noDcr,
				default: '',
				required: true,
			},
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				displayOptions: noDcr,
				default: '',
				required: true,
			},
			hidden('clientCredentialType', 'clientSecret'),
			{
				displayName: 'Client Secret',
				name: 'clientSecret',
				type: 'string',
				typeOptions: { password: true },
				displayOptions: noDcr,
				default: '',
				required: true,
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'string',
				displayOptions: noDcr,
				default: '',
			},
			{
				displayName: 'Auth URI Query Parameters',
				name: 'authQueryParameters',
				type: 'string',
				displayOptions: {
					show: { grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] },
				},
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				displayOptions: noDcr,
				options: [
					{ name: 'Body', value: 'body' },
					{ name: 'Header', value: 'header' },
				],
				default: 'header',
			},
			{
				displayName: 'Send Additional Body Properties',
				name: 'sendAdditionalBodyProperties',
				type: 'boolean',
				default: false,
				displayOptions: {
					show: {
						grantType: ['clientCredentials'],
						authentication: ['body'],
						useDynamicClientRegistration: [false],
					},
				},
			},
			{
				displayName: 'Additional Body Properties',
				name: 'additionalBodyProperties',
				type: 'json',
				default: '',
				displayOptions: {
					show: {
						grantType: ['clientCredentials'],
						authentication: ['body'],
						sendAdditionalBodyProperties: [true],
						useDynamicClientRegistration: [false],
					},
				},
			},
			{
				// Not inherited by extending credential types (as in n8n).
				displayName: 'Ignore SSL Issues (Insecure)',
				name: 'ignoreSSLIssues',
				type: 'boolean',
				default: false,
				doNotInherit: true,
			},
			{
				displayName: 'Token Expired Status Code',
				name: 'tokenExpiredStatusCode',
				type: 'number',
				default: 401,
				doNotInherit: true,
			},
		];
	}
}

class OAuth1Api {
	constructor() {
		this.name = 'oAuth1Api';
		this.displayName = 'OAuth1 API';
		this.genericAuth = true;
		this.properties = [
			{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '', required: true },
			{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '', required: true },
			{ displayName: 'Consumer Key', name: 'consumerKey', type: 'string', default: '', required: true },
			{
				displayName: 'Consumer Secret',
				name: 'consumerSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
			},
			{ displayName: 'Request Token URL', name: 'requestTokenUrl', type: 'string', default: '', required: true },
			{
				displayName: 'Signature Method',
				name: 'signatureMethod',
				type: 'options',
				options: [
					{ name: 'HMAC-SHA1', value: 'HMAC-SHA1' },
					{ name: 'HMAC-SHA256', value: 'HMAC-SHA256' },
					{ name: 'HMAC-SHA512', value: 'HMAC-SHA512' },
				],
				default: 'HMAC-SHA1',
			},
		];
	}
}

function builtinCredentialTypes() {
	return [new OAuth2Api(), new OAuth1Api()];
}

module.exports = { builtinCredentialTypes, OAuth2Api, OAuth1Api };
