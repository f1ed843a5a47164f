import type { INode } from 'n8n-workflow';

import { inputError } from './errors';

/**
 * Checks of parameter values as they arrive (typed in or from an expression): each refusal names the
 * field and the item, and happens before any request is sent. Values are never coerced silently:
 * "0x10", "1e3", "" or true are not numbers; 2026-02-30 is not a date; an object is not an ID.
 */

/** Where a value comes from, for the error. */
export interface Field {
	node: INode;
	/** As the user sees it, e.g. "Additional Fields → Discount". */
	field: string;
	/** None for a value that is not read per item (a trigger's options). */
	itemIndex?: number;
}

/** How a value looks in an error: short, one line, never an object's innards. */
export function shown(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${withoutControlCharacters(value.slice(0, 60))}"`;
	return String(value);
}

/** Control characters (U+0000–U+001F, U+007F) as spaces, so a value shown in an error stays on one line. */
function withoutControlCharacters(text: string): string {
	return Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
}

function refuse(at: Field, problem: string, fix?: string): never {
	throw inputError({ node: at.node, field: at.field, problem, itemIndex: at.itemIndex, fix });
}

/** A plain decimal number as text: optional minus, digits, optional fraction. No hex, exponent or spaces inside. */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

export interface NumberRule {
	/** Allow values below zero (a refund may be negative; a price may not). Default: no. */
	negative?: boolean;
	/** Allow 0. Default: yes. */
	zero?: boolean;
	integer?: boolean;
	min?: number;
	max?: number;
}

/** A finite number within the rule; a number or a plain decimal string is accepted, anything else refused. */
export function checkNumber(at: Field, raw: unknown, rule: NumberRule = {}): number {
	let n: number;
	if (typeof raw === 'number') n = raw;
	else if (typeof raw === 'string' && DECIMAL.test(raw.trim())) n = Number(raw.trim());
	else return refuse(at, `${shown(raw)} is not a number`, 'Enter a plain number such as 12.50 (no currency sign, no thousands separator).');
	if (!Number.isFinite(n)) return refuse(at, `${shown(raw)} is not a finite number`);
	if (rule.integer && !Number.isSafeInteger(n)) return refuse(at, `${shown(raw)} is not a whole number${Number.isInteger(n) ? ' that can be sent exactly (above 2^53)' : ''}`);
	if (n < 0 && !rule.negative) return refuse(at, `${shown(raw)} is negative`, 'Enter zero or a positive number.');
	if (n === 0 && rule.zero === false) return refuse(at, `${shown(raw)} is not above 0`);
	if (rule.min !== undefined && n < rule.min) return refuse(at, `${shown(raw)} is below ${rule.min}`);
	if (rule.max !== undefined && n > rule.max) return refuse(at, `${shown(raw)} is above ${rule.max}`);
	return n;
}

/** An optional number: undefined for empty (undefined, null, ""); otherwise checked like checkNumber. */
export function optionalNumber(at: Field, raw: unknown, rule: NumberRule = {}): number | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	return checkNumber(at, raw, rule);
}

/**
 * A positive whole-number ID (e.g. a WordPress row): kept as the exact digits. A JS number above 2^53 has
 * already lost digits, so it is refused with the advice to pass the ID as text.
 */
export function checkNumericId(at: Field, raw: unknown): string {
	if (typeof raw === 'number') {
		if (!Number.isSafeInteger(raw)) return refuse(at, `${shown(raw)} is not a whole number that can be kept exactly`, 'Pass the ID as text (e.g. {{ String($json.id) }}) so no digit is lost.');
		if (raw <= 0) return refuse(at, `${shown(raw)} is not a positive whole number`);
		return String(raw);
	}
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!/^\d+$/.test(text) || /^0+$/.test(text)) return refuse(at, `${shown(raw)} is not a positive whole number`);
	return text.replace(/^0+/, '');
}

/** Whether text holds a UTF-16 surrogate without its pair (it cannot be URL-encoded or sent as UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
	return /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** A text value from a parameter: numbers become text; objects, lists and booleans are refused; undefined/null is "". */
export function checkText(at: Field, raw: unknown): string {
	if (raw === undefined || raw === null) return '';
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) return refuse(at, `${shown(raw)} is not a valid value`);
		return String(raw);
	}
	if (typeof raw !== 'string') return refuse(at, `is ${shown(raw)}, not text`, 'Map a single value (text or number) into this field.');
	if (hasLoneSurrogate(raw)) return refuse(at, 'contains an invalid character (a lone UTF-16 surrogate)');
	return raw.trim();
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/** Control characters (NUL, BEL, ESC, DEL …), invisible format characters (right-to-left override, zero-width space …) and line separators. */
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** Refuses text holding a character that is invisible or controls the terminal or the text direction. */
function refuseControl(at: Field, text: string): void {
	const found = CONTROL.exec(text);
	if (found) {
		const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
		refuse(at, `contains a control or invisible character (U+${code})`, 'Remove it: such characters (NUL, BEL, a right-to-left override …) hide or change what the address says.');
	}
}

