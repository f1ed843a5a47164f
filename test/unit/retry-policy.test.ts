import { backoffDelay, classifyNetworkError, parseRetryAfter, retryDelay, RETRYABLE_STATUS } from '../../nodes/common/http/retryPolicy';

describe('retry policy', () => {
	it('retries only rate limits and temporary gateway errors', () => {
		expect([...RETRYABLE_STATUS].sort()).toEqual([429, 502, 503, 504]);
		expect(RETRYABLE_STATUS.has(500)).toBe(false);
	});

	it('tells a request that never left from one with an unknown outcome', () => {
		expect(classifyNetworkError('ECONNREFUSED')).toBe('not-sent');
		expect(classifyNetworkError('ECONNRESET')).toBe('unknown');
		expect(classifyNetworkError('ETIMEDOUT')).toBe('unknown');
		expect(classifyNetworkError('ENOTFOUND')).toBe('other');
		expect(classifyNetworkError(undefined)).toBe('other');
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('1.5')).toBe(1500);
		expect(parseRetryAfter(['2'])).toBe(2000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10000);
		expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter('')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('backs off exponentially with jitter in the upper half', () => {
		expect(backoffDelay(0, 500, () => 0)).toBe(250);
		expect(backoffDelay(0, 500, () => 1)).toBe(500);
		expect(backoffDelay(3, 500, () => 0)).toBe(2000);
		expect(backoffDelay(3, 500, () => 1)).toBe(4000);
	});

	it('prefers Retry-After and never waits longer than the cap', () => {
		expect(retryDelay(0, 1200, 60000)).toBe(1200);
		expect(retryDelay(0, 120000, 60000)).toBe(60000);
		expect(retryDelay(10, undefined, 5000)).toBe(5000);
	});
});
