import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	apiRequest,
	readRequestSettings,
	secretsFrom,
	type ApiResponse,
	type ProviderProfile,
	type RequestEnv,
	type RequestSettings,
} from '../../common';
import { parseWordPressError } from '../helpers/errors';

export const RCP_CREDENTIAL = 'restrictContentProApi';

/** The REST add-on's namespace; incompatible changes ship as a new version. */
export const RCP_NAMESPACE = '/rcp/v1';

/**
 * WordPress and RCP define no rate limit; 429/503 come from hosts, CDNs or security plugins. Shared
 * hosting is often slow, so the defaults stay gentle.
 */
export const RCP_DEFAULTS: RequestSettings = {
	concurrency: 4,
	maxRetries: 5,
	maxRetryWaitSeconds: 60,
	requestsPerSecond: 10,
};

export const rcpProfile: ProviderProfile = {
	name: 'Restrict Content Pro',
	credentialType: RCP_CREDENTIAL,
	defaults: RCP_DEFAULTS,
	parseError: parseWordPressError,
};

export interface RcpCall {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	idempotent: boolean;
}

export interface RcpClient {
	settings: RequestSettings;
	profile: ProviderProfile;
	/** Membership level lookups, shared by the items of one execution. */
	levelCache: Map<string, Promise<IDataObject>>;
	/** Sends a request to an rcp/v1 route, e.g. `/payments/12`. */
	request<T = unknown>(method: IHttpRequestMethods, route: string, call: RcpCall): Promise<ApiResponse<T>>;
}

export interface SiteLocation {
	site: string;
	urlStyle: 'wpJson' | 'restRoute';
	restPrefix: string;
}

export function siteLocationOf(credentials: IDataObject): SiteLocation {
	const site = String(credentials.url ?? '')
		.trim()
		.replace(/\/+$/, '');
	const urlStyle = credentials.urlStyle === 'restRoute' ? 'restRoute' : 'wpJson';
	const restPrefix =
		String(credentials.restPrefix ?? 'wp-json')
			.trim()
			.replace(/^\/+|\/+$/g, '') || 'wp-json';
	return { site, urlStyle, restPrefix };
}

/**
 * Where a REST route lives. With pretty permalinks: `{site}/wp-json/rcp/v1/payments`; without them the
 * route is a query parameter, `{site}/?rest_route=/rcp/v1/payments`, and every other parameter is appended
 * with `&` (n8n adds the request's `qs` to the URL's existing query).
 */
export function routeUrl(location: SiteLocation, route: string): string {
	const fullRoute = `${RCP_NAMESPACE}${route.startsWith('/') ? route : `/${route}`}`;
	if (location.urlStyle === 'restRoute') {
		const entry = /\.php$/i.test(location.site) ? location.site : `${location.site}/`;
		return `${entry}?rest_route=${fullRoute}`;
	}
	return `${location.site}/${location.restPrefix}${fullRoute}`;
}

export async function createClient(ctx: IExecuteFunctions | ILoadOptionsFunctions, settings?: RequestSettings): Promise<RcpClient> {
	const credentials = await ctx.getCredentials(RCP_CREDENTIAL);
	const location = siteLocationOf(credentials);
	const skipSslCertificateValidation = credentials.ignoreSslIssues === true;
	const resolved = settings ?? ('getInputData' in ctx ? readRequestSettings(ctx, RCP_DEFAULTS) : RCP_DEFAULTS);
	const password = typeof credentials.password === 'string' ? credentials.password : '';
	const secrets = [...secretsFrom(credentials, ['password']), password.replace(/\s+/g, '')].filter((s) => s.length > 0);
	const env: RequestEnv = { profile: rcpProfile, settings: resolved, secrets };
	return {
		settings: resolved,
		profile: rcpProfile,
		levelCache: new Map(),
		async request<T>(method: IHttpRequestMethods, route: string, call: RcpCall) {
			return await apiRequest<T>(ctx, env, {
				method,
				url: routeUrl(location, route),
				qs: call.qs,
				body: call.body,
				itemIndex: call.itemIndex,
				idempotent: call.idempotent,
				skipSslCertificateValidation,
			});
		},
	};
}
