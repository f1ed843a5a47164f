import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	apiError,
	createApiClient,
	defaultParseError,
	providerDefaults,
	secretsFrom,
	type ApiClient,
	type ApiResponse,
	type ProviderProfile,
	type RequestSettings,
} from '../../common';

export const FOURVENUES_CREDENTIAL = 'fourvenuesApi';

export const BASE_URLS: Record<string, string> = {
	production: 'https://channels-service.fourvenues.com',
	alpha: 'https://channels-service-alpha.fourvenues.com',
};

/**
 * Independent integrations summarise the requirements page as "about 10 requests per second per API key"
 * (UNVERIFIED); 8 per second stays under it with room for clock skew between the two ends.
 */
export const FOURVENUES_DEFAULTS = providerDefaults({ requestsPerSecond: 8, concurrency: 5 });

function htmlText(text: string): string {
	const pre = /<pre>([\s\S]*?)<\/pre>/i.exec(text);
	const inner = pre ? pre[1] : text.replace(/<[^>]*>/g, ' ');
	return inner.replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * No error schema is documented (UNVERIFIED). Independent clients read `error`, then `message`; Joi
 * validation errors may carry `details[]`; unknown routes answer Express's HTML "Cannot GET /path".
 */
export function parseFourvenuesError(body: unknown, statusCode: number): { message?: string; code?: string; details?: string } {
	if (typeof body === 'string') {
		const text = /<\/?[a-z][\s\S]*>/i.test(body) ? htmlText(body) : body.trim();
		return { message: text || undefined };
	}
	let message: string | undefined;
	let code: string | undefined;
	let details: string | undefined;
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const b = body as IDataObject;
		const nested = b.error && typeof b.error === 'object' && !Array.isArray(b.error) ? (b.error as IDataObject) : undefined;
		if (typeof b.error === 'string' && b.error.trim()) message = b.error.trim();
		else if (nested && typeof nested.message === 'string') message = nested.message;
		else if (typeof b.message === 'string' && b.message.trim()) message = b.message.trim();
		const detailList = (Array.isArray(b.details) ? b.details : Array.isArray(nested?.details) ? nested?.details : undefined) as unknown[] | undefined;
		if (detailList?.length) {
			details = detailList
				.map((d) => (d && typeof d === 'object' ? String((d as IDataObject).message ?? JSON.stringify(d)) : String(d)))
				.join('; ');
		}
		code = (typeof b.code === 'string' && b.code) || (nested && typeof nested.code === 'string' && nested.code) || undefined;
		if (!message) message = defaultParseError(body).message;
		if (!message && statusCode < 300) message = 'the request was refused ("success": false) without a message';
	}
	return { message, code, details };
}

export const fourvenuesProfile: ProviderProfile = {
	name: 'Fourvenues',
	credentialType: FOURVENUES_CREDENTIAL,
	defaults: FOURVENUES_DEFAULTS,
	parseError: parseFourvenuesError,
};

export interface FourvenuesClient {
	settings: RequestSettings;
	/** GET a path and unwrap the `{data, success}` envelope (`success: false` or no `data` is an error). */
	get<T = unknown>(path: string, qs?: IDataObject, itemIndex?: number): Promise<T>;
	/** GET a list: `data` must be an array (a single object is accepted as a one-element list). */
	list(path: string, qs?: IDataObject, itemIndex?: number): Promise<IDataObject[]>;
	/** GET a single record: `data` must be an object. */
	one(path: string, qs?: IDataObject, itemIndex?: number): Promise<IDataObject>;
}

export function baseUrlOf(credentials: IDataObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom') return String(credentials.baseUrl ?? '').trim();
	return BASE_URLS[environment] ?? BASE_URLS.production;
}

/**
 * The error for a 2xx answer that is not a usable envelope. `success: false` surfaces the API's own
 * message; any other problem (no `data`, not JSON, wrong shape) is named as such.
 */
function envelopeError(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	api: ApiClient,
	response: ApiResponse,
	itemIndex: number | undefined,
	problem?: string,
) {
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

export async function createClient(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<FourvenuesClient> {
	const credentials = await ctx.getCredentials(FOURVENUES_CREDENTIAL);
	const api = createApiClient(ctx, { profile: fourvenuesProfile, baseUrl: baseUrlOf(credentials), secrets: secretsFrom(credentials, ['apiKey']) });

	async function get<T>(path: string, qs?: IDataObject, itemIndex?: number): Promise<T> {
		const response = await api.request<unknown>('GET', path, { qs, itemIndex, idempotent: true });
		const body = response.body;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw envelopeError(ctx, api, response, itemIndex, 'the response is not the {data, success} JSON envelope');
		}
		const envelope = body as IDataObject;
		if (envelope.success === false) throw envelopeError(ctx, api, response, itemIndex);
		if (envelope.data === undefined || envelope.data === null) {
			throw envelopeError(ctx, api, response, itemIndex, 'the response has no "data" in its {data, success} envelope');
		}
		return envelope.data as T;
	}

	return {
		settings: api.settings,
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
				throw envelopeError(ctx, api, response, itemIndex, '"data" is not a single record');
			}
			return data as IDataObject;
		},
	};
}
