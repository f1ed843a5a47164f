'use strict';
// Response helpers. A handler result is { status, headers?, body? }:
//   body undefined/null -> no body; string/Buffer -> sent as is (text/plain unless a content-type is given);
//   anything else -> JSON (application/json; charset=utf-8).

function serialize(result) {
	const headers = {};
	for (const [k, v] of Object.entries(result.headers || {})) headers[k.toLowerCase()] = v;
	let payload = null;
	const body = result.body;
	if (body === undefined || body === null) {
		payload = null;
	} else if (Buffer.isBuffer(body) || typeof body === 'string') {
		payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
		if (!headers['content-type']) headers['content-type'] = 'text/plain; charset=utf-8';
	} else {
		payload = Buffer.from(JSON.stringify(body), 'utf8');
		if (!headers['content-type']) headers['content-type'] = 'application/json; charset=utf-8';
	}
	headers['content-length'] = payload ? payload.length : 0;
	return { status: result.status || 200, headers, payload };
}

function send(res, result) {
	const { status, headers, payload } = serialize(result);
	if (res.headersSent || res.destroyed) return status;
	res.writeHead(status, headers);
	res.end(payload || undefined);
	return status;
}

const json = (status, body, headers) => ({ status, body, headers });
const empty = (status = 204, headers) => ({ status, headers });

module.exports = { send, serialize, json, empty };
