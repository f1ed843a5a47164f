import type { IDataObject } from 'n8n-workflow';

import { defaultParseError, htmlToText } from '../../common';

/**
 * No error schema is documented (UNVERIFIED). Independent clients read `error`, then `message`; Joi
 * validation errors may carry `details[]`; unknown routes answer Express's HTML "Cannot GET /path".
 */
export function parseFourvenuesError(body: unknown, statusCode: number): { message?: string; code?: string; details?: string } {
	if (typeof body === 'string') {
		const text = /<\/?[a-z][\s\S]*>/i.test(body) ? htmlToText(body, { preferPre: true }) : body.trim();
		return { message: text || undefined };
	}
	let message: string | undefined;
	let code: string | undefined;
	let details: string | undefined;
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const b = body as IDataObject;
		const nested = b.error && typeof b.error === 'object' && !Array.isArray(b.error) ? (b.error as IDataObject) : undefined;
		if (typeof b.error === 'string' && b.error.trim()) message = b.error.trim();
		else if (nested && typeof nested.message === 'string') message = nested.message;
		else if (typeof b.message === 'string' && b.message.trim()) message = b.message.trim();
		const detailList = (Array.isArray(b.details) ? b.details : Array.isArray(nested?.details) ? nested?.details : undefined) as unknown[] | undefined;
		if (detailList?.length) {
			details = detailList
				.map((d) => (d && typeof d === 'object' ? String((d as IDataObject).message ?? JSON.stringify(d)) : String(d)))
				.join('; ');
		}
		code = (typeof b.code === 'string' && b.code) || (nested && typeof nested.code === 'string' && nested.code) || undefined;
		if (!message) message = defaultParseError(body).message;
		if (!message && statusCode < 300) message = 'the request was refused ("success": false) without a message';
	}
	return { message, code, details };
}
