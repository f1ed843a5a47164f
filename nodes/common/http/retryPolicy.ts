/** Status codes worth retrying for a request that may safely be repeated. */
export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Connection failures after which the request may or may not have reached the server. */
const UNKNOWN_OUTCOME_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'EAI_AGAIN']);
/** Connection failures after which the server certainly did not see the request. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED']);

export function classifyNetworkError(code: string | undefined): 'not-sent' | 'unknown' | 'other' {
	if (!code) return 'other';
	if (NOT_SENT_CODES.has(code)) return 'not-sent';
	if (UNKNOWN_OUTCOME_CODES.has(code)) return 'unknown';
	return 'other';
}

/** Failures before a request could reach the server: no connection, no address, no TLS session. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const TLS_CODE = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_(GET|VERIFY)_|ERR_SSL_)/;

/** What a failure without an answer means for a write: provably not sent, or may have been carried out. */
export function networkOutcome(code: string | undefined): 'not-done' | 'unknown' {
	return code && (NEVER_SENT_CODES.has(code) || TLS_CODE.test(code)) ? 'not-done' : 'unknown';
}

/** Whether a failure without an answer is the request's own timeout (n8n's HTTP client: ECONNABORTED "timeout of N ms exceeded", or ETIMEDOUT). */
export function isTimeout(code: string | undefined, message: string | undefined): boolean {
	if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return true;
	return /timeout of \d+\s*ms exceeded|timed? ?out/i.test(message ?? '') && (code === undefined || code === 'ECONNABORTED');
}

/**
 * Parses a Retry-After header: delay-seconds or an HTTP-date.
 * Returns milliseconds to wait, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with full jitter: random in [base*2^attempt / 2, base*2^attempt]. */
export function backoffDelay(attempt: number, baseMs = 500, random = Math.random): number {
	const ceiling = baseMs * 2 ** attempt;
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long to wait before retry number `attempt` (0-based), honouring Retry-After when the
 * server sent one, never longer than the user's cap.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, capMs: number): number {
	const wait = retryAfterMs !== undefined ? retryAfterMs : backoffDelay(attempt);
	return Math.min(wait, capMs);
}
