import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { inputError } from './errors';
import { readItemParameter } from './fieldReference';
import { checkNumber, checkNumericId, checkText, optionalNumber, type NumberRule } from './inputChecks';
import type { PageLimit } from './pagination';
import type { RequestSettings } from './types';

/** Seconds every request waits for an answer unless the node's Request Options say otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/**
 * The "Request Options" collection every node shows. Requests per Second defaults to 0: no cap of the
 * execution's own, the pace the process shares per credential (named in `providerRate`) decides.
 */
export function requestOptionsProperty(providerRate: string, providerConcurrency?: number, adaptive = false): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 50 },
				default: 0,
				description: `How many input items are processed at the same time. 0 uses the node's default${providerConcurrency ? ` (${providerConcurrency})` : ''}${adaptive ? ", which follows the adaptive pace's in-flight window" : ''}.`,
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 5,
				description:
					'How many times a rate-limited (429) or temporarily failing (502, 503, 504, dropped connection) request is retried. Requests that create something are only retried when the server provably did not act on them.',
			},
			{
				displayName: 'Max Retry Wait (Seconds)',
				name: 'maxRetryWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 60,
				description:
					'Longest single wait before a retry. When the API asks (Retry-After) for a longer wait, the item fails at once with that information.',
			},
			{
				displayName: 'Requests per Second',
				name: 'requestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: `Upper bound on requests per second for this node in one execution, on top of the pace all executions of this n8n share per credential (${providerRate}). It can only lower that pace. 0 = no cap of its own.`,
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 600 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description:
					'How long to wait for an answer to each request. A read that times out is retried; a change (create, complete, cancel …) is not, because it may have been carried out: the item fails saying that its outcome is unknown.',
			},
		],
	};
}

/** A provider's default Request Options: its own rate and concurrency, the retry policy all providers share. */
export function providerDefaults(limits: Pick<RequestSettings, 'requestsPerSecond' | 'concurrency'>): RequestSettings {
	return { maxRetries: 5, maxRetryWaitSeconds: 60, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, ...limits };
}

/** The range of each Request Option, as the fields above show it. */
const REQUEST_OPTION_RULES = {
	concurrency: { label: 'Concurrency', rule: { integer: true, min: 0, max: 50 } },
	maxRetries: { label: 'Max Retries', rule: { integer: true, min: 0, max: 10 } },
	maxRetryWaitSeconds: { label: 'Max Retry Wait (Seconds)', rule: { min: 1, max: 3600 } },
	requestsPerSecond: { label: 'Requests per Second', rule: { min: 0, max: 10000 } },
	timeoutSeconds: { label: 'Timeout (Seconds)', rule: { min: 1, max: 600 } },
} as const;

/**
 * Reads the node's Request Options once per execution (they cannot vary per item). Each value is checked
 * for form and range (a fraction of a retry, a negative wait or "10 s" is refused naming the option, never
 * rounded or replaced by the default); 0 keeps its documented meaning (Concurrency: the node's default,
 * Requests per Second: no cap of its own).
 */
export function readRequestSettings(ctx: IExecuteFunctions, defaults: RequestSettings): RequestSettings {
	const raw = (ctx.getNodeParameter('requestOptions', 0, {}) ?? {}) as Record<string, unknown>;
	const read = (name: keyof typeof REQUEST_OPTION_RULES): number | undefined => {
		const { label, rule } = REQUEST_OPTION_RULES[name];
		return optionalNumber({ node: ctx.getNode(), field: `Request Options → ${label}`, itemIndex: 0 }, raw[name], rule);
	};
	const concurrency = read('concurrency');
	const maxRetries = read('maxRetries');
	const maxRetryWaitSeconds = read('maxRetryWaitSeconds');
	const requestsPerSecond = read('requestsPerSecond');
	const timeoutSeconds = read('timeoutSeconds') ?? defaults.timeoutSeconds;
	return {
		concurrency: concurrency ? concurrency : defaults.concurrency,
		maxRetries: maxRetries ?? defaults.maxRetries,
		maxRetryWaitSeconds: maxRetryWaitSeconds ?? defaults.maxRetryWaitSeconds,
		requestsPerSecond: requestsPerSecond ? requestsPerSecond : defaults.requestsPerSecond,
		...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
	};
}

/**
 * Reads an ID parameter (plain string or resource locator) for one item and rejects values that
 * would change the request path: empty, whitespace, slashes, dots-only, query characters.
 */
export function readId(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	// A plain `{{ $json.… }}` reference is read from the item without the expression engine (fieldReference.ts).
	const raw = readItemParameter(ctx, name, itemIndex, '', { extractValue: true });
	return validateId(ctx, raw, label, itemIndex);
}

/** The value of a resource locator (or of a plain string parameter holding an ID). */
export function locatorValue(raw: unknown): unknown {
	return raw && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
}

/** An optional ID: undefined when empty, otherwise validated like a required one. */
export function optionalId(ctx: IExecuteFunctions, raw: unknown, label: string, itemIndex: number): string | undefined {
	const value = locatorValue(raw);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	return validateId(ctx, value, label, itemIndex);
}

export function validateId(ctx: IExecuteFunctions, raw: unknown, label: string, itemIndex: number): string {
	const at = { node: ctx.getNode(), field: label, itemIndex };
	// An object, a list, a lone surrogate or a number that lost digits is refused for what it is (inputChecks.ts).
	const value = typeof raw === 'number' ? checkNumericId(at, raw) : checkText(at, raw);
	if (!value) {
		throw inputError({ node: ctx.getNode(), field: label, problem: 'is empty', itemIndex, fix: `Set "${label}" or map it from the input with an expression.` });
	}
	if (/[/\\?#%\s\p{Cc}]/u.test(value) || /^\.+$/.test(value)) {
		throw inputError({
				node: ctx.getNode(),
				field: label,
				problem: `"${value.slice(0, 80)}" is not a valid ID (it contains spaces, slashes or URL characters)`,
				itemIndex,
				fix: 'Use the bare ID, not a URL or path.',
			});
	}
	return value;
}

/**
 * A number a trigger's user sets (back-fill counts, page sizes, watch windows), checked for form and range
 * like an operation's fields, without silent coercion: `Number("")` is 0 and `Number("0x10")` 16, so neither
 * is used. Triggers have no items: the refusal names the field only.
 */
export function readTriggerNumber(
	ctx: { getNode(): INode; getNodeParameter(name: string, fallback?: unknown): unknown },
	name: string,
	field: string,
	fallback: number,
	rule: NumberRule,
): number {
	return checkNumber({ node: ctx.getNode(), field }, ctx.getNodeParameter(name, fallback) ?? fallback, rule);
}

/** Return All, and Limit while it is off: what every Get Many operation shows (readPageLimit reads them). */
export const pageLimitProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
];

export function readPageLimit(ctx: IExecuteFunctions, itemIndex: number): PageLimit {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll, limit: 0 };
	const limit = checkNumber({ node: ctx.getNode(), field: 'Limit', itemIndex }, ctx.getNodeParameter('limit', itemIndex, 50), { integer: true, min: 1 });
	return { returnAll, limit };
}

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};
