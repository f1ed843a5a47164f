import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { AdaptiveLimits } from '../limits/pace';

/** Contexts that start a workflow rather than run in one: no input items, no Request Options. */
export type TriggerContext = IPollFunctions | ITriggerFunctions | IHookFunctions | IWebhookFunctions;

/** Every n8n context the request machinery (client, retries, rate limit, redaction) can run in. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | TriggerContext;

/** One HTTP call as a provider transport describes it, before authentication. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Absolute URL (base URL already joined). */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	headers?: IDataObject;
	/** Form-encode the body instead of sending JSON. */
	form?: boolean;
	/**
	 * Whether repeating the request cannot do harm. Non-idempotent requests are retried only
	 * when the server provably did not process them (429, connection refused).
	 */
	idempotent: boolean;
	/** Item the request is made for; carried into errors. */
	itemIndex?: number;
	skipSslCertificateValidation?: boolean;
	/** Give up waiting for the answer after this many milliseconds (the Timeout Request Option). */
	timeoutMs?: number;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
	/** The body as text when it was not JSON (or empty). */
	rawBody?: string;
	/** Declared as JSON but could not be parsed (e.g. cut off). */
	malformed?: boolean;
}

/** Seconds every request waits for an answer unless the node's Request Options say otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Settings the user tunes per node under "Request Options". */
export interface RequestSettings {
	maxRetries: number;
	/** Cap, in seconds, on any single wait before a retry (Retry-After included). */
	maxRetryWaitSeconds: number;
	/** This execution's own cap on top of the shared pace; 0 = none. */
	requestsPerSecond: number;
	concurrency: number;
	/** Seconds to wait for an answer before giving up on a request; absent = DEFAULT_TIMEOUT_SECONDS. */
	timeoutSeconds?: number;
}

/**
 * How fast a provider may be called per credential: its documented limit, used exactly, or, where it
 * documents none, where an adaptive pace starts and how far it may grow.
 */
export type PaceSpec = { documented: number } | { adaptive: AdaptiveLimits };

/** A spent quota: no request with the credential until `until`; `response` is the answer that said so. */
export interface QuotaStop {
	until: number;
	response: ApiResponse;
}

/** Describes a provider to the shared request layer. */
export interface ProviderProfile {
	/** Human name used in error messages, e.g. "vivenu". */
	name: string;
	credentialType: string;
	/** Default Request Options (requestsPerSecond 0: no cap of the execution's own, the shared pace decides). */
	defaults: RequestSettings;
	/** How fast one credential may be called, shared by the whole n8n process (limits/throttle.ts). */
	pace: PaceSpec;
	/** For a 429 that says a quota is spent: when it resets (ms). Every execution of the process stops using the credential until then. */
	quotaResetAt?: (body: unknown, now?: number) => number | undefined;
	/** Turns an error body into the API's own message (and an optional machine code). */
	parseError?: (body: unknown, statusCode: number) => { message?: string; code?: string; details?: string };
	/** Decides, for a 429, whether waiting can help (e.g. a spent daily quota cannot). */
	isRetryable429?: (body: unknown) => boolean;
	/** Status codes after which the request is sent once more without ignoring HTTP errors, so n8n's OAuth2 path refreshes the token. */
	refreshOnStatus?: number[];
}

export type OutputData = IDataObject | IDataObject[] | null | undefined;
