import type { IDataObject, JsonObject } from 'n8n-workflow';

import { redact, redactDeep } from './redact';
import type { ApiResponse } from './types';

/** How much of an answer an error quotes. */
export const MAX_BODY_IN_DESCRIPTION = 600;

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

export function bodyText(response: ApiResponse): string {
	if (response.rawBody !== undefined) return response.rawBody;
	try {
		return JSON.stringify(response.body);
	} catch {
		return String(response.body);
	}
}

/** The answer's body for NodeApiError's first argument, secrets masked. */
export function redactJson(body: unknown, secrets: readonly string[]): JsonObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		return JSON.parse(redact(JSON.stringify(body), secrets)) as JsonObject;
	}
	return { body: redactDeep(body ?? null, secrets) } as JsonObject;
}

/** "Response: …" for a description: the answer as text, secrets masked before it is cut; undefined when empty. */
export function quoteAnswer(body: unknown, secrets: readonly string[]): string | undefined {
	let text: string;
	try {
		text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
	} catch {
		text = String(body);
	}
	const raw = redact(text, secrets).slice(0, MAX_BODY_IN_DESCRIPTION);
	return raw ? `Response: ${raw}` : undefined;
}

/**
 * Readable text from an HTML error page or a message with markup: tags dropped, common entities decoded,
 * white space collapsed. With `preferPre`, the first <pre> block is all that is read (Express puts its
 * "Cannot GET /path" there).
 */
export function htmlToText(html: string, { preferPre = false } = {}): string {
	const pre = preferPre ? /<pre>([\s\S]*?)<\/pre>/i.exec(html) : null;
	return (pre ? pre[1] : html)
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#0?39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}
