import type { IDataObject } from 'n8n-workflow';

import { createApiClient, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile, type RequestContext } from '../../common';
import { environmentBaseUrl } from '../../common/base/environments';
import { VIVENU_ENVIRONMENTS } from './environments';

export const VIVENU_CREDENTIAL = 'vivenuApi';

/**
 * vivenu publishes no rate limit and sends no rate headers; its support calls ~1,000 requests/hour per key
 * "safe" and says most endpoints tolerate much more. So the pace adapts (common/limits/pace.ts). It starts
 * with its whole window, 50 in flight, as a plain script would: a 429 is the only sign of a limit, and a
 * slow start from 10 cost every first execution three round trips (docs/dev/pace.md, "What a cold start
 * costs"). 20/s is taken as safe: a 429 never takes the pace below half of it by what the API delivered.
 */
export const VIVENU_DEFAULTS = providerDefaults({ requestsPerSecond: 0, concurrency: 10 });
export const VIVENU_PACE = { adaptive: { rate: 50, inFlight: 50, safeRate: 20, maxRate: 1000, maxInFlight: 50 } };

/** vivenu's errors use the common shapes (`message`, `error`), so the default parser reads them. */
export const vivenuProfile: ProviderProfile = {
	name: 'vivenu',
	credentialType: VIVENU_CREDENTIAL,
	defaults: VIVENU_DEFAULTS,
	pace: VIVENU_PACE,
};

export type VivenuClient = ApiClient;

export function baseUrlOf(credentials: IDataObject): string {
	return environmentBaseUrl(VIVENU_ENVIRONMENTS, credentials);
}

/** `extraSecrets`: more values to mask in this client's errors (a trigger's signing key). */
export async function createClient(ctx: RequestContext, extraSecrets: readonly string[] = []): Promise<VivenuClient> {
	const credentials = await ctx.getCredentials(VIVENU_CREDENTIAL);
	const secrets = [...secretsFrom(credentials, ['apiKey']), ...extraSecrets];
	return createApiClient(ctx, { profile: vivenuProfile, baseUrl: baseUrlOf(credentials), secrets, rateLimitShare: credentials.rateLimitShare, credentials });
}
