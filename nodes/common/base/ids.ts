import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './errors';
import { readItemParameter } from './fieldReference';
import { checkNumericId, checkText } from './inputChecks';

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

/** IDs that pass every check below unchanged (letters, digits, `-`, `_`: UUIDs, hex and numeric keys). */
const PLAIN_ID = /^[A-Za-z0-9_-]+$/;

export function validateId(ctx: IExecuteFunctions, raw: unknown, label: string, itemIndex: number): string {
	if (typeof raw === 'string' && PLAIN_ID.test(raw)) return raw;
	// getNode() deep-copies the node with its parameters: only a refusal needs it (µs per ID in bulk writes).
	const at = { get node() { return ctx.getNode(); }, field: label, itemIndex };
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
