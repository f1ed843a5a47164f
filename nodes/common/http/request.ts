import type { IAdditionalCredentialOptions, ICredentialsDecrypted, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isListSearch } from '../base/context';
import { apiError, isWriteMethod, malformedError, networkError, redirectError } from '../base/errors';
import { DEFAULT_TIMEOUT_SECONDS, type ApiRequest, type ApiResponse, type ProviderProfile, type RequestContext, type RequestSettings } from '../base/types';
import type { RateLimiter, Release } from '../limits/rateLimiter';
import type { Throttle } from '../limits/throttle';
import { classifyNetworkError, isTimeout, networkOutcome, parseRetryAfter, retryDelay, RETRYABLE_STATUS } from './retryPolicy';
import { refreshToken, type TokenRefreshState } from './tokenRefresh';
import { requestOptions, toApiResponse, unwrapThrown, type ThrownHttpError } from './wire';

/** What every request of one client shares: looked up once, when the client is made (run/client.ts). */
export interface RequestEnv {
	profile: ProviderProfile;
	settings: RequestSettings;
	/** Values that must never appear in output, errors or logs. */
	secrets: readonly string[];
	/** The credential's throttle at the API's origin (limits/throttle.ts): pace, shared limiter, quota stop. */
	throttle: Throttle;
	/** The execution's own Requests per Second cap, only when Request Options set one. */
	cap?: RateLimiter;
	/** The client's token refreshes. */
	refresh: TokenRefreshState;
	/** The credential, already decrypted, for n8n's helper (run/client.ts credentialFor); absent: n8n loads it per request. */
	credentials?: ICredentialsDecrypted;
}

/** A copy per request: n8n hands the data to the credential's `authenticate`, which must not change what the next request gets. */
function credentialOptions(env: RequestEnv): IAdditionalCredentialOptions | undefined {
	const { credentials } = env;
	return credentials ? { credentialsDecrypted: { ...credentials, data: { ...credentials.data } } } : undefined;
}

/** Sends one request through n8n's helper, which adds the credential's authentication. */
export async function send(ctx: RequestContext, env: RequestEnv, req: ApiRequest, ignoreHttpStatusErrors: boolean): Promise<ApiResponse> {
	const full = (await ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		env.profile.credentialType,
		requestOptions(req, ignoreHttpStatusErrors),
		credentialOptions(env),
	)) as IN8nHttpFullResponse;
	return toApiResponse(full);
}

/** Throws, without sending anything, while the provider has said this credential's quota is spent. */
function checkQuota(ctx: RequestContext, env: RequestEnv, itemIndex: number | undefined, release?: Release): void {
	const stop = env.throttle.quotaStop();
	if (!stop) return;
	release?.();
	throw apiError({
		node: ctx.getNode(),
		profile: env.profile,
		response: stop.response,
		secrets: env.secrets,
		itemIndex,
		outcome: 'not-done',
		extra: `Not sent: ${env.profile.name} answered earlier that the quota of this credential is spent, so no request with it leaves this n8n process (any execution or workflow) until ${new Date(stop.until).toISOString()}.`,
	});
}

/** Redirects followed for one GET (same origin only) before it counts as a loop. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one API request with the provider's authentication, the execution's rate limit, and
 * retries: 429/502/503/504 and dropped connections are retried with exponential backoff and
 * jitter, honouring Retry-After up to the user's cap. A request that is not idempotent is only
 * repeated when the server provably did not act on it (429, connection refused).
 */
