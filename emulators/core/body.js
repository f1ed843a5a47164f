'use strict';
// Request body reading and parsing. Always keeps the raw text.
const { parseQuery } = require('./query');

const MAX_BODY = 5 * 1024 * 1024;

function readBody(req, limit = MAX_BODY) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > limit) {
				reject(Object.assign(new Error('Body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * @returns {{ body: any, bodyError: string|null, bodyType: 'none'|'json'|'form'|'text' }}
 * JSON is parsed when the content-type says json, or when no content-type is given;
 * form bodies (application/x-www-form-urlencoded) are parsed like query strings.
 * Anything else (or invalid JSON) gives body null and a bodyError; rawBody stays available.
 */
function parseBody(raw, contentType = '') {
	if (!raw || raw.length === 0) return { body: null, bodyError: null, bodyType: 'none' };
	const ct = String(contentType).toLowerCase();
	if (ct.includes('application/x-www-form-urlencoded')) {
		return { body: parseQuery(raw), bodyError: null, bodyType: 'form' };
	}
	if (!ct || ct.includes('json') || ct.includes('text/plain')) {
		try {
			return { body: JSON.parse(raw), bodyError: null, bodyType: 'json' };
		} catch (e) {
			return { body: null, bodyError: `Invalid JSON body: ${e.message}`, bodyType: 'text' };
		}
	}
	return { body: null, bodyError: `Unsupported content-type: ${contentType}`, bodyType: 'text' };
}

module.exports = { readBody, parseBody, MAX_BODY };
