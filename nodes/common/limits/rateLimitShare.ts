import type { INodeProperties } from 'n8n-workflow';

export const RATE_LIMIT_SHARE_FIELD = 'Rate Limit Share (%)';

/** The credential field every provider credential has (credentials/*.credentials.ts). */
export const rateLimitShareProperty: INodeProperties = {
	displayName: RATE_LIMIT_SHARE_FIELD,
	name: 'rateLimitShare',
	type: 'number',
	typeOptions: { minValue: 0.01, maxValue: 100, numberPrecision: 2 },
	default: 100,
	description:
		"Percentage of the provider's rate limit this n8n process may use with this credential. Keep 100 with a single n8n; in queue mode, where the main, every worker and every webhook processor each apply it, split the limit between them: e.g. 50 with two workers doing the work.",
};

/** The share as a fraction (0, 1]; empty means 100 %. Throws a message naming the field when invalid. */
export function rateLimitShare(raw: unknown): number {
	if (raw === undefined || raw === null || raw === '') return 1;
	// Plain decimal text only: "0x10" or "1e1" would otherwise pass as 16 and 10.
	const value = typeof raw === 'string' ? (/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) {
		throw new Error(
			`The credential's "${RATE_LIMIT_SHARE_FIELD}" must be a number above 0 and at most 100 (it is ${JSON.stringify(raw).slice(0, 40)}). Set it in the credential: 100 with a single n8n, less in queue mode (see the package's docs/running-at-scale.md).`,
		);
	}
	return value / 100;
}
