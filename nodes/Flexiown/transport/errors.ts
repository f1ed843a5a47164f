import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { answerError, defaultParseError, withMaskedParameters, type Outcome, type UnusableAnswer } from '../../common';

export interface FieldError {
	field: string;
	messages: string[];
}

/** Flattens ASP.NET's `errors` ({field: [messages]}; defensively also a string or a list) into field/message pairs. */
export function flattenFieldErrors(errors: unknown): FieldError[] {
	if (!errors) return [];
	if (typeof errors === 'string') return errors.trim() ? [{ field: '', messages: [errors.trim()] }] : [];
	if (Array.isArray(errors)) {
		const messages = errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).filter(Boolean);
		return messages.length ? [{ field: '', messages }] : [];
	}
	if (typeof errors !== 'object') return [];
	const out: FieldError[] = [];
	for (const [field, value] of Object.entries(errors as IDataObject)) {
		const list = Array.isArray(value) ? value : [value];
		const messages = list
			.map((m) => (typeof m === 'string' ? m.trim() : m === null || m === undefined ? '' : JSON.stringify(m)))
			.filter(Boolean);
		out.push({ field, messages: messages.length ? messages : ['is invalid'] });
	}
	return out;
}

const fieldLabel = (field: string) => (field === '' || field === '$' ? 'request body' : field);

const withoutFinalStop = (text: string) => text.replace(/\.\s*$/, '');

/** "field: message, message; field2: message" (one line; final full stops dropped so the list reads cleanly) */
export function describeFieldErrors(errors: FieldError[]): string {
	return errors.map((e) => `${fieldLabel(e.field)}: ${e.messages.map(withoutFinalStop).join(', ')}`).join('; ');
}

/**
 * Reads Flexiown's ASP.NET problem details ({type, title, status, traceId, errors}): a 400 becomes one
 * message naming each field; the traceId is kept in the details for support. The field errors are
 * returned too, for the errors built here.
 */
export function parseFlexiownError(body: unknown): { message?: string; code?: string; details?: string; fieldErrors: FieldError[] } {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { ...defaultParseError(body), fieldErrors: [] };
	const b = body as IDataObject;
	const fieldErrors = flattenFieldErrors(b.errors);
	const title = typeof b.title === 'string' && b.title.trim() ? b.title.trim() : undefined;
	const traceId = typeof b.traceId === 'string' && b.traceId ? b.traceId : undefined;
	let message = title ?? defaultParseError(body).message;
	if (fieldErrors.length) message = `${title ?? 'The request was rejected.'} ${describeFieldErrors(fieldErrors)}`;
	const details = [
		...fieldErrors.map((e) => `- ${fieldLabel(e.field)}: ${e.messages.join(' ')}`),
		traceId ? `Trace ID: ${traceId} (quote it when contacting Flexiown support)` : undefined,
	]
		.filter(Boolean)
		.join('\n');
	return { message, details: details || undefined, fieldErrors };
}

/**
 * What a 2xx answer that does not confirm success means: Flexiown's documented failure (`success: false`,
 * or `errors{field: [messages]}`) is a refusal, nothing was done; anything else (an empty body, null, a
 * 204, an object without `success`) confirms nothing, so the request may have been carried out.
 */
export function unconfirmedOutcome(body: unknown): Outcome {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'unknown';
	const b = body as IDataObject;
	return b.success === false || flattenFieldErrors(b.errors).length > 0 ? 'not-done' : 'unknown';
}

/**
 * A 2xx answer that does not confirm success (`success` is not true): an error naming what Flexiown
 * said, without secrets, with the outcome that answer means (unconfirmedOutcome).
 */
export function notConfirmedError({ node, what, body, secrets, itemIndex }: UnusableAnswer & { what: string }): NodeApiError {
	const parsed = parseFlexiownError(body);
	const outcome = unconfirmedOutcome(body);
	const reason = parsed.fieldErrors.length
		? describeFieldErrors(parsed.fieldErrors)
		: (parsed.message ?? `the response did not say "success": true`);
	const meaning =
		outcome === 'not-done'
			? `Flexiown answered with HTTP 200 and refused it. Treat the ${what} as not done.`
			: `Flexiown answered with HTTP 200 but without saying whether it succeeded, so the outcome is unknown: the ${what} may have been carried out. Check at Flexiown before running it again.`;
	return answerError({
		node,
		message: `Flexiown did not confirm the ${what}: ${reason}`,
		body,
		secrets,
		itemIndex,
		httpCode: '200',
		description: [meaning, parsed.details],
		outcome,
	});
}

/** Node parameters that hold trust values (password fields): never carried in an error's node snapshot. */
const SECRET_PARAMETERS = new Set(['trustSeed', 'trustValue', 'altTrustValue']);

/** Masks the trust-value parameters in the node snapshot n8n keeps with an error. */
export function protectError<E>(error: E): E {
	return withMaskedParameters(error, SECRET_PARAMETERS);
}
