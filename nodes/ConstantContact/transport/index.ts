import type { IDataObject } from 'n8n-workflow';

import { NodeApiError } from 'n8n-workflow';

import { createApiClient, inputError, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile, type RequestContext } from '../../common';
import { forgetTrack, rememberedTrack } from '../helpers/trackCache';
import { baseUrlOf } from './environments';
import { errorKeyOf, parseConstantContactError, quotaResetAt, REQUESTS_PER_SECOND } from './errors';

export const CONSTANT_CONTACT_CREDENTIAL = 'constantContactOAuth2Api';

/** The documented per-application rate, used exactly and shared by the process (see transport/errors.ts and docs/providers/constant-contact.md). */
export const CONSTANT_CONTACT_DEFAULTS = providerDefaults({ requestsPerSecond: 0, concurrency: 4 });

export const constantContactProfile: ProviderProfile = {
	name: 'Constant Contact',
	credentialType: CONSTANT_CONTACT_CREDENTIAL,
	defaults: CONSTANT_CONTACT_DEFAULTS,
	pace: { documented: REQUESTS_PER_SECOND },
	parseError: parseConstantContactError,
	// `throttled` (per second) is worth a wait; `quota_exceeded` (per day) is not.
	isRetryable429: (body) => errorKeyOf(body) !== 'quota_exceeded',
	refreshOnStatus: [401],
	quotaResetAt,
};

export interface ConstantContactClient extends ApiClient {
	/**
	 * The track key to use: `trackId` when given, else the event's `default_track.track_id` (no
	 * endpoint lists tracks), remembered by the process for a few minutes (helpers/trackCache.ts) and
	 * fixed for the rest of the execution.
	 */
	trackOf(eventId: string, trackId: string | undefined, itemIndex: number): Promise<string>;
	/**
	 * After a request to `staleTrack` answered 404: forgets it and reads the event's default track again,
	 * once per execution and stale track. The fresh key, or undefined when the lookup fails (then the
	 * 404 stands).
	 */
	retrack(eventId: string, staleTrack: string, itemIndex: number): Promise<string | undefined>;
}

/** A 404: the event or the track is not (or no longer) there. Nothing was changed. */
export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/** The client secret and both tokens must never show up in output, errors or logs. */
export function secretsOf(credentials: IDataObject): string[] {
	const tokens = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [...secretsFrom(credentials, ['clientSecret']), ...secretsFrom(tokens, ['access_token', 'refresh_token', 'id_token'])];
}

export async function createClient(ctx: RequestContext): Promise<ConstantContactClient> {
	const credentials = await ctx.getCredentials(CONSTANT_CONTACT_CREDENTIAL);
	const api = createApiClient(ctx, {
		profile: constantContactProfile,
		baseUrl: baseUrlOf(credentials),
		secrets: secretsOf(credentials),
		rateLimitShare: credentials.rateLimitShare,
	});
	const tracks = api.throttle.memo;
	const client: ConstantContactClient = {
		...api,
		async trackOf(eventId: string, trackId: string | undefined, itemIndex: number) {
			if (trackId) return trackId;
			// A failed lookup is shared within the execution too: one GET per event, whatever happens.
			return await api.memo(`defaultTrack:${eventId}`, async () => await rememberedTrack(tracks, eventId, async () => await lookupDefaultTrack(ctx, client, eventId, itemIndex)));
		},
		async retrack(eventId: string, staleTrack: string, itemIndex: number) {
			return await api.memo(`retrack:${eventId}\u0000${staleTrack}`, async () => {
				await forgetTrack(tracks, eventId, staleTrack);
				return await rememberedTrack(tracks, eventId, async () => await lookupDefaultTrack(ctx, client, eventId, itemIndex)).catch(() => undefined);
			});
		},
	};
	return client;
}

/**
 * Runs a read with the item's track. When it is the event's remembered default track and the read
 * answers 404, the track may have been replaced: read once more with the default track read again.
 */
export async function withTrack<T>(client: ConstantContactClient, eventId: string, given: string | undefined, itemIndex: number, read: (trackId: string) => Promise<T>): Promise<T> {
	const trackId = await client.trackOf(eventId, given, itemIndex);
	if (given) return await read(trackId);
	return await read(trackId).catch(async (error: unknown) => await readOnMovedTrack(client, eventId, trackId, itemIndex, error, read));
}

/** `error` met the remembered default track `staleTrack`: the read once more on the track read again, else `error`. */
async function readOnMovedTrack<T>(client: ConstantContactClient, eventId: string, staleTrack: string, itemIndex: number, error: unknown, read: (trackId: string) => Promise<T>): Promise<T> {
	const fresh = isNotFound(error) ? await client.retrack(eventId, staleTrack, itemIndex) : undefined;
	if (!fresh || fresh === staleTrack) throw error;
	return await read(fresh);
}

async function lookupDefaultTrack(ctx: RequestContext, client: ConstantContactClient, eventId: string, itemIndex: number): Promise<string> {
	const { body } = await client.request<IDataObject>('GET', eventPath(eventId), { itemIndex, idempotent: true, expect: 'object' });
	const track = (body?.default_track ?? {}) as IDataObject;
	const id = typeof track.track_id === 'string' ? track.track_id : '';
	if (!id) {
		throw inputError({ node: ctx.getNode(), field: 'Track', problem: `event ${eventId} has no default track`, itemIndex, fix: 'Set the track key under "Track" (By ID).' });
	}
	return id;
}

/** Builds a path from fixed parts and (encoded) IDs. */
export function eventPath(eventId: string, ...rest: string[]): string {
	return ['/events', encodeURIComponent(eventId), ...rest].join('/');
}

export function registrationsPath(eventId: string, trackId: string, ...rest: string[]): string {
	return eventPath(eventId, 'tracks', encodeURIComponent(trackId), 'registrations', ...rest);
}
