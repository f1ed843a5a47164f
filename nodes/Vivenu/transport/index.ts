import type { IDataObject } from 'n8n-workflow';

import { createApiClient, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile, type RequestContext } from '../../common';
import { environmentBaseUrl } from '../../common/base/environments';
import { VIVENU_ENVIRONMENTS } from './environments';

export const VIVENU_CREDENTIAL = 'vivenuApi';

/**
 * vivenu publishes no rate limit; its support calls ~1,000 requests/hour per key "safe" and says most
 * endpoints tolerate much more. So the pace adapts (common/limits/pace.ts): it starts at 20/s with 10 in
 * flight and grows while answers stay fast; a 429 slows it down and is retried. See docs/providers/vivenu.md.
 */
export const VIVENU_DEFAULTS = providerDefaults({ requestsPerSecond: 0, concurrency: 10 });
export const VIVENU_PACE = { adaptive: { rate: 20, inFlight: 10, maxRate: 1000, maxInFlight: 50 } };

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
