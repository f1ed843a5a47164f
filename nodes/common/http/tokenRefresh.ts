import { refreshError } from '../base/errors';
import type { ApiRequest, ApiResponse, ProviderProfile, RequestContext } from '../base/types';
import { unwrapThrown, type ThrownHttpError } from './wire';

/** One client's token refreshes (the client carries it): how many finished, and the one running. */
export interface TokenRefreshState {
	generation: number;
	pending?: Promise<ApiResponse | undefined>;
}

/** What a refresh needs from the request under way. */
export interface RefreshCall {
	profile: ProviderProfile;
	secrets: readonly string[];
	state: TokenRefreshState;
	req: ApiRequest;
	/** The generation of `state` when the refused request was sent. */
	sentAtGeneration: number;
	/** Sends `req` once more without ignoring HTTP errors, through the rate limit (older n8n, see below). */
	resend: () => Promise<ApiResponse>;
}

function failure(ctx: RequestContext, call: RefreshCall, error: unknown) {
	return refreshError({ node: ctx.getNode(), profile: call.profile, error, secrets: call.secrets, itemIndex: call.req.itemIndex });
}

type RefreshOAuth2Token = (this: RequestContext, credentialsType: string) => Promise<unknown>;

/**
 * After a status in `refreshOnStatus` (an expired OAuth2 token): makes n8n refresh the token once for
 * all the requests of the client that met it. Returns undefined when the request should simply be
 * sent again (the token is fresh now), or the answer to a resend.
 *
 * - A refresh finished after this request was sent: nothing to do, send again.
 * - A refresh is under way: wait for it (sharing its failure), then send again.
 * - Otherwise refresh. With n8n's `refreshOAuth2Token` helper (n8n 2.x) that costs no API request, and
 *   the request is sent again through the rate limiter. Older n8n only refreshes when its request
 *   helper sees the error status: the request is sent once more without ignoring HTTP errors, n8n
 *   refreshes and repeats it, and that answer is returned (one unthrottled extra request per refresh).
 */
export async function refreshToken(ctx: RequestContext, call: RefreshCall): Promise<ApiResponse | undefined> {
	const { state } = call;
	if (state.generation !== call.sentAtGeneration) return undefined;
	if (state.pending) {
		try {
			await state.pending;
		} catch (error) {
			throw failure(ctx, call, error);
		}
		return undefined;
	}
	const run = async (): Promise<ApiResponse | undefined> => {
		const refresh = (ctx.helpers as { refreshOAuth2Token?: RefreshOAuth2Token }).refreshOAuth2Token;
		if (typeof refresh === 'function') {
			await refresh.call(ctx, call.profile.credentialType);
			return undefined;
		}
		try {
			return await call.resend();
		} catch (error) {
			const unwrapped = unwrapThrown(error as ThrownHttpError);
			if (!unwrapped.response) throw failure(ctx, call, error);
			return unwrapped.response;
		}
	};
	const pending = run();
	state.pending = pending;
	try {
		return await pending;
	} catch (error) {
		throw failure(ctx, call, error);
	} finally {
		state.generation++;
		state.pending = undefined;
	}
}
