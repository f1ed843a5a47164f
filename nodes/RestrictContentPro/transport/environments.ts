/**
 * Where a site's Restrict Content Pro REST routes live (see docs/providers/restrict-content-pro.md). WordPress
 * sites have no fixed environments: the credential names the site and its URL style. Used by the transport
 * and the credential test.
 */
import type { IDataObject } from 'n8n-workflow';

import { checkBaseUrl, cleanBaseUrl } from '../../common/base/environments';

/** The REST add-on's namespace; incompatible changes ship as a new version. */
export const RCP_NAMESPACE = '/rcp/v1';

export interface SiteLocation {
	site: string;
	urlStyle: 'wpJson' | 'restRoute';
	restPrefix: string;
}

export function siteLocationOf(credentials: IDataObject): SiteLocation {
	const site = checkBaseUrl(cleanBaseUrl(credentials.url), 'Site URL');
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
