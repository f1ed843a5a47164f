import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	apiRequest,
	joinUrl,
	readRequestSettings,
	secretsFrom,
	type ApiResponse,
	type ProviderProfile,
	type RequestEnv,
	type RequestSettings,
} from '../../common';

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
export const VIVENU_DEFAULTS: RequestSettings = {
	concurrency: 10,
	maxRetries: 5,
	maxRetryWaitSeconds: 60,
	requestsPerSecond: 50,
};

export const vivenuProfile: ProviderProfile = {
	name: 'vivenu',
	credentialType: VIVENU_CREDENTIAL,
	defaults: VIVENU_DEFAULTS,
};

export interface VivenuCall {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	idempotent: boolean;
}

export interface VivenuClient {
	settings: RequestSettings;
	request<T = IDataObject>(method: IHttpRequestMethods, path: string, call: VivenuCall): Promise<ApiResponse<T>>;
}

export function baseUrlOf(credentials: IDataObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom') return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	return BASE_URLS[environment] ?? BASE_URLS.production;
}

export async function createClient(ctx: IExecuteFunctions | ILoadOptionsFunctions, settings?: RequestSettings): Promise<VivenuClient> {
	const credentials = await ctx.getCredentials(VIVENU_CREDENTIAL);
	const base = baseUrlOf(credentials);
	const resolved = settings ?? ('getInputData' in ctx ? readRequestSettings(ctx, VIVENU_DEFAULTS) : VIVENU_DEFAULTS);
	const env: RequestEnv = { profile: vivenuProfile, settings: resolved, secrets: secretsFrom(credentials, ['apiKey']) };
	return {
		settings: resolved,
		async request<T>(method: IHttpRequestMethods, path: string, call: VivenuCall) {
			return await apiRequest<T>(ctx, env, {
				method,
				url: joinUrl(base, path),
				qs: call.qs,
				body: call.body,
				itemIndex: call.itemIndex,
				idempotent: call.idempotent,
			});
		},
	};
}
