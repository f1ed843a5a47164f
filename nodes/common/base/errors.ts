import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { bodyText, defaultParseError, MAX_BODY_IN_DESCRIPTION, quoteAnswer, redactJson } from './answers';
import { redact } from './redact';
import type { ApiResponse, ProviderProfile } from './types';

/**
 * What a failed item did at the provider, as data (in `error.context.outcome` and on Continue On Fail error
 * items): `not-done` = provably nothing changed (nothing sent, a 429, a refused connection, a 4xx about the
 * request, or an answer the provider documents as a refusal); `unknown` = the request may have been carried
 * out (no answer, a 5xx, an answer that confirms nothing); `done` = carried out, although the item failed
 * afterwards (e.g. reading the result back). docs/write-outcomes.md lists them per operation.
 */
export type Outcome = 'not-done' | 'unknown' | 'done';

const OUTCOMES: readonly string[] = ['not-done', 'unknown', 'done'];

/** Records the outcome on an n8n error (its context travels with it into the run data). */
export function withOutcome<E>(error: E, outcome: Outcome): E {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) (error.context as IDataObject).outcome = outcome;
	return error;
}

/** The outcome an error carries, if any. */
export function outcomeOf(error: unknown): Outcome | undefined {
	const value = (error as { context?: { outcome?: unknown } } | undefined)?.context?.outcome;
	return typeof value === 'string' && OUTCOMES.includes(value) ? (value as Outcome) : undefined;
}

