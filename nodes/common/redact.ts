import type { IDataObject } from 'n8n-workflow';

export const MASK = '[redacted]';

/** Base64 runs shorter than this are not masked on their own: too likely to occur by chance. */
const MIN_BASE64_CORE = 6;

/**
 * The Base64 text that `secret` produces wherever it sits in an encoded string (e.g. the password
 * inside `Authorization: Basic base64(user:password)`): Base64 encodes 3-byte groups, so the secret's
 * bytes from offset 0, 1 or 2 onwards, cut to whole groups, come out the same at any position.
 */
export function base64Forms(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const forms = [bytes.toString('base64')];
	for (let start = 0; start < 3; start++) {
		const whole = Math.floor((bytes.length - start) / 3) * 3;
		if (whole <= 0) continue;
		const core = bytes.subarray(start, start + whole).toString('base64');
		if (core.length >= MIN_BASE64_CORE) forms.push(core);
	}
	return forms;
}

/** Every text form the package (or n8n on its behalf) can give a secret: raw, JSON-escaped, URL- and form-encoded, Base64. */
export function secretForms(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const forms = new Set<string>([
		secret,
		json,
		// A JSON string quoted again (an error body put into a JSON description).
		JSON.stringify(json).slice(1, -1),
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		...base64Forms(secret),
	]);
	// Longest first, so that a longer form is masked whole before a shorter one cuts into it.
	return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret, in each of its encoded forms (see secretForms), in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of secretForms(secret)) forms.add(form);
	}
	for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(MASK);
	return out;
}

/** Deep-copies `value` with secrets masked in every string (keys included) and the named keys removed. */
export function redactDeep<T>(value: T, secrets: readonly string[], dropKeys: readonly string[] = []): T {
	if (typeof value === 'string') return redact(value, secrets) as unknown as T;
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, dropKeys)) as unknown as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value as IDataObject)) {
			if (dropKeys.includes(key)) continue;
			out[redact(key, secrets)] = redactDeep(v, secrets, dropKeys);
		}
		return out as T;
	}
	return value;
}

/** Collects the non-empty string values of the given credential fields. */
export function secretsFrom(credentials: IDataObject | undefined, fields: readonly string[]): string[] {
	if (!credentials) return [];
	return fields.map((f) => credentials[f]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/**
 * Copies node parameters with the named ones masked where they hold a literal value. Expressions
 * (={{ ... }}) only say where the value comes from, so they are kept.
 */
export function maskParameters<T>(value: T, names: ReadonlySet<string>): T {
	if (Array.isArray(value)) return value.map((v) => maskParameters(v, names)) as unknown as T;
	if (!value || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		const literal = typeof v === 'string' && v !== '' && !v.startsWith('=');
		out[key] = names.has(key) && literal ? MASK : maskParameters(v, names);
	}
	return out as T;
}
