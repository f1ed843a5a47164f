import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redact, redactDeep } from './redact';
import type { ApiResponse, ProviderProfile } from './types';

const MAX_BODY_IN_DESCRIPTION = 600;

/** Finds the API's own message in the usual error-body shapes. */
export function defaultParseError(body: unknown): { message?: string; code?: string; details?: string } {
	if (typeof body === 'string') return { message: body.trim() || undefined };
	if (Array.isArray(body)) {
		const parts = body.map((entry) => defaultParseError(entry)).filter((p) => p.message);
		return { message: parts.map((p) => p.message).join('; ') || undefined, code: parts[0]?.code };
	}
	if (!body || typeof body !== 'object') return {};
	const b = body as IDataObject;
	const nested = (b.error && typeof b.error === 'object' ? (b.error as IDataObject) : undefined) ?? {};
	const message =
		(typeof b.message === 'string' && b.message) ||
		(typeof nested.message === 'string' && nested.message) ||
		(typeof b.error_message === 'string' && b.error_message) ||
		(typeof b.detail === 'string' && b.detail) ||
		(typeof b.title === 'string' && b.title) ||
		(typeof b.error === 'string' && b.error) ||
		undefined;
	const code =
		(typeof b.code === 'string' && b.code) ||
		(typeof b.error_key === 'string' && b.error_key) ||
		(typeof nested.code === 'string' && nested.code) ||
		undefined;
	return { message, code };
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

function hintFor(status: number, provider: string): string {
	const hint = HINTS[status];
	if (hint) return hint(provider);
	if (status >= 500) return `${provider} had a server error. It may be temporary: try again later.`;
	return `${provider} answered with HTTP ${status}.`;
}

function bodyText(response: ApiResponse): string {
	if (response.rawBody !== undefined) return response.rawBody;
	try {
		return JSON.stringify(response.body);
	} catch {
		return String(response.body);
	}
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
}

/** Builds the NodeApiError for a non-2xx answer: the API's own message, HTTP code, item index, no secrets. */
export function apiError({ node, profile, response, secrets, itemIndex, attempts, extra, message }: ApiErrorContext): NodeApiError {
	const parsed = (profile.parseError ?? defaultParseError)(response.body, response.statusCode);
	const apiMessage = message ?? parsed.message ?? defaultParseError(response.body).message ?? `HTTP ${response.statusCode}`;
	// Mask before cutting, so a secret that straddles the cut cannot leak its first half.
	const raw = redact(bodyText(response), secrets).slice(0, MAX_BODY_IN_DESCRIPTION);
	const retried = attempts && attempts > 1 ? ` Tried ${attempts} times.` : '';
	const description = [extra, hintFor(response.statusCode, profile.name) + retried, parsed.details, raw ? `Response: ${raw}` : undefined]
		.filter(Boolean)
		.join('\n');
	return new NodeApiError(node, redactJson(response.body, secrets), {
		message: redact(withItem(`${profile.name} error ${response.statusCode}: ${apiMessage}`, itemIndex), secrets),
		description: redact(description, secrets),
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** The answer's body for NodeApiError's first argument, secrets masked. */
export function redactJson(body: unknown, secrets: readonly string[]): JsonObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		return JSON.parse(redact(JSON.stringify(body), secrets)) as JsonObject;
	}
	return { body: redactDeep(body ?? null, secrets) } as JsonObject;
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
}

/**
 * An answer the API gave without an error status that the operation cannot use (e.g. a 200 that
 * does not confirm success): the caller's message, the answer quoted, secrets masked before cutting.
 */
export function answerError({ node, message, body, secrets, itemIndex, httpCode, description = [] }: AnswerErrorContext): NodeApiError {
	let text: string;
	try {
		text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
	} catch {
		text = String(body);
	}
	const raw = redact(text, secrets).slice(0, MAX_BODY_IN_DESCRIPTION);
	return new NodeApiError(node, redactJson(body, secrets), {
		message: redact(withItem(message, itemIndex), secrets),
		description: redact([...description, raw ? `Response: ${raw}` : undefined].filter(Boolean).join('\n'), secrets),
		httpCode,
		itemIndex,
	});
}

export function withItem(message: string, itemIndex: number | undefined): string {
	return itemIndex === undefined ? message : `${message} [item ${itemIndex}]`;
}

/** A 2xx whose JSON body cannot be parsed (truncated or corrupted in transit). */
export function malformedError(
	node: INode,
	profile: ProviderProfile,
	response: ApiResponse,
	secrets: readonly string[],
	itemIndex: number | undefined,
	attempts: number,
): NodeApiError {
	const raw = redact(response.rawBody ?? '', secrets).slice(0, MAX_BODY_IN_DESCRIPTION);
	return new NodeApiError(node, { body: redact(raw, secrets) } as JsonObject, {
		message: withItem(`${profile.name} sent a response that is not valid JSON (HTTP ${response.statusCode})`, itemIndex),
		description: redact(`The answer was cut off or corrupted.${attempts > 1 ? ` Tried ${attempts} times.` : ''} Response: ${raw}`, secrets),
		httpCode: String(response.statusCode),
		itemIndex,
	});
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

/** A network-level failure (no HTTP answer). */
export function networkError(
	node: INode,
	profile: ProviderProfile,
	cause: { message?: string; code?: string },
	secrets: readonly string[],
	itemIndex: number | undefined,
	note: string,
): NodeApiError {
	const what = (cause.code && NETWORK_WORDS[cause.code]) ?? 'the connection failed';
	const detail = [cause.code, cause.message].filter(Boolean).join(': ');
	return new NodeApiError(node, { message: redact(detail || what, secrets) } as JsonObject, {
		message: redact(withItem(`Could not get an answer from ${profile.name}: ${what}`, itemIndex), secrets),
		description: redact(`${note}${detail ? ` (${detail})` : ''}`, secrets),
		itemIndex,
	});
}

/** A problem with the node's input, naming the field. */
export function inputError(node: INode, field: string, problem: string, itemIndex: number, fix?: string): NodeOperationError {
	return new NodeOperationError(node, withItem(`${field}: ${problem}`, itemIndex), { itemIndex, description: fix });
}
