import type { IExecuteFunctions, IGetNodeParameterOptions, INodeExecutionData } from 'n8n-workflow';

/**
 * Plain field references read without n8n's expression engine.
 *
 * A per-item parameter whose raw value is exactly `={{ $json.a.b }}`, `={{ $json["odd key"] }}` or
 * `={{ $json.list[0] }}` costs about a millisecond per item in the engine (a data proxy, a parse, an
 * isolate round trip), for a value that is one property lookup away. The fast path takes only what it can
 * prove n8n would return unchanged; everything else (a missing field, an object, a Date, a key n8n's sandbox
 * refuses, a locator in a mode that extracts, any other expression) goes to `getNodeParameter` as before.
 * Why each rule holds, and the test that compares it with n8n: docs/dev/field-references.md.
 */

/** One step of a path: a property name or an array index. */
export type FieldPath = Array<string | number>;

const SPACE = /^[ \t\n\r]*/;
/** Dot-form names: ASCII identifiers without `$` (unicode names and `$` go through brackets or the engine). */
const NAME = /^\.[ \t\n\r]*([A-Za-z_][A-Za-z0-9_]*)/;
const INDEX = /^\[[ \t\n\r]*(0|[1-9][0-9]{0,8})[ \t\n\r]*\]/;
/** A double-quoted key in JSON's escapes (the same in JavaScript), or a single-quoted one without escapes. */
const DOUBLE_QUOTED = /^\[[ \t\n\r]*("(?:[^"\\\n\r\u2028\u2029]|\\["\\/bfnrt]|\\u[0-9A-Fa-f]{4})*")[ \t\n\r]*\]/;
const SINGLE_QUOTED = /^\[[ \t\n\r]*'([^'\\\n\r\u2028\u2029]*)'[ \t\n\r]*\]/;

/**
 * Names n8n's expression sandbox refuses or rewrites (its unsafe-property list), and anything JavaScript
 * resolves through a prototype. Such keys are left to the engine whatever the item holds.
 */
const REFUSED_KEYS = new Set([
	'__proto__', 'prototype', 'constructor', 'getPrototypeOf', 'setPrototypeOf', 'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors', 'defineProperty', 'defineProperties', 'mainModule', 'binding', '_linkedBinding',
	'_load', 'prepareStackTrace', '__lookupGetter__', '__lookupSetter__', '__defineGetter__', '__defineSetter__',
	'caller', 'callee', 'arguments', 'getBuiltinModule', 'dlopen', 'execve', 'loadEnvFile', 'isProxy',
]);

