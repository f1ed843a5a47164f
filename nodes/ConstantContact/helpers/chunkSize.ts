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
 * A refused request changed nothing, so its IDs can be sent again in smaller requests.
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

/**
 * What one execution has learnt about how many IDs Constant Contact takes in one PUT: it starts at
 * the largest size and halves it whenever a request is refused as too large. Sizes up to the largest
 * accepted one go out in parallel; larger ones are tried one at a time, so a refusal is met once.
 */
export class ChunkSizer {
	private limit: number;
	private accepted = 0;

	constructor(start = AUTO_MAX_IDS) {
		this.limit = start;
	}

	/** How many IDs a request may carry now, under the user's cap. */
	size(cap: number): number {
		return Math.max(1, Math.min(cap, this.limit));
	}

	/** Whether a request of `count` IDs is known to be accepted. */
	proven(count: number): boolean {
		return count <= this.accepted;
	}

	accept(count: number): void {
		this.accepted = Math.max(this.accepted, count);
	}

	/** A request of `count` IDs was refused as too large; false when it cannot be split further. */
	refuse(count: number): boolean {
		if (count <= 1) return false;
		this.limit = Math.min(this.limit, Math.ceil(count / 2));
		this.accepted = Math.min(this.accepted, this.limit);
		return true;
	}
}
