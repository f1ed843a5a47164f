import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { apiError, malformedError, networkError, withItem } from './errors';
import { limiterFor, type RateLimiter } from './rateLimiter';
import { redact } from './redact';
import { classifyNetworkError, parseRetryAfter, retryDelay, RETRYABLE_STATUS } from './retryPolicy';
import type { ApiRequest, ApiResponse, ProviderProfile, RequestContext, RequestSettings } from './types';

export interface RequestEnv {
	profile: ProviderProfile;
	settings: RequestSettings;
	/** Values that must never appear in output, errors or logs. */
	secrets: readonly string[];
}

function executionKey(ctx: RequestContext): string {
	const withId = ctx as { getExecutionId?: () => string };
	return typeof withId.getExecutionId === 'function' ? (withId.getExecutionId() ?? 'manual') : 'load-options';
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as IDataObject)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

/** Parses what n8n's helper returned: JSON text, an object, or nothing. */
export function toApiResponse(full: { statusCode: number; headers?: unknown; body?: unknown }): ApiResponse {
	const headers = lowerCaseHeaders(full.headers);
	let body: unknown = full.body;
	let rawBody: string | undefined;
	let malformed = false;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		rawBody = body;
		const trimmed = body.trim();
		if (trimmed === '') body = undefined;
		else {
			try {
				body = JSON.parse(trimmed);
				rawBody = undefined;
			} catch {
				body = trimmed;
				malformed = /json/i.test(headers['content-type'] ?? '');
			}
		}
	}
	return { statusCode: full.statusCode, headers, body, rawBody, malformed };
}

function buildOptions(req: ApiRequest, ignoreHttpStatusErrors: boolean): IHttpRequestOptions {
	const headers: IDataObject = { Accept: 'application/json', ...(req.headers ?? {}) };
	let body: IHttpRequestOptions['body'];
	if (req.body !== undefined) {
		if (req.form) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(req.body as Record<string, string>).toString();
		} else {
			// Sent as text so that an empty object `{}` still goes out (n8n drops empty object bodies).
			headers['Content-Type'] = 'application/json';
			body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
		}
	}
	const options: IHttpRequestOptions = {
		method: req.method,
		url: req.url,
		headers,
		returnFullResponse: true,
		ignoreHttpStatusErrors,
		encoding: 'text',
		json: false,
	};
	if (req.qs && Object.keys(req.qs).length) options.qs = req.qs;
	if (body !== undefined) options.body = body;
	if (req.skipSslCertificateValidation) options.skipSslCertificateValidation = true;
	return options;
}

async function send(ctx: RequestContext, env: RequestEnv, req: ApiRequest, ignoreHttpStatusErrors: boolean): Promise<ApiResponse> {
	const full = (await ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		env.profile.credentialType,
		buildOptions(req, ignoreHttpStatusErrors),
	)) as IN8nHttpFullResponse;
	return toApiResponse(full);
}

interface ThrownHttpError {
	httpCode?: string | null;
	code?: string;
	message?: string;
	cause?: { code?: string; message?: string; response?: { status?: number; headers?: unknown; data?: unknown } };
	context?: { data?: unknown };
}

/** n8n wraps transport failures; dig out the HTTP answer (if any) or the socket error code. */
function unwrapThrown(error: ThrownHttpError): { response?: ApiResponse; code?: string; message?: string } {
	// The HTTP answer, as n8n's request helper attaches it to the error it wraps.
	const answer = error.cause?.response;
	if (answer?.status) {
		return { response: toApiResponse({ statusCode: answer.status, headers: answer.headers, body: answer.data }) };
	}
	const status = Number(error.httpCode);
	if (status >= 100 && status < 600) {
		return { response: toApiResponse({ statusCode: status, body: error.context?.data ?? error.message }) };
	}
	const code = error.cause?.code ?? error.code ?? undefined;
	return { code, message: error.cause?.message ?? error.message };
}

/** Per execution and credential (keyed by its limiter): how many token refreshes finished, and the one running. */
interface TokenRefreshState {
	generation: number;
	pending?: Promise<ApiResponse | undefined>;
}

const tokenRefreshes = new WeakMap<object, TokenRefreshState>();

function refreshState(limiter: object): TokenRefreshState {
	let state = tokenRefreshes.get(limiter);
	if (!state) {
		state = { generation: 0 };
		tokenRefreshes.set(limiter, state);
	}
	return state;
}

function refreshGeneration(limiter: object): number {
	return refreshState(limiter).generation;
}

/** n8n's own errors (e.g. "The credential ... needs to be reconnected") pass unchanged; anything else is wrapped. */
function refreshError(ctx: RequestContext, env: RequestEnv, req: ApiRequest, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(ctx.getNode(), { message: redact(message, env.secrets) } as JsonObject, {
		message: redact(withItem(`Could not refresh the ${env.profile.name} access token: ${message}`, req.itemIndex), env.secrets),
		description: 'Reconnect the credential. If it keeps failing, check the OAuth2 application (client ID and secret) and its refresh-token settings.',
		itemIndex: req.itemIndex,
	});
}

type RefreshOAuth2Token = (this: RequestContext, credentialsType: string) => Promise<unknown>;

