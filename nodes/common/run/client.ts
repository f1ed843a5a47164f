import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { isExecution, isListSearch } from '../base/context';
import { readRequestSettings } from './parameters';
import { answerError, isWriteMethod, operationError, withOutcome } from '../base/errors';
import { apiRequest, type RequestEnv } from '../http/request';
import { joinUrl } from '../http/wire';
import type { Concurrency } from '../limits/pool';
import { RATE_LIMIT_SHARE_FIELD, rateLimitShare } from '../limits/rateLimitShare';
import { credentialScope, throttleFor, type Throttle } from '../limits/throttle';
import type { ApiResponse, ProviderProfile, RequestContext, RequestSettings } from '../base/types';

/** An execution's own cap (Request Options) is per execution; list searches and trigger calls outside an execution share one. */
function executionKey(ctx: RequestContext): string {
	const withId = ctx as { getExecutionId?: () => string };
	return typeof withId.getExecutionId === 'function' ? (withId.getExecutionId() ?? 'manual') : 'load-options';
}

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
	/**
	 * The shape a 2xx answer must have: `object` = one JSON object, `list` = a JSON array, `json` = any JSON
	 * value or an empty body (not text or an HTML page, e.g. from a proxy). Anything else fails naming the
	 * request and quoting the masked answer, instead of crashing the output shaping or passing for success
	 * or "no results". Absent: any answer is handed over.
	 */
	expect?: Shape;
}

/** A provider's API for one execution (or one list search). */
export interface ApiClient {
	settings: RequestSettings;
	/**
	 * How many input items, or batch requests, run at once: Concurrency from Request Options when set, else
	 * the provider's default; for a provider with an adaptive pace the shared pace's in-flight window (up to
	 * that number or the pace's maximum). The one concurrency value of the client (Throttle.lanes).
	 */
	lanes: Concurrency;
	profile: ProviderProfile;
	/** Values masked in every error of this client (the credential's secrets). */
	secrets: readonly string[];
	/** The credential's throttle at the API's origin, looked up once for the client's life (limits/throttle.ts). */
	throttle: Throttle;
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
	/** The credential's `rateLimitShare` field as stored (percent; empty = 100). */
	rateLimitShare?: unknown;
	/**
	 * The decrypted credential the transport read with `getCredentials(profile.credentialType)`, given only for
	 * a credential type whose `authenticate` is a function and that has no OAuth and no `preAuthentication`:
	 * every request then hands it to n8n's helper, which otherwise loads it again for each request (in n8n's
	 * server: a database read, a decryption and the resolution of its expressions). See credentialFor.
	 */
	credentials?: ICredentialDataDecryptedObject;
}

/**
 * The credential as n8n's request helper takes it (`credentialsDecrypted`): n8n then authenticates the
 * request with this data instead of loading the credential of the node again. Equivalent for the
 * credential types that opt in: n8n's own load without an item index resolves against item 0 as the
 * transport's did, in the same execution; the credential's `authenticate` still runs on every request.
 * The key and the base URL the requests go to now come from one and the same read. Undefined when the
 * node names no credential of the type (n8n then loads it, as before).
 */
