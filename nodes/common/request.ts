import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { apiError, malformedError, networkError } from './errors';
import { limiterFor } from './rateLimiter';
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
	const axiosResponse = error.cause?.response;
	if (axiosResponse?.status) {
		return { response: toApiResponse({ statusCode: axiosResponse.status, headers: axiosResponse.headers, body: axiosResponse.data }) };
	}
	const status = Number(error.httpCode);
	if (status >= 100 && status < 600) {
		return { response: toApiResponse({ statusCode: status, body: error.context?.data ?? error.message }) };
	}
	const code = error.cause?.code ?? error.code ?? undefined;
	return { code, message: error.cause?.message ?? error.message };
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

	for (let attempt = 0; ; attempt++) {
		await limiter.acquire();
		let response: ApiResponse;
		try {
			response = await send(ctx, env, req, true);
			if (profile.refreshOnStatus?.includes(response.statusCode)) {
				// Resend letting n8n see the error status, which makes its OAuth2 helper refresh the token and retry.
				try {
					response = await send(ctx, env, req, false);
				} catch (error) {
					const unwrapped = unwrapThrown(error as ThrownHttpError);
					if (!unwrapped.response) throw new NodeApiError(node, error as JsonObject);
					response = unwrapped.response;
				}
			}
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
			if (status === 429) limiter.pauseFor(wait);
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
