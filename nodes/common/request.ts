import { sleep } from 'n8n-workflow';

import { apiError, malformedError, networkError } from './errors';
import { send, unwrapThrown, type RequestEnv, type ThrownHttpError } from './http';
import { limiterFor } from './rateLimiter';
import { classifyNetworkError, parseRetryAfter, retryDelay, RETRYABLE_STATUS } from './retryPolicy';
import { refreshGeneration, refreshToken } from './tokenRefresh';
import type { ApiRequest, ApiResponse, RequestContext } from './types';

/** Limits are shared per execution; list searches and trigger calls outside an execution share one budget. */
function executionKey(ctx: RequestContext): string {
	const withId = ctx as { getExecutionId?: () => string };
	return typeof withId.getExecutionId === 'function' ? (withId.getExecutionId() ?? 'manual') : 'load-options';
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
				throw networkError({ node, profile, cause: unwrapped, secrets, itemIndex: req.itemIndex, note });
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
			throw malformedError({ node, profile, response, secrets, itemIndex: req.itemIndex, attempts: attempt + 1 });
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
