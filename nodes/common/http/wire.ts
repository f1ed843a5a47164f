import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ApiRequest, ApiResponse } from '../base/types';

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as IDataObject)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

/** Parses what n8n's helper returned: JSON text, an object, or nothing. */
export function toApiResponse(full: { statusCode: number; headers?: unknown; body?: unknown }): ApiResponse {
	const headers = lowerCaseHeaders(full.headers);
	let body: unknown = full.body;
	let rawBody: string | undefined;
	let malformed = false;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		rawBody = body;
		const trimmed = body.trim();
		if (trimmed === '') body = undefined;
		else {
			try {
				body = JSON.parse(trimmed);
				rawBody = undefined;
			} catch {
				body = trimmed;
				malformed = /json/i.test(headers['content-type'] ?? '');
			}
		}
	}
	return { statusCode: full.statusCode, headers, body, rawBody, malformed };
}

/** The options for n8n's request helper: JSON or form body, the full response as text, no redirects followed. */
export function requestOptions(req: ApiRequest, ignoreHttpStatusErrors: boolean): IHttpRequestOptions {
	const headers: IDataObject = { Accept: 'application/json', ...(req.headers ?? {}) };
	let body: IHttpRequestOptions['body'];
	if (req.body !== undefined) {
		if (req.form) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(req.body as Record<string, string>).toString();
		} else {
			// Sent as text so that an empty object `{}` still goes out (n8n drops empty object bodies).
			headers['Content-Type'] = 'application/json';
			body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
		}
	}
	const options: IHttpRequestOptions = {
		method: req.method,
		url: req.url,
		headers,
		returnFullResponse: true,
		ignoreHttpStatusErrors,
		encoding: 'text',
		json: false,
		// Redirects are answered by the request loop (common/http/request.ts), which never lets credentials or a
		// write go to another origin; followed here they would carry both wherever the Location points.
		disableFollowRedirect: true,
		maxRedirects: 0,
	};
	if (req.timeoutMs !== undefined && req.timeoutMs > 0) options.timeout = req.timeoutMs;
	if (req.qs && Object.keys(req.qs).length) options.qs = req.qs;
	if (body !== undefined) options.body = body;
	if (req.skipSslCertificateValidation) options.skipSslCertificateValidation = true;
	return options;
}

export interface ThrownHttpError {
	httpCode?: string | null;
	code?: string;
	message?: string;
	cause?: { code?: string; message?: string; response?: { status?: number; headers?: unknown; data?: unknown } };
	context?: { data?: unknown };
}

/** n8n wraps transport failures; dig out the HTTP answer (if any) or the socket error code. */
export function unwrapThrown(error: ThrownHttpError): { response?: ApiResponse; code?: string; message?: string } {
	// The HTTP answer, as n8n's request helper attaches it to the error it wraps.
	const answer = error.cause?.response;
	if (answer?.status) {
		return { response: toApiResponse({ statusCode: answer.status, headers: answer.headers, body: answer.data }) };
	}
	const status = Number(error.httpCode);
	if (status >= 100 && status < 600) {
		return { response: toApiResponse({ statusCode: status, body: error.context?.data ?? error.message }) };
	}
	const code = error.cause?.code ?? error.code ?? undefined;
	return { code, message: error.cause?.message ?? error.message };
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
