import type { IDataObject } from 'n8n-workflow';

/**
 * Readers for record fields a poller keys on. Every field of a provider's record is treated as hostile:
 * a reader returns undefined (or a neutral value) instead of something that would move a cursor wrongly.
 */

/** A positive integer ID, sent as a string ("12") or a number; anything else (12.5, "007", "1e3") is not one. */
export function integerId(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
	if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
	const n = Number(value);
	return Number.isSafeInteger(n) ? n : undefined;
}

/** A string key: a non-empty string, or a finite number as text; anything else is not one. */
export function stringId(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() ? value : undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** A time in ms since the epoch, or undefined when the value is not a readable date string. */
export function timeMs(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/** A field compared for changes, as text: null and missing read as "", other non-strings as their JSON. */
export function fieldText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '';
	}
}

export function objectOf(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}
