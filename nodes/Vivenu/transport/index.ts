import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { createApiClient, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile } from '../../common';

export const VIVENU_CREDENTIAL = 'vivenuApi';

const BASE_URLS: Record<string, string> = {
	production: 'https://vivenu.com/api',
	staging: 'https://vivenu.dev/api',
};

/**
 * vivenu publishes no rate limit; its support calls ~1,000 requests/hour per key "safe" and says most
 * endpoints tolerate much more. 50/s with 10 in flight keeps bulk runs quick; a 429 slows the
 * execution down (see RateLimiter) and is retried.
 */
export const VIVENU_DEFAULTS = providerDefaults({ requestsPerSecond: 50, concurrency: 10 });

export const vivenuProfile: ProviderProfile = {
	name: 'vivenu',
	credentialType: VIVENU_CREDENTIAL,
	defaults: VIVENU_DEFAULTS,
};

export type VivenuClient = ApiClient;

export function baseUrlOf(credentials: IDataObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom') return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	return BASE_URLS[environment] ?? BASE_URLS.production;
}

export async function createClient(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<VivenuClient> {
	const credentials = await ctx.getCredentials(VIVENU_CREDENTIAL);
	return createApiClient(ctx, { profile: vivenuProfile, baseUrl: baseUrlOf(credentials), secrets: secretsFrom(credentials, ['apiKey']) });
}
