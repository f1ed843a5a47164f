import type { IDataObject } from 'n8n-workflow';

/** Documented: 4 requests per second and 10,000 per day per app, shared by every account connected to it (see docs/providers/constant-contact.md). */
export const REQUESTS_PER_SECOND = 4;
export const DAILY_QUOTA = 10000;

interface ErrorEntry {
	key?: string;
	message?: string;
}

/** Constant Contact answers `[{error_key, error_message}]`, sometimes one bare object, and `{error, error_description}` at the token endpoint. */
export function errorEntries(body: unknown): ErrorEntry[] {
	if (Array.isArray(body)) return body.flatMap((entry) => errorEntries(entry));
	if (typeof body === 'string') return body.trim() ? [{ message: body.trim() }] : [];
	if (!body || typeof body !== 'object') return [];
	const b = body as IDataObject;
	const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
	const key = str(b.error_key) ?? str(b.errorCode) ?? str(b.error);
	const message =
		str(b.error_message) ?? str(b.error_description) ?? str(b.errorSummary) ?? str(b.message) ?? (str(b.error_key) ? undefined : str(b.error));
	if (!key && !message) return [];
	return [{ key, message }];
}

export function errorKeyOf(body: unknown): string | undefined {
	return errorEntries(body).find((e) => e.key)?.key;
}

function nextMidnightUtc(now: number): number {
	const d = new Date(now);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** A `quota_exceeded` 429: the daily quota is spent until 00:00 UTC. */
export function quotaResetAt(body: unknown, now = Date.now()): number | undefined {
	return errorKeyOf(body) === 'quota_exceeded' ? nextMidnightUtc(now) : undefined;
}

function untilMidnightUtc(now = Date.now()): { at: string; text: string } {
	const reset = nextMidnightUtc(now);
	const minutes = Math.max(1, Math.ceil((reset - now) / 60000));
	const text = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
	return { at: new Date(reset).toISOString(), text };
}

export function parseConstantContactError(body: unknown, statusCode: number): { message?: string; code?: string; details?: string } {
	const entries = errorEntries(body);
	const code = entries.find((e) => e.key)?.key;
	const apiText = entries.map((e) => e.message ?? e.key).filter(Boolean).join('; ') || undefined;
	if (statusCode === 429 && code === 'quota_exceeded') {
		const reset = untilMidnightUtc();
		return {
			code,
			message: `The daily request quota of this Constant Contact app is spent (${apiText ?? 'Limit Exceeded'}). It resets at 00:00 UTC, in about ${reset.text} (${reset.at}).`,
			details: `Constant Contact allows ${DAILY_QUOTA.toLocaleString('en-US')} requests per day per application, shared by every account connected to it. Retrying before the reset cannot help, so the node did not retry.`,
		};
	}
	if (statusCode === 429) {
		return {
			code,
			message: apiText,
			details: `Constant Contact allows ${REQUESTS_PER_SECOND} requests per second per application; other workflows or integrations using the same application share that budget.`,
		};
	}
	if (statusCode === 401) {
		return {
			code,
			message: apiText,
			details: 'n8n already tried to refresh the access token. Reconnect the credential; if it keeps failing, the refresh token may have expired (180 days unused) or been rotated by another workflow.',
		};
	}
	if (statusCode === 403) {
		return {
			code,
			message: apiText,
			details:
				'Constant Contact does not say which of three causes applies: the token lacks the campaign_data scope (reconnect the credential), the Constant Contact user lacks the campaign:read / campaign:write privilege, or the application was deactivated.',
		};
	}
	return { code, message: apiText };
}
