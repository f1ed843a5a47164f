import { refreshError } from '../base/errors';
import { send, unwrapThrown, type RequestEnv, type ThrownHttpError } from './send';
import type { Release } from '../limits/rateLimiter';
import type { ApiRequest, ApiResponse, RequestContext } from '../base/types';

/** What a request waits for (request.ts); `key` stands for one execution and credential. */
export interface RequestGate {
	key: object;
	acquire(): Promise<Release>;
}

/** Per execution and credential (keyed by its gate's key): how many token refreshes finished, and the one running. */
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

export function refreshGeneration(limiter: object): number {
	return refreshState(limiter).generation;
}

function failure(ctx: RequestContext, env: RequestEnv, req: ApiRequest, error: unknown) {
	return refreshError({ node: ctx.getNode(), profile: env.profile, error, secrets: env.secrets, itemIndex: req.itemIndex });
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
export async function refreshToken(
	ctx: RequestContext,
	env: RequestEnv,
	req: ApiRequest,
	gate: RequestGate,
	sentAtGeneration: number,
): Promise<ApiResponse | undefined> {
	const state = refreshState(gate.key);
	if (state.generation !== sentAtGeneration) return undefined;
	if (state.pending) {
		try {
			await state.pending;
		} catch (error) {
			throw failure(ctx, env, req, error);
		}
		return undefined;
	}
	const run = async (): Promise<ApiResponse | undefined> => {
		const refresh = (ctx.helpers as { refreshOAuth2Token?: RefreshOAuth2Token }).refreshOAuth2Token;
		if (typeof refresh === 'function') {
			await refresh.call(ctx, env.profile.credentialType);
			return undefined;
		}
		const release = await gate.acquire();
		try {
			return await send(ctx, env, req, false).finally(release);
		} catch (error) {
			const unwrapped = unwrapThrown(error as ThrownHttpError);
			if (!unwrapped.response) throw failure(ctx, env, req, error);
			return unwrapped.response;
		}
	};
	const pending = run();
	state.pending = pending;
	try {
		return await pending;
	} catch (error) {
		throw failure(ctx, env, req, error);
	} finally {
		state.generation++;
		state.pending = undefined;
	}
}
