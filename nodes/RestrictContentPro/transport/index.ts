import { createApiClient, providerDefaults, type ApiClient, type ProviderProfile, type RequestContext } from '../../common';
import { routeUrl, siteLocationOf } from './environments';
import { parseWordPressError } from './errors';

export const RCP_CREDENTIAL = 'restrictContentProApi';

/**
 * WordPress and RCP define no rate limit; 429/503 come from hosts, CDNs or security plugins. Shared
 * hosting is often slow, so the pace (common/limits/pace.ts) starts gently (10/s, 4 in flight) and grows only
 * while answers stay fast. See docs/providers/restrict-content-pro.md.
 */
export const RCP_DEFAULTS = providerDefaults({ requestsPerSecond: 0, concurrency: 4 });
export const RCP_PACE = { adaptive: { rate: 10, inFlight: 4, maxRate: 500, maxInFlight: 20 } };

export const rcpProfile: ProviderProfile = {
	name: 'Restrict Content Pro',
	credentialType: RCP_CREDENTIAL,
	defaults: RCP_DEFAULTS,
	pace: RCP_PACE,
	parseError: parseWordPressError,
};

export type RcpClient = ApiClient;

export async function createClient(ctx: RequestContext): Promise<RcpClient> {
	const credentials = await ctx.getCredentials(RCP_CREDENTIAL);
	const location = siteLocationOf(credentials);
	// WordPress shows application passwords in groups of four; the grouped and the bare form are both masked.
	const password = typeof credentials.password === 'string' ? credentials.password : '';
	return createApiClient(ctx, {
		profile: rcpProfile,
		// Paths are rcp/v1 routes, e.g. `/payments/12`.
		baseUrl: (route) => routeUrl(location, route),
		secrets: [...new Set([password, password.replace(/\s+/g, '')])].filter((s) => s.length > 0),
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		rateLimitShare: credentials.rateLimitShare,
		credentials,
	});
}
