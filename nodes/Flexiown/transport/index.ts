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
import { parseFlexiownError, protectError } from '../helpers/errors';

export const FLEXIOWN_CREDENTIAL = 'flexiownApi';

const BASE_URLS: Record<string, string> = {
	production: 'https://pay.teljoy.co.za/api',
	staging: 'https://pay.staging.teljoy.co.za/api',
};

/** Flexiown documents no rate limit (UNVERIFIED); a checkout API, so stay modest. */
export const FLEXIOWN_DEFAULTS: RequestSettings = {
	concurrency: 5,
	maxRetries: 5,
	maxRetryWaitSeconds: 60,
	requestsPerSecond: 5,
};

export const flexiownProfile: ProviderProfile = {
	name: 'Flexiown',
	credentialType: FLEXIOWN_CREDENTIAL,
	defaults: FLEXIOWN_DEFAULTS,
	parseError: parseFlexiownError,
};

export interface FlexiownCall {
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	idempotent: boolean;
	/** Extra values to keep out of errors for this call (trust seed, trust value). */
	secrets?: string[];
}

export interface FlexiownClient {
	settings: RequestSettings;
	/** Values masked in every error of this client (the API key). */
	secrets: readonly string[];
	request<T = IDataObject>(method: IHttpRequestMethods, path: string, call: FlexiownCall): Promise<ApiResponse<T>>;
}

/** The API root: environment host + /api (or the custom base URL) + the optional version segment. */
export function baseUrlOf(credentials: IDataObject): string {
	const environment = String(credentials.environment ?? 'production');
	const root =
		environment === 'custom' ? String(credentials.baseUrl ?? '').trim() : (BASE_URLS[environment] ?? BASE_URLS.production);
	const version = String(credentials.versionPrefix ?? '')
		.trim()
		.replace(/^\/+|\/+$/g, '');
	const base = root.replace(/\/+$/, '');
	return version ? `${base}/${version}` : base;
}

export async function createClient(ctx: IExecuteFunctions | ILoadOptionsFunctions, settings?: RequestSettings): Promise<FlexiownClient> {
	const credentials = await ctx.getCredentials(FLEXIOWN_CREDENTIAL);
	const base = baseUrlOf(credentials);
	const resolved = settings ?? ('getInputData' in ctx ? readRequestSettings(ctx, FLEXIOWN_DEFAULTS) : FLEXIOWN_DEFAULTS);
	const secrets = secretsFrom(credentials, ['apiKey']);
	const env: RequestEnv = { profile: flexiownProfile, settings: resolved, secrets };
	return {
		settings: resolved,
		secrets,
		async request<T>(method: IHttpRequestMethods, path: string, call: FlexiownCall) {
			const callEnv: RequestEnv = call.secrets?.length ? { ...env, secrets: [...secrets, ...call.secrets] } : env;
			try {
				return await apiRequest<T>(ctx, callEnv, {
					method,
					url: joinUrl(base, path),
					body: call.body,
					itemIndex: call.itemIndex,
					idempotent: call.idempotent,
				});
			} catch (error) {
				throw protectError(error, callEnv.secrets);
			}
		},
	};
}
