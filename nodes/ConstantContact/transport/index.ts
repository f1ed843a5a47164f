import type { IDataObject } from 'n8n-workflow';

import { createApiClient, inputError, providerDefaults, secretsFrom, type ApiClient, type ProviderProfile, type RequestContext } from '../../common';
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
	 * endpoint lists tracks), looked up once per event for the whole execution.
	 */
	trackOf(eventId: string, trackId: string | undefined, itemIndex: number): Promise<string>;
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
	const client: ConstantContactClient = {
		...api,
		async trackOf(eventId: string, trackId: string | undefined, itemIndex: number) {
			if (trackId) return trackId;
			// A failed lookup is shared too: one GET per event, whatever happens.
			return await api.memo(`defaultTrack:${eventId}`, async () => await lookupDefaultTrack(ctx, client, eventId, itemIndex));
		},
	};
	return client;
}

async function lookupDefaultTrack(ctx: RequestContext, client: ConstantContactClient, eventId: string, itemIndex: number): Promise<string> {
	const { body } = await client.request<IDataObject>('GET', eventPath(eventId), { itemIndex, idempotent: true });
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