function keyAllowed(key: string): boolean {
	return !REFUSED_KEYS.has(key) && !key.startsWith('__') && !/[{}`\\]/.test(key) && !(key in Object.prototype);
}

/**
 * The path of a parameter value that is exactly one plain reference to the item's JSON, or undefined.
 * `={{ $json }}` alone, optional chaining, calls, other variables and text around the braces are not plain.
 */
export function parseFieldReference(raw: unknown): FieldPath | undefined {
	if (typeof raw !== 'string' || !raw.startsWith('={{') || !raw.endsWith('}}') || raw.length > 500) return undefined;
	let rest = raw.slice(3, -2);
	rest = rest.slice(SPACE.exec(rest)![0].length);
	if (!rest.startsWith('$json')) return undefined;
	rest = rest.slice(5);
	const path: FieldPath = [];
	for (;;) {
		rest = rest.slice(SPACE.exec(rest)![0].length);
		if (rest === '') break;
		let m: RegExpExecArray | null;
		if ((m = NAME.exec(rest))) path.push(m[1]);
		else if ((m = INDEX.exec(rest))) path.push(Number(m[1]));
		else if ((m = DOUBLE_QUOTED.exec(rest))) path.push(JSON.parse(m[1]) as string);
		else if ((m = SINGLE_QUOTED.exec(rest))) path.push(m[1]);
		else return undefined;
		const step = path[path.length - 1];
		if (typeof step === 'string' && !keyAllowed(step)) return undefined;
		rest = rest.slice(m[0].length);
	}
	return path.length ? path : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}

/** A data property of its own, never a getter or an inherited name. */
function ownValue(holder: object, key: string | number): { value: unknown } | undefined {
	const descriptor = Object.getOwnPropertyDescriptor(holder, key);
	return descriptor && 'value' in descriptor ? { value: descriptor.value as unknown } : undefined;
}

/** Strings with a lone surrogate are left to the engine: its isolate may not carry them unchanged. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Follows a path through an item's JSON. Found only when every step is an own data property of a plain
 * object (or an index inside an array) and the end is a value n8n returns as it is: text, a finite number,
 * true/false, or null.
 */
export function lookUpField(json: unknown, path: FieldPath): { value: unknown } | undefined {
	const found = walk(json, path);
	return found && plainValue(found.value);
}

/** The value at the end of a path of own data properties of plain objects and indexes inside arrays. */
function walk(json: unknown, path: FieldPath): { value: unknown } | undefined {
	let current: unknown = json;
	for (const step of path) {
		if (typeof step === 'number') {
			if (!Array.isArray(current) || step >= current.length) return undefined;
		} else if (!isPlainObject(current)) return undefined;
		const found = ownValue(current as object, step);
		if (!found) return undefined;
		current = found.value;
	}
	return { value: current };
}

/** A value n8n's engine returns as it is: text, a finite number, true/false, or null. */
function plainValue(current: unknown): { value: unknown } | undefined {
	if (current === null || typeof current === 'boolean') return { value: current };
	if (typeof current === 'number') return Number.isFinite(current) && !Object.is(current, -0) ? { value: current } : undefined;
	if (typeof current === 'string') return LONE_SURROGATE.test(current) ? undefined : { value: current };
	return undefined;
}

/**
 * Like lookUpField, for a path that ends at a non-empty list of such values (e.g. registration IDs): a new
 * list of the same elements, which is what n8n's engine returns for it. A hole, an object, a nested list or
 * any element lookUpField would not take leaves the whole list to the engine.
 */
export function lookUpList(json: unknown, path: FieldPath): { value: unknown[] } | undefined {
	const found = walk(json, path);
	const list = found?.value;
	if (!Array.isArray(list) || Object.getPrototypeOf(list) !== Array.prototype || list.length === 0) return undefined;
	const out: unknown[] = [];
	for (let k = 0; k < list.length; k++) {
		const element = ownValue(list, k);
		const plain = element && plainValue(element.value);
		if (!plain) return undefined;
		out.push(plain.value);
	}
	return { value: out };
}

/** Locator modes whose value n8n passes on as it is (no mode of the package's locators extracts in these). */
const PLAIN_MODES = new Set(['id', 'list']);

function referenceOf(raw: unknown, options: IGetNodeParameterOptions | undefined): FieldPath | undefined {
	if (typeof raw === 'string') return parseFieldReference(raw);
	if (!options?.extractValue || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	const locator = raw as Record<string, unknown>;
	if (locator.__rl !== true || typeof locator.mode !== 'string' || !PLAIN_MODES.has(locator.mode)) return undefined;
	// n8n resolves every string of the locator; one other expression in it and the engine decides.
	for (const [key, value] of Object.entries(locator)) {
		if (key !== 'value' && (typeof value === 'object' && value !== null ? true : typeof value === 'string' && value.startsWith('='))) return undefined;
	}
	return parseFieldReference(locator.value);
}

/**
 * Whether `$json` in this execution is `getInputData()[i].json`. n8n's `$json` is the i-th item of the
 * node's connection input; in an execution they are the same array, as a tool of an AI agent they are not
 * (the input is the agent's arguments). Checked once per context through n8n's own data proxy; the items
 * when it is, undefined when not.
 */
const jsonSourceOf = new WeakMap<object, INodeExecutionData[] | undefined>();

function jsonSource(ctx: IExecuteFunctions): INodeExecutionData[] | undefined {
	if (jsonSourceOf.has(ctx)) return jsonSourceOf.get(ctx);
	let source: INodeExecutionData[] | undefined;
	try {
		const items = ctx.getInputData();
		const thisItem = (ctx.getWorkflowDataProxy(0) as { $thisItem?: unknown }).$thisItem;
		source = items.length > 0 && thisItem === items[0] ? items : undefined;
	} catch {
		source = undefined;
	}
	jsonSourceOf.set(ctx, source);
	return source;
}

/** A parameter's raw value and what it references, as read for the first item. */
interface RawRead {
	fallback: unknown;
	raw: unknown;
	/** The field path for a read without and with `extractValue`, once looked at. */
	paths: Map<boolean, FieldPath | undefined>;
}

/**
 * The raw value of each parameter, per context. n8n answers a raw read from the node's parameters whatever the
 * item index (in 1.x and 2.x: `get(node.parameters, name, fallback)`, returned before any evaluation), and a
 * context is one node's run, so it is read once and its reference parsed once, not per item.
 */
const rawReads = new WeakMap<object, Map<string, RawRead>>();

function rawRead(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): RawRead {
	let reads = rawReads.get(ctx);
	if (!reads) rawReads.set(ctx, (reads = new Map()));
	let read = reads.get(name);
	if (!read || !Object.is(read.fallback, fallback)) {
		read = { fallback, raw: ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true }) as unknown, paths: new Map() };
		reads.set(name, read);
	}
	return read;
}

function pathOf(read: RawRead, options: IGetNodeParameterOptions | undefined): FieldPath | undefined {
	const extract = options?.extractValue === true;
	if (!read.paths.has(extract)) read.paths.set(extract, referenceOf(read.raw, options));
	return read.paths.get(extract);
}

/**
 * `getNodeParameter(name, itemIndex, fallback, options)` for a parameter read per item, with a plain field
 * reference read straight from the item, and `true`/`false` set without an expression returned as set (n8n
 * returns such a value unchanged: it evaluates only text that starts with `=`, and no property of the package
 * has a `validateType` that would change it). The result is what n8n returns for it; anything the fast path
 * cannot prove is read by `getNodeParameter` itself.
 */
export function readItemParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	return readWith(lookUpField, ctx, name, itemIndex, fallback, options);
}

/**
 * readItemParameter for a parameter that may also be mapped to a list of plain values in one item (e.g. all
 * registration IDs in one field): the list is read from the item too (lookUpList) instead of being copied
 * out of the engine element by element.
 */
export function readItemListParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): unknown {
	return readWith((json, path) => lookUpField(json, path) ?? lookUpList(json, path), ctx, name, itemIndex, fallback);
}

function readWith(
	lookUp: (json: unknown, path: FieldPath) => { value: unknown } | undefined,
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	if (!options?.ensureType && typeof ctx.getWorkflowDataProxy === 'function') {
		const read = rawRead(ctx, name, itemIndex, fallback);
		if (typeof read.raw === 'boolean' && !options) return read.raw;
		const path = pathOf(read, options);
		const items = path ? jsonSource(ctx) : undefined;
		if (path && items) {
			const item = items[itemIndex] as INodeExecutionData | undefined;
			const found = item ? lookUp(item.json, path) : undefined;
			if (found) return found.value;
		}
	}
	return ctx.getNodeParameter(name, itemIndex, fallback, options) as unknown;
}