/** Whether a request of this method can change anything at the provider. */
export function isWriteMethod(method: string | undefined): boolean {
	return method !== undefined && !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/**
 * The outcome of a request answered with an error status: a read changes nothing; a write refused with a
 * 4xx about the request (or a 429) was not carried out; any other answer (5xx, 408, 499, 3xx, 1xx) may
 * come after the provider acted, e.g. a gateway's 502/504 while the provider went on.
 */
export function outcomeOfStatus(status: number, method: string | undefined): Outcome {
	if (!isWriteMethod(method)) return 'not-done';
	if (status >= 400 && status < 500 && status !== 408 && status !== 499) return 'not-done';
	return 'unknown';
}

const HINTS: Record<number, (provider: string) => string> = {
	400: (p) => `${p} rejected the request as invalid. Check the fields named in the message.`,
	401: (p) => `${p} did not accept the credential. Check the API key/login in the node's credential and that it belongs to the right environment.`,
	403: (p) => `The ${p} credential is valid but lacks permission for this operation.`,
	404: (p) => `${p} has no such resource. Check the ID (and that the credential's environment is the one the ID comes from).`,
	409: (p) => `${p} reported a conflict with the current state of the resource.`,
	422: (p) => `${p} could not process the data sent. Check the fields named in the message.`,
	429: (p) => `${p} is rate limiting these requests. Lower "Requests per Second" under Request Options, or raise "Max Retry Wait".`,
};

function hintFor(status: number, provider: string, outcome: Outcome): string {
	if (outcome === 'unknown') {
		return `${provider} answered HTTP ${status} after the request was sent, so its outcome is unknown: it may have been carried out. Check at ${provider} before running it again.`;
	}
	const hint = HINTS[status];
	if (hint) return hint(provider);
	if (status >= 500) return `${provider} had a server error. It may be temporary: try again later.`;
	return `${provider} answered with HTTP ${status}.`;
}

export interface ApiErrorContext {
	node: INode;
	profile: ProviderProfile;
	response: ApiResponse;
	secrets: readonly string[];
	itemIndex?: number;
	attempts?: number;
	/** Extra sentence put first in the description (e.g. what the operation was). */
	extra?: string;
	/** Replaces the API's own message (when the answer's status alone does not say what went wrong). */
	message?: string;
	/** The request's method: a write answered with a 5xx has an unknown outcome (outcomeOfStatus). */
	method?: string;
	/** Overrides the outcome the status and method give (e.g. nothing was sent). */
	outcome?: Outcome;
}

/** Builds the NodeApiError for a non-2xx answer: the API's own message, HTTP code, item index, no secrets. */
export function apiError({ node, profile, response, secrets, itemIndex, attempts, extra, message, method, outcome }: ApiErrorContext): NodeApiError {
	const result = outcome ?? outcomeOfStatus(response.statusCode, method);
	const parsed = (profile.parseError ?? defaultParseError)(response.body, response.statusCode);
	const apiMessage = message ?? parsed.message ?? defaultParseError(response.body).message ?? `HTTP ${response.statusCode}`;
	// Mask before cutting, so a secret that straddles the cut cannot leak its first half.
	const raw = redact(bodyText(response), secrets).slice(0, MAX_BODY_IN_DESCRIPTION);
	const retried = attempts && attempts > 1 ? ` Tried ${attempts} times.` : '';
	const description = [extra, hintFor(response.statusCode, profile.name, result) + retried, parsed.details, raw ? `Response: ${raw}` : undefined]
		.filter(Boolean)
		.join('\n');
	const error = new NodeApiError(node, redactJson(response.body, secrets), {
		message: redact(withItem(`${profile.name} error ${response.statusCode}: ${apiMessage}`, itemIndex), secrets),
		description: redact(description, secrets),
		httpCode: String(response.statusCode),
		itemIndex,
	});
	return withOutcome(error, result);
}

/** An answer an operation cannot use, and what it needs to quote it safely. */
export interface UnusableAnswer {
	node: INode;
	body: unknown;
	secrets: readonly string[];
	itemIndex?: number;
}

export interface AnswerErrorContext {
	node: INode;
	/** The whole message; `[item N]` is added. */
	message: string;
	/** The answer that was not what the operation needed; quoted in the description. */
	body: unknown;
	secrets: readonly string[];
	itemIndex?: number;
	httpCode?: string;
	/** Sentences put before the quoted answer. */
	description?: Array<string | undefined>;
	/** What the answer means for the item's change, when the request was a write. */
	outcome?: Outcome;
}

/**
 * An answer the API gave without an error status that the operation cannot use (e.g. a 200 that
 * does not confirm success): the caller's message, the answer quoted, secrets masked before cutting.
 */
export function answerError({ node, message, body, secrets, itemIndex, httpCode, description = [], outcome }: AnswerErrorContext): NodeApiError {
	const error = new NodeApiError(node, redactJson(body, secrets), {
		message: redact(withItem(message, itemIndex), secrets),
		description: redact([...description, quoteAnswer(body, secrets)].filter(Boolean).join('\n'), secrets),
		httpCode,
		itemIndex,
	});
	return outcome ? withOutcome(error, outcome) : error;
}

export function withItem(message: string, itemIndex: number | undefined): string {
	return itemIndex === undefined ? message : `${message} [item ${itemIndex}]`;
}

export interface MalformedErrorContext {
	node: INode;
	profile: ProviderProfile;
	response: ApiResponse;
	secrets: readonly string[];
	itemIndex?: number;
	attempts: number;
	method?: string;
}

/** A 2xx whose JSON body cannot be parsed (truncated or corrupted in transit): for a write, accepted but unconfirmed. */
export function malformedError({ node, profile, response, secrets, itemIndex, attempts, method }: MalformedErrorContext): NodeApiError {
	const raw = redact(response.rawBody ?? '', secrets).slice(0, MAX_BODY_IN_DESCRIPTION);
	const write = isWriteMethod(method);
	const unknown = write ? ` The request was accepted (HTTP ${response.statusCode}), so its outcome is unknown: check at ${profile.name} before running it again.` : '';
	const error = new NodeApiError(node, { body: redact(raw, secrets) } as JsonObject, {
		message: withItem(`${profile.name} sent a response that is not valid JSON (HTTP ${response.statusCode})`, itemIndex),
		description: redact(`The answer was cut off or corrupted.${attempts > 1 ? ` Tried ${attempts} times.` : ''}${unknown} Response: ${raw}`, secrets),
		httpCode: String(response.statusCode),
		itemIndex,
	});
	return withOutcome(error, write ? 'unknown' : 'not-done');
}

/** Plain words for socket errors; n8n rewrites messages that contain the raw codes into a generic text. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer arrived',
	ECONNREFUSED: 'the connection was refused',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request was aborted (timeout)',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved right now',
	EPIPE: 'the connection broke while sending',
};

export interface NetworkErrorContext {
	node: INode;
	profile: ProviderProfile;
	cause: { message?: string; code?: string };
	secrets: readonly string[];
	itemIndex?: number;
	/** What the user should know or do, put first in the description. */
	note: string;
	/** What happened, in the message, instead of the words for the socket error (e.g. "no answer within 60 s, outcome unknown"). */
	summary?: string;
	outcome: Outcome;
}

