import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { createApiClient, providerDefaults, type ApiClient, type ProviderProfile } from '../../common';
import { parseWordPressError } from '../helpers/errors';

export const RCP_CREDENTIAL = 'restrictContentProApi';

/** The REST add-on's namespace; incompatible changes ship as a new version. */
export const RCP_NAMESPACE = '/rcp/v1';

/**
 * WordPress and RCP define no rate limit; 429/503 come from hosts, CDNs or security plugins. Shared
 * hosting is often slow, so the defaults stay gentle.
 */
export const RCP_DEFAULTS = providerDefaults({ requestsPerSecond: 10, concurrency: 4 });

export const rcpProfile: ProviderProfile = {
	name: 'Restrict Content Pro',
	credentialType: RCP_CREDENTIAL,
	defaults: RCP_DEFAULTS,
	parseError: parseWordPressError,
};

export interface RcpClient extends ApiClient {
	/** Membership level lookups, shared by the items of one execution. */
	levelCache: Map<string, Promise<IDataObject>>;
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

export async function createClient(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<RcpClient> {
	const credentials = await ctx.getCredentials(RCP_CREDENTIAL);
	const location = siteLocationOf(credentials);
	// WordPress shows application passwords in groups of four; the grouped and the bare form are both masked.
	const password = typeof credentials.password === 'string' ? credentials.password : '';
	const api = createApiClient(ctx, {
		profile: rcpProfile,
		// Paths are rcp/v1 routes, e.g. `/payments/12`.
		baseUrl: (route) => routeUrl(location, route),
		secrets: [...new Set([password, password.replace(/\s+/g, '')])].filter((s) => s.length > 0),
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	});
	return { ...api, levelCache: new Map() };
}