/** An optional e-mail address: "" when empty, otherwise one address (no display name, no list, no control character). */
export function checkEmail(at: Field, raw: unknown): string {
	const text = checkText(at, raw);
	refuseControl(at, text);
	if (text && (!EMAIL.test(text) || text.length > 254)) return refuse(at, `${shown(text)} is not an e-mail address`, 'Enter one address such as name@example.com.');
	return text;
}

/** A required http(s) URL: parsed, with a host, no spaces and no control or invisible character. */
export function checkUrl(at: Field, raw: unknown): string {
	const text = checkText(at, raw);
	if (!text) return refuse(at, 'is empty', 'Enter the full URL, starting with https://.');
	refuseControl(at, text);
	let parsed: URL | undefined;
	try {
		parsed = new URL(text);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname || /\s/.test(text)) {
		return refuse(at, `${shown(text)} is not an http(s) URL`, 'Enter the full URL, starting with https://.');
	}
	return text;
}

/**
 * The largest amount of money any field of this package accepts: 1,000,000,000 in the field's currency. The
 * package's own choice, not a provider's limit: far above any ticket, order or membership payment, it
 * refuses amounts that can only be mistakes (1e21, a timestamp or an ID mapped into an amount).
 */
export const MAX_MONEY = 1_000_000_000;

/** An amount of money: a finite number from 0 (negatives only when the rule allows) up to MAX_MONEY. */
export function checkMoney(at: Field, raw: unknown, rule: Omit<NumberRule, 'max'> = {}): number {
	const n = checkNumber(at, raw, rule);
	if (Math.abs(n) > MAX_MONEY) return refuse(at, `${shown(n)} is above ${MAX_MONEY} (this package's upper bound for an amount)`, 'Check the value: amounts are in the currency\'s main unit (e.g. 12.50).');
	return n;
}

/**
 * A list of text values: an array (of texts or numbers) or one text separated by commas. Empty entries are
 * dropped; an entry that is an object, a list or a boolean is refused.
 */
export function checkList(at: Field, raw: unknown): string[] {
	const entries = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : typeof raw === 'string' ? raw.split(',') : [raw];
	return entries.map((entry, k) => checkText({ ...at, field: Array.isArray(raw) ? `${at.field} (entry ${k + 1})` : at.field }, entry)).filter(Boolean);
}

function daysIn(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The parts of a date or date-time as written, after checking it is a real calendar date and clock time. */
export interface DateParts {
	date: string;
	/** HH:MM:SS, when a time was given. */
	time?: string;
	/** The offset as written (Z, +02:00), when given. */
	offset?: string;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM[:SS][.fff][Z|±HH:MM]): a real day of a real month
 * (2026-02-30 and 2026-04-31 are refused, never rolled over) and a real clock time (25:61:99 is refused).
 * A JavaScript Date (or n8n's DateTime) from an expression is accepted as its ISO form.
 */
export function checkDate(at: Field, raw: unknown): DateParts {
	let text: string;
	if (raw instanceof Date) {
		if (Number.isNaN(raw.getTime())) return refuse(at, 'is an invalid date');
		text = raw.toISOString();
	} else if (raw && typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') {
		text = String((raw as { toISO: () => string }).toISO());
	} else text = checkText(at, raw);
	const m = DATE_TIME.exec(text);
	const fix = 'Use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (ISO 8601), e.g. 2026-03-31T18:00:00Z.';
	if (!m) return refuse(at, `${shown(text)} is not a date`, fix);
	const [, y, mo, d, h, mi, s, , offset] = m;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return refuse(at, `${shown(text)} is not a real calendar date`, fix);
	if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return refuse(at, `${shown(text)} is not a real time of day`, fix);
	if (offset) {
		const om = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
		if (om && (Number(om[2]) > 14 || Number(om[3]) > 59)) return refuse(at, `${shown(text)} has an impossible time-zone offset`, fix);
	}
	return { date: `${y}-${mo}-${d}`, ...(h !== undefined ? { time: `${h}:${mi}:${s ?? '00'}` } : {}), ...(offset ? { offset: offset.toUpperCase() } : {}) };
}
