import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * Webhook signatures: an HMAC-SHA256 keyed with the signing secret, read in every form a provider
 * documents (or may mean). What was signed decides what of the delivery may be trusted:
 * - `raw-body`: the request body's bytes as received;
 * - `parsed-body`: `JSON.stringify` of the parsed body (a sender that signs its object, not its bytes);
 * - `payload`: `JSON.stringify` of the body's `payload` field only: `id` and `event` are then unsigned.
 * The digest is hex or base64, with or without a `sha256=` prefix.
 */

export type SignedPart = 'raw-body' | 'parsed-body' | 'payload';
export type DigestEncoding = 'hex' | 'base64';

export interface SignatureForm {
	part: SignedPart;
	encoding: DigestEncoding;
}

/** Every reading of "HMAC-SHA256 of the event": three parts × two encodings (the prefix is always optional). */
export const ALL_SIGNATURE_FORMS: readonly SignatureForm[] = (['raw-body', 'parsed-body', 'payload'] as const).flatMap((part) =>
	(['hex', 'base64'] as const).map((encoding) => ({ part, encoding })),
);

/** What the signature covers, once it verified. */
export interface SignedDelivery {
	/** e.g. `raw-body:hex`, `payload:sha256=base64`: how the delivery was signed, never the digest. */
	form: string;
	part: SignedPart;
	/** The signed JSON: the whole body (body forms) or `{ payload }` (payload form). */
	signed: unknown;
	/** The parsed body as received; only what `part` covers is signed. */
	body: unknown;
}

const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=?$/;
const PREFIX = /^sha256=/i;

/** The 32 digest bytes a signature header claims, and how they were written; undefined when it is no digest. */
export function readSignatureHeader(header: unknown): { digest: Buffer; encoding: DigestEncoding; prefixed: boolean } | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	let text = value.trim();
	const prefixed = PREFIX.test(text);
	if (prefixed) text = text.slice('sha256='.length);
	if (HEX_DIGEST.test(text)) return { digest: Buffer.from(text, 'hex'), encoding: 'hex', prefixed };
	if (BASE64_DIGEST.test(text)) {
		const digest = Buffer.from(text, 'base64');
		if (digest.length === 32) return { digest, encoding: 'base64', prefixed };
	}
	return undefined;
}

function hmac(secret: string, message: Buffer | string): Buffer {
	return createHmac('sha256', secret).update(message).digest();
}

function parseJson(raw: Buffer | undefined, fallback: unknown): unknown {
	if (!raw) return fallback;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return undefined;
	}
}

/** The message each part stands for, or undefined when the delivery has no such part. */
function messageOf(part: SignedPart, raw: Buffer | undefined, parsed: unknown): Buffer | string | undefined {
	if (part === 'raw-body') return raw;
	if (parsed === undefined) return undefined;
	if (part === 'parsed-body') return JSON.stringify(parsed);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	const payload = (parsed as IDataObject).payload;
	return payload === undefined ? undefined : JSON.stringify(payload);
}

/**
 * Verifies a delivery against the allowed forms, in their order, comparing digests in constant time.
 * The body is read from the raw bytes when there are any (the bytes that were signed), else from what
 * n8n parsed. Undefined unless a form matches: there is no unsigned path.
 */
export function verifySignature(options: {
	secret: unknown;
	header: unknown;
	rawBody: Buffer | undefined;
	parsedBody: unknown;
	forms: readonly SignatureForm[];
}): SignedDelivery | undefined {
	const { secret, header, rawBody, parsedBody, forms } = options;
	if (typeof secret !== 'string' || !secret) return undefined;
	const claimed = readSignatureHeader(header);
	if (!claimed) return undefined;
	const parsed = parseJson(rawBody, parsedBody);
	let match: SignedDelivery | undefined;
	for (const form of forms) {
		if (form.encoding !== claimed.encoding) continue;
		const message = messageOf(form.part, rawBody, parsed);
		if (message === undefined) continue;
		// Every allowed form is computed and compared, so the time taken does not say which one matched.
		const equal = timingSafeEqual(hmac(secret, message), claimed.digest);
		if (equal && !match) {
			const signed = form.part === 'payload' ? { payload: (parsed as IDataObject).payload } : parsed;
			match = { form: `${form.part}:${claimed.prefixed ? 'sha256=' : ''}${form.encoding}`, part: form.part, signed, body: parsed };
		}
	}
	return match;
}
