import type { IDataObject } from 'n8n-workflow';

import { createApiClient, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile, type RequestContext } from '../../common';
import { environmentBaseUrl } from '../../common/environments';
import { VIVENU_ENVIRONMENTS } from './environments';

export const VIVENU_CREDENTIAL = 'vivenuApi';

/**
 * vivenu publishes no rate limit; its support calls ~1,000 requests/hour per key "safe" and says most
 * endpoints tolerate much more. 50/s with 10 in flight keeps bulk runs quick; a 429 slows the
 * execution down (see RateLimiter) and is retried. See docs/providers/vivenu.md.
 */
export const VIVENU_DEFAULTS = providerDefaults({ requestsPerSecond: 50, concurrency: 10 });

/** vivenu's errors use the common shapes (`message`, `error`), so the default parser reads them. */
export const vivenuProfile: ProviderProfile = {
	name: 'vivenu',
	credentialType: VIVENU_CREDENTIAL,
	defaults: VIVENU_DEFAULTS,
};

export type VivenuClient = ApiClient;

export function baseUrlOf(credentials: IDataObject): string {
	return environmentBaseUrl(VIVENU_ENVIRONMENTS, credentials);
}

export async function createClient(ctx: RequestContext): Promise<VivenuClient> {
	const credentials = await ctx.getCredentials(VIVENU_CREDENTIAL);
	return createApiClient(ctx, { profile: vivenuProfile, baseUrl: baseUrlOf(credentials), secrets: secretsFrom(credentials, ['apiKey']) });
}
