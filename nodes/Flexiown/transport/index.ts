import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { createApiClient, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile } from '../../common';
import { parseFlexiownError } from '../helpers/errors';

export const FLEXIOWN_CREDENTIAL = 'flexiownApi';

const BASE_URLS: Record<string, string> = {
	production: 'https://pay.teljoy.co.za/api',
	staging: 'https://pay.staging.teljoy.co.za/api',
};

/** Flexiown documents no rate limit (UNVERIFIED); a checkout API, so stay modest. */
export const FLEXIOWN_DEFAULTS = providerDefaults({ requestsPerSecond: 5, concurrency: 5 });

export const flexiownProfile: ProviderProfile = {
	name: 'Flexiown',
	credentialType: FLEXIOWN_CREDENTIAL,
	defaults: FLEXIOWN_DEFAULTS,
	parseError: parseFlexiownError,
};

export type FlexiownClient = ApiClient;

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

/** An answer as one output record: an object as it is, anything else under `response`. */
export function asRecord(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return { response: (body as IDataObject[keyof IDataObject]) ?? null };
}

export async function createClient(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<FlexiownClient> {
	const credentials = await ctx.getCredentials(FLEXIOWN_CREDENTIAL);
	return createApiClient(ctx, {
		profile: flexiownProfile,
		baseUrl: baseUrlOf(credentials),
		secrets: secretsFrom(credentials, ['apiKey']),
	});
}
