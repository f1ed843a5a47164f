'use strict';
// Throw from a route handler: the server turns it into the provider's error shape
// via provider.error(status, message). Pass `body` to send an exact body instead.
class HttpError extends Error {
	constructor(status, message, { body, headers } = {}) {
		super(message || String(status));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

const STATUS_TEXT = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

const statusText = (status) => STATUS_TEXT[status] || require('http').STATUS_CODES[status] || 'Error';

module.exports = { HttpError, statusText };