function credentialFor(ctx: RequestContext, type: string, data: ICredentialDataDecryptedObject | undefined): ICredentialsDecrypted | undefined {
	if (!data) return undefined;
	const named = ctx.getNode().credentials?.[type];
	if (!named) return undefined;
	return { id: named.id ?? '', name: named.name, type, data };
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

/** What an answer is, in words, for an error: "an empty answer", "an HTML page", "a list of 2 entries", … */
function describeAnswer(response: ApiResponse): string {
	const { body } = response;
	if (body === undefined) return 'an empty answer';
	if (body === null) return 'null';
	if (Array.isArray(body)) return `a list of ${body.length} ${body.length === 1 ? 'entry' : 'entries'}`;
	if (typeof body === 'string') {
		if (/^\s*</.test(body) || /html/i.test(response.headers['content-type'] ?? '')) return 'an HTML page';
		return 'text that is not JSON';
	}
	return `a JSON ${typeof body}`;
}

type Shape = 'object' | 'list' | 'json';

function hasShape(response: ApiResponse, shape: Shape): boolean {
	const { body } = response;
	if (response.malformed) return false;
	if (shape === 'object') return !!body && typeof body === 'object' && !Array.isArray(body);
	if (shape === 'list') return Array.isArray(body);
	return typeof body !== 'string' || body.trim() === '' || /json/i.test(response.headers['content-type'] ?? '');
}

function expectShape(ctx: RequestContext, env: RequestEnv, method: string, path: string, itemIndex: number | undefined, response: ApiResponse, shape: Shape): void {
	if (hasShape(response, shape)) return;
	const { body } = response;
	const wanted = { object: 'one JSON object', list: 'a JSON list', json: 'JSON' }[shape];
	const description = ['Nothing was output for this item. The provider, or something in front of it (a proxy, a cache, a security plugin), sent an answer the node cannot use.'];
	// A write answered 2xx was probably carried out: never repeat it blindly.
	const write = isWriteMethod(method);
	if (write) description.push(`The request was accepted (HTTP ${response.statusCode}), so its outcome is unknown: check at ${env.profile.name} before running it again.`);
	throw answerError({
		node: ctx.getNode(),
		message: `${env.profile.name} answered ${method} ${path.split('?')[0]} with ${describeAnswer(response)} instead of ${wanted} (HTTP ${response.statusCode})`,
		body: response.rawBody ?? body ?? '',
		secrets: env.secrets,
		itemIndex,
		httpCode: String(response.statusCode),
		description,
		outcome: write ? 'unknown' : 'not-done',
	});
}

/**
 * Refuses, before anything is sent, a rate so low that the gap between two requests is longer than Max Retry
 * Wait: every request would wait longer than the user allows for any single wait. Names the setting that
 * makes it so. (Waiting in line behind other requests is normal and not capped.)
 */
function checkRateGap(ctx: RequestContext, profile: ProviderProfile, settings: RequestSettings, share: number): void {
	const capSeconds = settings.maxRetryWaitSeconds;
	const paceRate = 'documented' in profile.pace ? profile.pace.documented : profile.pace.adaptive.rate;
	const shared = paceRate * share;
	const own = settings.requestsPerSecond > 0 ? settings.requestsPerSecond : Number.POSITIVE_INFINITY;
	const [rate, setting, where] =
		own <= shared
			? [own, 'Requests per Second', 'under Request Options']
			: [shared, RATE_LIMIT_SHARE_FIELD, `in the credential (${+(share * 100).toFixed(4)} % of ${paceRate} requests per second)`];
	if (!(rate > 0) || 1 / rate <= capSeconds) return;
	const gap = Math.ceil(1 / rate);
	throw withOutcome(
		operationError({
			node: ctx.getNode(),
			message: `"${setting}" allows one request every ${gap} s, longer than "Max Retry Wait" (${capSeconds} s)`,
			description: `Nothing was sent. "${setting}" ${where} spaces requests ${gap} s apart, but no single wait may be longer than "Max Retry Wait (Seconds)" under Request Options. Raise "${setting}" or "Max Retry Wait".`,
		}),
		'not-done',
	);
}

export function createApiClient(ctx: RequestContext, options: ApiClientOptions): ApiClient {
	const { profile, baseUrl, secrets, skipSslCertificateValidation } = options;
	const settings = settingsFor(ctx, profile.defaults);
	const urlOf = typeof baseUrl === 'string' ? (path: string) => joinUrl(baseUrl, path) : baseUrl;
	let share: number;
	try {
		share = rateLimitShare(options.rateLimitShare);
	} catch (error) {
		throw operationError({ node: ctx.getNode(), message: (error as Error).message });
	}
	checkRateGap(ctx, profile, settings, share);
	const throttle = throttleFor(profile.credentialType, credentialScope(ctx, profile.credentialType, urlOf('/')), profile.pace, share);
	const credentials = credentialFor(ctx, profile.credentialType, options.credentials);
	const env: RequestEnv = { profile, settings, secrets, throttle, cap: throttle.capFor(executionKey(ctx), settings.requestsPerSecond), refresh: { generation: 0 }, credentials };
	const lanes = throttle.lanes(profile.pace, settings.concurrency, settings.concurrency !== profile.defaults.concurrency);
	const memos = new Map<string, Promise<unknown>>();
	return {
		settings,
		lanes,
		profile,
		secrets,
		throttle,
		async memo<T>(key: string, load: () => Promise<T>, { forgetFailure = false } = {}) {
			let pending = memos.get(key) as Promise<T> | undefined;
			if (!pending) {
				pending = load();
				memos.set(key, pending);
				const own = pending;
				// Only this load's entry is forgotten, never a newer one a later caller started.
				if (forgetFailure) own.catch(() => memos.get(key) === own && memos.delete(key));
			}
			return await pending;
		},
		async request<T>(method: IHttpRequestMethods, path: string, call: ApiCall) {
			const callEnv: RequestEnv = call.secrets?.length ? { ...env, secrets: [...secrets, ...call.secrets] } : env;
			const response = await apiRequest<T>(ctx, callEnv, {
				method,
				url: urlOf(path),
				qs: call.qs,
				body: call.body,
				itemIndex: call.itemIndex,
				idempotent: call.idempotent,
				skipSslCertificateValidation,
			});
			if (call.expect) expectShape(ctx, callEnv, method, path, call.itemIndex, response, call.expect);
			return response;
		},
	};
}