/**
 * After a status in `refreshOnStatus` (an expired OAuth2 token): makes n8n refresh the token once for
 * all the requests of the execution that met it. Returns undefined when the request should simply be
 * sent again (the token is fresh now), or the answer to a resend.
 *
 * - A refresh finished after this request was sent: nothing to do, send again.
 * - A refresh is under way: wait for it (sharing its failure), then send again.
 * - Otherwise refresh. With n8n's `refreshOAuth2Token` helper (n8n 2.x) that costs no API request, and
 *   the request is sent again through the rate limiter. Older n8n only refreshes when its request
 *   helper sees the error status: the request is sent once more without ignoring HTTP errors, n8n
 *   refreshes and repeats it, and that answer is returned (one unthrottled extra request per refresh).
 */
async function refreshToken(
	ctx: RequestContext,
	env: RequestEnv,
	req: ApiRequest,
	limiter: RateLimiter,
	sentAtGeneration: number,
): Promise<ApiResponse | undefined> {
	const state = refreshState(limiter);
	if (state.generation !== sentAtGeneration) return undefined;
	if (state.pending) {
		try {
			await state.pending;
		} catch (error) {
			throw refreshError(ctx, env, req, error);
		}
		return undefined;
	}
	const run = async (): Promise<ApiResponse | undefined> => {
		const refresh = (ctx.helpers as { refreshOAuth2Token?: RefreshOAuth2Token }).refreshOAuth2Token;
		if (typeof refresh === 'function') {
			await refresh.call(ctx, env.profile.credentialType);
			return undefined;
		}
		const release = await limiter.acquire();
		try {
			return await send(ctx, env, req, false).finally(release);
		} catch (error) {
			const unwrapped = unwrapThrown(error as ThrownHttpError);
			if (!unwrapped.response) throw refreshError(ctx, env, req, error);
			return unwrapped.response;
		}
	};
	const pending = run();
	state.pending = pending;
	try {
		return await pending;
	} catch (error) {
		throw refreshError(ctx, env, req, error);
	} finally {
		state.generation++;
		state.pending = undefined;
	}
}

/**
 * Sends one API request with the provider's authentication, the execution's rate limit, and
 * retries: 429/502/503/504 and dropped connections are retried with exponential backoff and
 * jitter, honouring Retry-After up to the user's cap. A request that is not idempotent is only
 * repeated when the server provably did not act on it (429, connection refused).
 */
export async function apiRequest<T = unknown>(ctx: RequestContext, env: RequestEnv, req: ApiRequest): Promise<ApiResponse<T>> {
	const { profile, settings, secrets } = env;
	const limiter = limiterFor(executionKey(ctx), profile.credentialType, settings.requestsPerSecond);
	const capMs = settings.maxRetryWaitSeconds * 1000;
	const node = ctx.getNode();

	let refreshed = false;
	for (let attempt = 0; ; attempt++) {
		const release = await limiter.acquire();
		const sentAt = Date.now();
		const generation = refreshGeneration(limiter);
		let response: ApiResponse;
		try {
			// The slot counts from when the answer arrived (see RateLimiter).
			response = await send(ctx, env, req, true).finally(release);
		} catch (error) {
			const unwrapped = unwrapThrown(error as ThrownHttpError);
			if (unwrapped.response) {
				response = unwrapped.response;
			} else {
				const kind = classifyNetworkError(unwrapped.code);
				const mayRepeat = kind === 'not-sent' || (kind === 'unknown' && req.idempotent);
				if (mayRepeat && attempt < settings.maxRetries) {
					await sleep(retryDelay(attempt, undefined, capMs));
					continue;
				}
				const note =
					kind === 'unknown' && !req.idempotent
						? 'The connection broke after the request was sent, so it may or may not have been carried out. It was not repeated automatically to avoid doing it twice: check the resource before running again.'
						: `Check that the base URL in the credential is reachable.${attempt ? ` Tried ${attempt + 1} times.` : ''}`;
				throw networkError(node, profile, unwrapped, secrets, req.itemIndex, note);
			}
		}

		if (!refreshed && profile.refreshOnStatus?.includes(response.statusCode)) {
			// Once per request: a token refused right after a refresh is an error, not an expiry.
			refreshed = true;
			const answer = await refreshToken(ctx, env, req, limiter, generation);
			if (!answer) {
				// The token is fresh now: send the request again. Not a retry, so it does not use one up.
				attempt--;
				continue;
			}
			response = answer;
		}

		if (response.statusCode >= 200 && response.statusCode < 300) {
			if (!response.malformed) return response as ApiResponse<T>;
			if (req.idempotent && attempt < settings.maxRetries) {
				await sleep(retryDelay(attempt, undefined, capMs));
				continue;
			}
			throw malformedError(node, profile, response, secrets, req.itemIndex, attempt + 1);
		}

		const status = response.statusCode;
		const waitable = status !== 429 || (profile.isRetryable429?.(response.body) ?? true);
		const mayRepeat = RETRYABLE_STATUS.has(status) && waitable && (req.idempotent || status === 429);
		if (mayRepeat && attempt < settings.maxRetries) {
			const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
			if (retryAfterMs !== undefined && retryAfterMs > capMs) {
				throw apiError({
					node,
					profile,
					response,
					secrets,
					itemIndex: req.itemIndex,
					attempts: attempt + 1,
					extra: `${profile.name} asked to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying, longer than "Max Retry Wait" (${settings.maxRetryWaitSeconds} s) under Request Options.`,
				});
			}
			const wait = retryDelay(attempt, retryAfterMs, capMs);
			if (status === 429) limiter.backOff(wait, sentAt);
			await sleep(wait);
			continue;
		}
		throw apiError({ node, profile, response, secrets, itemIndex: req.itemIndex, attempts: attempt + 1 });
	}
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
