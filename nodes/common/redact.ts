import type { IDataObject } from 'n8n-workflow';

export const MASK = '[redacted]';

/** Replaces every occurrence of each secret (and its URL-encoded form) in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])) {
			out = out.split(form).join(MASK);
		}
	}
	return out;
}

/** Deep-copies `value` with secrets masked in every string and the named keys removed. */
export function redactDeep<T>(value: T, secrets: readonly string[], dropKeys: readonly string[] = []): T {
	if (typeof value === 'string') return redact(value, secrets) as unknown as T;
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, dropKeys)) as unknown as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value as IDataObject)) {
			if (dropKeys.includes(key)) continue;
			out[key] = redactDeep(v, secrets, dropKeys);
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