/** A network-level failure (no HTTP answer). */
export function networkError({ node, profile, cause, secrets, itemIndex, note, summary, outcome }: NetworkErrorContext): NodeApiError {
	const what = summary ?? (cause.code && NETWORK_WORDS[cause.code]) ?? 'the connection failed';
	const detail = [cause.code, cause.message].filter(Boolean).join(': ');
	const error = new NodeApiError(node, { message: redact(detail || what, secrets) } as JsonObject, {
		message: redact(withItem(`Could not get an answer from ${profile.name}: ${what}`, itemIndex), secrets),
		description: redact(`${note}${detail ? ` (${detail})` : ''}`, secrets),
		itemIndex,
	});
	return withOutcome(error, outcome);
}

export interface RedirectErrorContext {
	node: INode;
	profile: ProviderProfile;
	/** The request that was answered with a redirect. */
	method: string;
	url: string;
	statusCode: number;
	/** The Location header as sent. */
	location: string;
	secrets: readonly string[];
	itemIndex?: number;
}

/** A redirect the package does not follow: to another origin, or of a request that is not a GET. */
export function redirectError({ node, profile, method, url, statusCode, location, secrets, itemIndex }: RedirectErrorContext): NodeApiError {
	let from: URL | undefined;
	let to: URL | undefined;
	try {
		from = new URL(url);
		to = new URL(location, url);
	} catch {
		to = undefined;
	}
	const target = to ? to.host : location.slice(0, 200);
	const crossOrigin = !to || !from || to.origin !== from.origin;
	const path = from ? from.pathname : url;
	const why = crossOrigin
		? `It points to another host (${target}), and the credential is only ever sent to the host of the base URL.`
		: `Only reads (GET) follow a redirect: following it would send this ${method} elsewhere or turn it into another method.`;
	const error = new NodeApiError(node, { message: redact(`HTTP ${statusCode} to ${location}`, secrets) } as JsonObject, {
		message: redact(withItem(`${profile.name} redirected ${method} ${path} to ${target}; the redirect was not followed`, itemIndex), secrets),
		description: redact(
			`${why} Nothing was sent to ${target}. Check the base URL in the credential (it should be the API's final address)${method === 'GET' ? '' : ', and check at the provider whether this change was carried out before running again'}. Location: ${location}`,
			secrets,
		),
		httpCode: String(statusCode),
		itemIndex,
	});
	// A redirect may answer a write that was carried out (303 See Other after a POST).
	return withOutcome(error, isWriteMethod(method) ? 'unknown' : 'not-done');
}

export interface RefreshErrorContext {
	node: INode;
	profile: ProviderProfile;
	error: unknown;
	secrets: readonly string[];
	itemIndex?: number;
}

