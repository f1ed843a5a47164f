import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { isExecution, isListSearch } from './context';
import { readRequestSettings } from './parameters';
import { joinUrl, type RequestEnv } from './http';
import { apiRequest } from './request';
import type { ApiResponse, ProviderProfile, RequestContext, RequestSettings } from './types';

/** Retries in the editor's "From list" searches: few, so that a picker answers quickly. */
const LIST_SEARCH_RETRIES = 2;

/** One request as an operation describes it; the client adds the URL, authentication and settings. */
export interface ApiCall {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	idempotent: boolean;
	/** Extra values to keep out of the errors of this call (on top of the client's secrets). */
	secrets?: readonly string[];
}

/** A provider's API for one execution (or one list search). */
export interface ApiClient {
	settings: RequestSettings;
	profile: ProviderProfile;
	/** Values masked in every error of this client (the credential's secrets). */
	secrets: readonly string[];
	request<T = IDataObject>(method: IHttpRequestMethods, path: string, call: ApiCall): Promise<ApiResponse<T>>;
	/**
	 * Per-execution lookups (a default track, a membership level): `load` runs once per key for the
	 * client's lifetime and every caller shares its answer. A failure is shared too, unless
	 * `forgetFailure` is set, which lets a later caller try again.
	 */
	memo<T>(key: string, load: () => Promise<T>, options?: { forgetFailure?: boolean }): Promise<T>;
}

export interface ApiClientOptions {
	profile: ProviderProfile;
	/** The API root that paths are joined to, or a function for other URL styles. */
	baseUrl: string | ((path: string) => string);
	secrets: readonly string[];
	skipSslCertificateValidation?: boolean;
}

/**
 * The node's Request Options in an execution; the provider's defaults with few retries in a list search;
 * the provider's defaults in a trigger, poll, hook or webhook (they have no Request Options of their own).
 */
export function settingsFor(ctx: RequestContext, defaults: RequestSettings): RequestSettings {
	if (isExecution(ctx)) return readRequestSettings(ctx, defaults);
	if (isListSearch(ctx)) return { ...defaults, maxRetries: LIST_SEARCH_RETRIES };
	return { ...defaults };
}

export function createApiClient(ctx: RequestContext, options: ApiClientOptions): ApiClient {
	const { profile, baseUrl, secrets, skipSslCertificateValidation } = options;
	const settings = settingsFor(ctx, profile.defaults);
	const urlOf = typeof baseUrl === 'string' ? (path: string) => joinUrl(baseUrl, path) : baseUrl;
	const env: RequestEnv = { profile, settings, secrets };
	const memos = new Map<string, Promise<unknown>>();
	return {
		settings,
		profile,
		secrets,
		async memo<T>(key: string, load: () => Promise<T>, { forgetFailure = false } = {}) {
			let pending = memos.get(key) as Promise<T> | undefined;
			if (!pending) {
				pending = load();
				memos.set(key, pending);
				if (forgetFailure) pending.catch(() => memos.delete(key));
			}
			return await pending;
		},
		async request<T>(method: IHttpRequestMethods, path: string, call: ApiCall) {
			const callEnv: RequestEnv = call.secrets?.length ? { ...env, secrets: [...secrets, ...call.secrets] } : env;
			return await apiRequest<T>(ctx, callEnv, {
				method,
				url: urlOf(path),
				qs: call.qs,
				body: call.body,
				itemIndex: call.itemIndex,
				idempotent: call.idempotent,
				skipSslCertificateValidation,
			});
		},
	};
}
