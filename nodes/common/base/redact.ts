import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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

/**
 * Field names whose values are keys wherever they appear in an answer (a provider's list of webhook
 * registrations holds other integrations' signing keys; a creation answer echoes the new secret), so
 * they are masked in every quoted answer even when the value itself is not known beforehand.
 */
const SECRET_FIELD_NAMES =
	'hmac_?key|sign(?:ing)?_?secret|signing_?key|webhook_?secret|client_?secret|secret|api_?key|access_?token|refresh_?token|password|(?:alt_?)?trust_?(?:seed|value)';

/** `"name":"value"` at any depth of JSON quoting (`\"name\":\"value\"`), up to the closing quote or the end of a cut-off text. */
const JSON_SECRET_FIELD = new RegExp(`(\\\\*)"(${SECRET_FIELD_NAMES})\\1"(\\s*:\\s*)\\1"([\\s\\S]*?)(?=\\1"|$)`, 'gi');
/** `name=value` in a query or form body. */
const FORM_SECRET_FIELD = new RegExp(`(^|[?&\\s])(${SECRET_FIELD_NAMES})=([^&\\s"]+)`, 'gi');

/** Masks the values of key-like fields (see SECRET_FIELD_NAMES) in JSON or form-encoded text. */
export function maskSecretFields(text: string): string {
	return text
		.replace(JSON_SECRET_FIELD, (match, esc: string, name: string, colon: string, value: string) =>
			value === '' || value === MASK ? match : `${esc}"${name}${esc}"${colon}${esc}"${MASK}`,
		)
		.replace(FORM_SECRET_FIELD, (_match, before: string, name: string) => `${before}${name}=${MASK}`);
}

/** A run of Base64 long enough to hold 4 bytes (the shortest secret masked). */
const BASE64_RUN = /[A-Za-z0-9+/]{6,}={0,2}/g;

/** Whether a Base64 run decodes, at any of the 4 character alignments, to bytes that contain a secret. */
function encodesSecret(run: string, secrets: readonly Buffer[]): boolean {
	for (let shift = 0; shift < 4 && run.length - shift >= 6; shift++) {
		const decoded = Buffer.from(run.slice(shift), 'base64');
		if (secrets.some((secret) => decoded.includes(secret))) return true;
	}
	return false;
}

/**
 * Replaces every occurrence of each secret, in each of its encoded forms (see secretForms), in `text`.
 * A Base64 run that decodes to bytes containing a secret is masked whole (`Basic base64(user:password)`):
 * masking only the secret's own 3-byte groups left characters that decode to its first and last bytes.
 * Then the values of key-like fields are masked (maskSecretFields).
 */
export function redact(text: string, secrets: readonly string[]): string {
	const usable = secrets.filter((secret) => secret && secret.length >= 4);
	let out = text;
	if (usable.length) {
		const bytes = usable.map((secret) => Buffer.from(secret, 'utf8'));
		out = out.replace(BASE64_RUN, (run) => (encodesSecret(run, bytes) ? MASK : run));
		const forms = new Set<string>();
		for (const secret of usable) for (const form of secretForms(secret)) forms.add(form);
		for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(MASK);
	}
	return maskSecretFields(out);
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

/**
 * Masks the named parameters (password fields) in the node snapshot n8n keeps with an error; the
 * error's own texts are masked where they are built.
 */
export function withMaskedParameters<E>(error: E, names: ReadonlySet<string>): E {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const holder = error as unknown as { node?: INode };
		if (holder.node?.parameters) {
			holder.node = { ...holder.node, parameters: maskParameters(holder.node.parameters, names) as INodeParameters };
		}
	}
	return error;
}