/** A failed OAuth2 token refresh. n8n's own errors (e.g. "The credential ... needs to be reconnected") pass unchanged. */
export function refreshError({ node, profile, error, secrets, itemIndex }: RefreshErrorContext): NodeApiError | NodeOperationError {
	// The request was refused (401) and not sent again: nothing was done.
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return outcomeOf(error) ? error : withOutcome(error, 'not-done');
	const message = errorMessage(error);
	const refused = new NodeApiError(node, { message: redact(message, secrets) } as JsonObject, {
		message: redact(withItem(`Could not refresh the ${profile.name} access token: ${message}`, itemIndex), secrets),
		description: 'Reconnect the credential. If it keeps failing, check the OAuth2 application (client ID and secret) and its refresh-token settings.',
		itemIndex,
	});
	return withOutcome(refused, 'not-done');
}

export interface InputErrorContext {
	node: INode;
	/** The parameter as the user sees it, e.g. "Options → Registrations per Request". */
	field: string;
	problem: string;
	/** None for a value that is not read per item (a trigger's options): then no `[item N]` is added. */
	itemIndex?: number;
	/** How to put it right (the description). */
	fix?: string;
}

/** A problem with the node's input, naming the field. Nothing was sent for the item. */
export function inputError({ node, field, problem, itemIndex, fix }: InputErrorContext): NodeOperationError {
	return withOutcome(new NodeOperationError(node, withItem(`${field}: ${problem}`, itemIndex), { itemIndex, description: fix }), 'not-done');
}

export interface OperationErrorContext {
	node: INode;
	/** The whole message (no `[item N]` is added), or the error that caused it. */
	message: string | Error;
	description?: string;
	itemIndex?: number;
}

/** A failure of the node itself rather than of an API answer (e.g. an operation it does not know). */
export function operationError({ node, message, description, itemIndex }: OperationErrorContext): NodeOperationError {
	return new NodeOperationError(node, message, { description, itemIndex });
}

export interface ReportedErrorContext {
	node: INode;
	/** The whole message, already naming the item where there is one. */
	message: string;
	description?: string;
	httpCode?: string;
	itemIndex?: number;
	/** What n8n keeps as the error's response (already free of secrets). */
	body?: JsonObject;
	outcome?: Outcome;
}

/** An API failure the operation describes in full itself (e.g. the IDs a partial success left out). */
export function reportedError({ node, message, description, httpCode, itemIndex, body, outcome }: ReportedErrorContext): NodeApiError {
	const error = new NodeApiError(node, body ?? ({ message } as JsonObject), { message, description, httpCode, itemIndex });
	return outcome ? withOutcome(error, outcome) : error;
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Makes sure whatever was thrown is an n8n error that names the item. */
export function asNodeError({ node, error, itemIndex }: { node: INode; error: unknown; itemIndex: number }): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, withItem(errorMessage(error), itemIndex), { itemIndex });
}

const ITEM_SUFFIX = /\s*\[item \d+\]$/;

export interface ErrorForItemContext {
	node: INode;
	error: unknown;
	itemIndex: number;
	/** Added to the message before `[item N]`, e.g. which items shared the failed request. */
	note?: string;
	/** A line added to the description. */
	extra?: string;
}

/**
 * Restates an error that several items share (one request or lookup served them all) for one item:
 * its message names this item, its description and HTTP code are kept. An error that already names
 * this item, with nothing to add, is returned as it is.
 */
export function errorForItem({ node, error, itemIndex, note, extra }: ErrorForItemContext): NodeApiError | NodeOperationError {
	const base = error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
	if (base && base.context.itemIndex === itemIndex && base.message.endsWith(`[item ${itemIndex}]`) && !note && !extra) return base;
	const text = base ? base.message.replace(ITEM_SUFFIX, '') : errorMessage(error);
	const message = withItem(note ? `${text} ${note}` : text, itemIndex);
	const description = [base?.description, extra].filter(Boolean).join('\n') || undefined;
	const outcome = outcomeOf(base);
	const restated =
		base instanceof NodeApiError
			? new NodeApiError(node, { message } as JsonObject, { message, description, httpCode: base.httpCode ?? undefined, itemIndex })
			: new NodeOperationError(node, message, { description, itemIndex });
	return outcome ? withOutcome(restated, outcome) : restated;
}
