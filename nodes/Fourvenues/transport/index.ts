import type { IDataObject } from 'n8n-workflow';

import {
	apiError,
	createApiClient,
	providerDefaults,
	secretsFrom,
	type ApiClient,
	type ApiResponse,
	type ProviderProfile,
	type RequestContext,
} from '../../common';
import { environmentBaseUrl } from '../../common/base/environments';
import { FOURVENUES_ENVIRONMENTS } from './environments';
import { parseFourvenuesError } from './errors';

export const FOURVENUES_CREDENTIAL = 'fourvenuesApi';

/**
 * Independent integrations summarise the requirements page as "about 10 requests per second per API key"
 * (UNVERIFIED), so the pace adapts (common/limits/pace.ts): it starts at 8 per second, under that figure, and
 * grows only while answers stay fast and no 429 arrives. See docs/providers/fourvenues.md.
 */
export const FOURVENUES_DEFAULTS = providerDefaults({ requestsPerSecond: 0, concurrency: 5 });
export const FOURVENUES_PACE = { adaptive: { rate: 8, inFlight: 5, maxRate: 200, maxInFlight: 20 } };

export const fourvenuesProfile: ProviderProfile = {
	name: 'Fourvenues',
	credentialType: FOURVENUES_CREDENTIAL,
	defaults: FOURVENUES_DEFAULTS,
	pace: FOURVENUES_PACE,
	parseError: parseFourvenuesError,
};

export interface FourvenuesClient extends ApiClient {
	/** GET a path and unwrap the `{data, success}` envelope (`success: false` or no `data` is an error). */
	get<T = unknown>(path: string, qs?: IDataObject, itemIndex?: number): Promise<T>;
	/** GET a list: `data` must be an array (a single object is accepted as a one-element list). */
	list(path: string, qs?: IDataObject, itemIndex?: number): Promise<IDataObject[]>;
	/** GET a single record: `data` must be an object. */
	one(path: string, qs?: IDataObject, itemIndex?: number): Promise<IDataObject>;
}

export function baseUrlOf(credentials: IDataObject): string {
	return environmentBaseUrl(FOURVENUES_ENVIRONMENTS, credentials);
}

/**
 * The error for a 2xx answer that is not a usable envelope. `success: false` surfaces the API's own
 * message; any other problem (no `data`, not JSON, wrong shape) is named as such.
 */
function envelopeError({
	ctx,
	api,
	response,
	itemIndex,
	problem,
}: {
	ctx: RequestContext;
	api: ApiClient;
	response: ApiResponse;
	itemIndex?: number;
	/** What is wrong with a 2xx answer; none for `success: false`. */
	problem?: string;
}) {
	const profile: ProviderProfile = problem ? { ...api.profile, parseError: () => ({ message: problem }) } : api.profile;
	return apiError({
		node: ctx.getNode(),
		profile,
		response,
		secrets: api.secrets,
		itemIndex,
		extra: problem
			? `Fourvenues answered HTTP ${response.statusCode}, but ${problem}.`
			: `Fourvenues answered HTTP ${response.statusCode}, but its body says "success": false.`,
	});
}

/** `extraSecrets`: more values to mask in this client's errors (a trigger's signing secret). */
export async function createClient(ctx: RequestContext, extraSecrets: readonly string[] = []): Promise<FourvenuesClient> {
	const credentials = await ctx.getCredentials(FOURVENUES_CREDENTIAL);
	const secrets = [...secretsFrom(credentials, ['apiKey']), ...extraSecrets];
	const api = createApiClient(ctx, { profile: fourvenuesProfile, baseUrl: baseUrlOf(credentials), secrets, rateLimitShare: credentials.rateLimitShare, credentials });

	async function get<T>(path: string, qs?: IDataObject, itemIndex?: number): Promise<T> {
		const response = await api.request<unknown>('GET', path, { qs, itemIndex, idempotent: true });
		const body = response.body;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw envelopeError({ ctx, api, response, itemIndex, problem: 'the response is not the {data, success} JSON envelope' });
		}
		const envelope = body as IDataObject;
		if (envelope.success === false) throw envelopeError({ ctx, api, response, itemIndex });
		if (envelope.data === undefined || envelope.data === null) {
			throw envelopeError({ ctx, api, response, itemIndex, problem: 'the response has no "data" in its {data, success} envelope' });
		}
		return envelope.data as T;
	}

	return {
		...api,
		get,
		async list(path, qs, itemIndex) {
			const data = await get<unknown>(path, qs, itemIndex);
			if (Array.isArray(data)) return data as IDataObject[];
			if (typeof data === 'object') return [data as IDataObject];
			return [];
		},
		async one(path, qs, itemIndex) {
			const data = await get<unknown>(path, qs, itemIndex);
			// Some lookups (e.g. tickets/by-code) answer a one-element array.
			if (Array.isArray(data) && data.length === 1 && data[0] && typeof data[0] === 'object') return data[0] as IDataObject;
			if (typeof data !== 'object' || Array.isArray(data)) {
				const response: ApiResponse = { statusCode: 200, headers: {}, body: { data, success: true } };
				throw envelopeError({ ctx, api, response, itemIndex, problem: '"data" is not a single record' });
			}
			return data as IDataObject;
		},
	};
}
