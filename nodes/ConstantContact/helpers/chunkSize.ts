import { errorEntries } from '../transport/errors';

/**
 * The largest number of registration IDs one bulk PUT starts with (UNVERIFIED: Constant Contact
 * documents no maximum). 2,000 UUIDs are about 80 KB of JSON, far below common gateway body limits;
 * at the documented 4 requests per second that is 8,000 registrations a second, so larger requests
 * would gain nothing while making one timeout's unknown outcome cover more registrations.
 */
export const AUTO_MAX_IDS = 2000;

/** 400 texts that say the request or its array is too big (Constant Contact's wording is not documented). */
const TOO_BIG = /too (many|large|long|big)|exceed(s|ed)?\b|maximum|at most|size must be between/i;
const ABOUT_SIZE = /registration[_ ]ids|array|items|\bids\b|request|payload|body|entity|size/i;

/**
 * Whether Constant Contact refused a bulk PUT because of its size: HTTP 413, or a 400 whose error
 * says the request or the ID array is too large (the rule is ours; the real answer is UNVERIFIED).
 * A refused request changed nothing, so its IDs can be sent again in smaller requests: runBatch
 * (common/run/batchRunner.ts, `refusedForSize`) halves them and learns the size for the rest of the run.
 */
export function isSizeRefusal(error: unknown): boolean {
	const e = error as { httpCode?: unknown; message?: unknown; description?: unknown; errorResponse?: unknown };
	const status = String(e?.httpCode ?? '');
	if (status === '413') return true;
	if (status !== '400') return false;
	const response = (e.errorResponse ?? {}) as { body?: unknown };
	const entries = errorEntries(response.body ?? response);
	const text = [e.message, e.description, ...entries.flatMap((x) => [x.key, x.message])].filter((s) => typeof s === 'string').join('\n');
	return TOO_BIG.test(text) && ABOUT_SIZE.test(text);
}