export async function apiRequest<T = unknown>(ctx: RequestContext, env: RequestEnv, req: ApiRequest): Promise<ApiResponse<T>> {
	const { profile, settings, secrets, throttle, cap } = env;
	// List searches go before queued executions at the shared limiter.
	const priority = isListSearch(ctx);
	const capMs = settings.maxRetryWaitSeconds * 1000;
	// n8n copies the node on every getNode(): only an error needs it.
	const node = () => ctx.getNode();
	const timeoutSeconds = settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
	// The request as sent: with its timeout, and with the URL a same-origin redirect of a GET moved it to.
	let current: ApiRequest = { ...req, timeoutMs: req.timeoutMs ?? Math.round(timeoutSeconds * 1000) };
	let redirects = 0;

	let refreshed = false;
	for (let attempt = 0; ; attempt++) {
		checkQuota(ctx, env, req.itemIndex);
		const release = await throttle.acquire(priority, cap);
		// Another execution may have met the spent quota while this one waited.
		checkQuota(ctx, env, req.itemIndex, release);
		const sentAt = Date.now();
		const generation = env.refresh.generation;
		let response: ApiResponse;
		try {
			response = await send(ctx, env, current, true);
			// The slot counts from when the answer arrived (see RateLimiter); a usable answer's latency feeds the pace.
			release(response.statusCode < 500 && response.statusCode !== 429);
		} catch (error) {
			release();
			const unwrapped = unwrapThrown(error as ThrownHttpError);
			if (unwrapped.response) {
				response = unwrapped.response;
			} else {
				const timedOut = isTimeout(unwrapped.code, unwrapped.message);
				// A request that got no answer in time may have been carried out: like a dropped connection.
				const kind = timedOut ? 'unknown' : classifyNetworkError(unwrapped.code);
				const mayRepeat = kind === 'not-sent' || (kind === 'unknown' && req.idempotent);
				if (mayRepeat && attempt < settings.maxRetries) {
					await sleep(retryDelay(attempt, undefined, capMs));
					continue;
				}
				const tried = attempt ? ` Tried ${attempt + 1} times.` : '';
				let note = `Check that the base URL in the credential is reachable.${tried}`;
				if (kind === 'unknown' && !req.idempotent) {
					note = timedOut
						? `${profile.name} did not answer within ${timeoutSeconds} s ("Timeout" under Request Options). The outcome is unknown: the request may or may not have been carried out. It was not repeated automatically to avoid doing it twice: check the resource before running again.`
						: 'The connection broke after the request was sent, so it may or may not have been carried out. It was not repeated automatically to avoid doing it twice: check the resource before running again.';
				} else if (timedOut) {
					note = `${profile.name} did not answer within ${timeoutSeconds} s ("Timeout" under Request Options).${tried} Raise the timeout if ${profile.name} is slow.`;
				}
				const summary = timedOut ? `no answer within ${timeoutSeconds} s${req.idempotent ? '' : ', outcome unknown'}` : undefined;
				const outcome = !isWriteMethod(req.method) ? 'not-done' : timedOut ? 'unknown' : networkOutcome(unwrapped.code);
				throw networkError({ node: node(), profile, cause: unwrapped, secrets, itemIndex: req.itemIndex, note, summary, outcome });
			}
		}

		if (REDIRECT_STATUS.has(response.statusCode) && response.headers.location) {
			// Never followed by n8n (see wire.ts). A GET may move within the origin it was sent to; anything
			// else would carry the credential to another host or turn a write into another request.
			const location = response.headers.location;
			let target: URL | undefined;
			try {
				target = new URL(location, current.url);
			} catch {
				target = undefined;
			}
			const sameOrigin = target !== undefined && target.origin === new URL(current.url).origin;
			if (current.method === 'GET' && sameOrigin && target && redirects < MAX_REDIRECTS) {
				redirects++;
				current = { ...current, url: target.toString(), qs: undefined };
				// Not a retry, so it does not use one up.
				attempt--;
				continue;
			}
			throw redirectError({
				node: node(),
				profile,
				method: current.method,
				url: current.url,
				statusCode: response.statusCode,
				location,
				secrets,
				itemIndex: req.itemIndex,
			});
		}

		if (!refreshed && profile.refreshOnStatus?.includes(response.statusCode)) {
			// Once per request: a token refused right after a refresh is an error, not an expiry.
			refreshed = true;
			const resent = current;
			const answer = await refreshToken(ctx, {
				profile,
				secrets,
				state: env.refresh,
				req: resent,
				sentAtGeneration: generation,
				resend: async () => {
					const again = await throttle.acquire(priority, cap);
					return await send(ctx, env, resent, false).finally(again);
				},
			});
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
			throw malformedError({ node: node(), profile, response, secrets, itemIndex: req.itemIndex, attempts: attempt + 1, method: req.method });
		}

		const status = response.statusCode;
		const quotaUntil = status === 429 ? profile.quotaResetAt?.(response.body) : undefined;
		if (quotaUntil !== undefined) throttle.stopForQuota({ until: quotaUntil, response });
		const waitable = status !== 429 || (profile.isRetryable429?.(response.body) ?? true);
		const mayRepeat = RETRYABLE_STATUS.has(status) && waitable && (req.idempotent || status === 429);
		if (mayRepeat && attempt < settings.maxRetries) {
			const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
			if (retryAfterMs !== undefined && retryAfterMs > capMs) {
				throw apiError({
					node: node(),
					profile,
					response,
					secrets,
					itemIndex: req.itemIndex,
					attempts: attempt + 1,
					method: req.method,
					extra: `${profile.name} asked to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying, longer than "Max Retry Wait" (${settings.maxRetryWaitSeconds} s) under Request Options.`,
				});
			}
			const wait = retryDelay(attempt, retryAfterMs, capMs);
			if (status === 429) throttle.backOff(wait, sentAt, cap);
			await sleep(wait);
			continue;
		}
		throw apiError({ node: node(), profile, response, secrets, itemIndex: req.itemIndex, attempts: attempt + 1, method: req.method });
	}
}
