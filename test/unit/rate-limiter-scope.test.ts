import type { INode } from 'n8n-workflow';

import { RateLimiter } from '../../nodes/common/limits/rateLimiter';
import { credentialScope, limiterFor } from '../../nodes/common/limits/throttle';
import type { RequestContext } from '../../nodes/common/base/types';

/** Start times (ms after the first) of `count` requests whose answers arrive at once. */
async function startTimes(limiter: RateLimiter, count: number): Promise<number[]> {
	const t0 = Date.now();
	const times: number[] = [];
	for (let k = 0; k < count; k++) {
		const release = await limiter.acquire();
		times.push(Date.now() - t0);
		release();
	}
	return times;
}

const ctxWith = (credentials: INode['credentials']) => ({ getNode: () => ({ credentials }) as INode }) as unknown as RequestContext;

describe('rate limiter: fractional rates and scope (issue 11)', () => {
	it('spaces 0.5 requests per second 2 s apart, not 1 s', async () => {
		expect(new RateLimiter(0.5).budget()).toEqual({ count: 1, windowMs: 2000 });
		const times = await startTimes(new RateLimiter(0.5), 2);
		expect(times[0]).toBeLessThan(100);
		expect(times[1]).toBeGreaterThanOrEqual(1950);
	});

	it('gives 1.5 per second as 2 requests per 1.33 s, never 2 per second', async () => {
		expect(new RateLimiter(1.5).budget()).toEqual({ count: 2, windowMs: 2000 / 1.5 });
		const times = await startTimes(new RateLimiter(1.5), 3);
		expect(times[1]).toBeLessThan(100);
		expect(times[2]).toBeGreaterThanOrEqual(1300);
	});

	it('keeps whole rates as they were', () => {
		expect(new RateLimiter(4).budget()).toEqual({ count: 4, windowMs: 1000 });
	});

	it('keys limiters by credential and API origin: two credentials of one provider never share one', () => {
		const a = credentialScope(ctxWith({ vivenuApi: { id: 'cred-a', name: 'A' } }), 'vivenuApi', 'https://vivenu.com/api/events');
		const b = credentialScope(ctxWith({ vivenuApi: { id: 'cred-b', name: 'B' } }), 'vivenuApi', 'https://vivenu.com/api/events');
		const aOtherHost = credentialScope(ctxWith({ vivenuApi: { id: 'cred-a', name: 'A' } }), 'vivenuApi', 'https://vivenu.dev/api/events');
		const aOtherPath = credentialScope(ctxWith({ vivenuApi: { id: 'cred-a', name: 'A' } }), 'vivenuApi', 'https://vivenu.com/api/transactions?x=1');
		expect(new Set([a, b, aOtherHost]).size).toBe(3);
		expect(aOtherPath).toBe(a);
		// List searches of two users in one n8n process: same execution key, different credentials.
		expect(limiterFor('load-options', 'vivenuApi', 10, a)).not.toBe(limiterFor('load-options', 'vivenuApi', 10, b));
		expect(limiterFor('load-options', 'vivenuApi', 10, a)).toBe(limiterFor('load-options', 'vivenuApi', 10, a));
	});

	it('a back-off after a 429 on one credential does not slow another', async () => {
		const scopeA = credentialScope(ctxWith({ fourvenuesApi: { id: 'x1', name: 'X1' } }), 'fourvenuesApi', 'https://api.example/v1');
		const scopeB = credentialScope(ctxWith({ fourvenuesApi: { id: 'x2', name: 'X2' } }), 'fourvenuesApi', 'https://api.example/v1');
		limiterFor('exec-1', 'fourvenuesApi', 8, scopeA).backOff(5000, Date.now());
		const started = Date.now();
		(await limiterFor('exec-1', 'fourvenuesApi', 8, scopeB).acquire())();
		expect(Date.now() - started).toBeLessThan(200);
	});
});
