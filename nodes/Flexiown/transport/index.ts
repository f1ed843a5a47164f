import type { IDataObject } from 'n8n-workflow';

import { createApiClient, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile, type RequestContext } from '../../common';
import { environmentBaseUrl } from '../../common/base/environments';
import { FLEXIOWN_ENVIRONMENTS } from './environments';
import { parseFlexiownError } from './errors';

export const FLEXIOWN_CREDENTIAL = 'flexiownApi';

/**
 * Flexiown documents no rate limit (UNVERIFIED, see docs/providers/flexiown.md), so the pace adapts
 * (common/limits/pace.ts); a checkout API, so it starts modest (5/s, 5 in flight) and stays within 100/s, 10 in flight.
 */
export const FLEXIOWN_DEFAULTS = providerDefaults({ requestsPerSecond: 0, concurrency: 5 });
export const FLEXIOWN_PACE = { adaptive: { rate: 5, inFlight: 5, maxRate: 100, maxInFlight: 10 } };

export const flexiownProfile: ProviderProfile = {
	name: 'Flexiown',
	credentialType: FLEXIOWN_CREDENTIAL,
	defaults: FLEXIOWN_DEFAULTS,
	pace: FLEXIOWN_PACE,
	parseError: parseFlexiownError,
};

export type FlexiownClient = ApiClient;

/** The optional version segment of the credential (API Version Path), without slashes. */
export function versionSegmentOf(credentials: IDataObject): string {
	return String(credentials.versionPrefix ?? '')
		.trim()
		.replace(/^\/+|\/+$/g, '');
}

/** The API root: environment host + /api (or the custom base URL) + the optional version segment. */
export function baseUrlOf(credentials: IDataObject): string {
	const base = environmentBaseUrl(FLEXIOWN_ENVIRONMENTS, credentials);
	const version = versionSegmentOf(credentials);
	return version ? `${base}/${version}` : base;
}

export async function createClient(ctx: RequestContext): Promise<FlexiownClient> {
	const credentials = await ctx.getCredentials(FLEXIOWN_CREDENTIAL);
	return createApiClient(ctx, {
		profile: flexiownProfile,
		baseUrl: baseUrlOf(credentials),
		secrets: secretsFrom(credentials, ['apiKey']),
		rateLimitShare: credentials.rateLimitShare,
		credentials,
	});
}
