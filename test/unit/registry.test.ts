import { Registry } from '../../nodes/common/limits/registry';
import { resetSharedLimits, stopForQuota, quotaStopOf, throttleFor } from '../../nodes/common/limits/throttle';

const SPEC = { documented: 4 };

describe('the registry of throttles', () => {
	it('looks for expired entries at most once a minute, not on every lookup', () => {
		const registry = new Registry<{ expired: (now: number) => boolean }>();
		let looked = 0;
		const entry = () => ({ expired: () => (looked++, false) });
		const T = 1_000_000;
		for (let k = 0; k < 50; k++) registry.get(`k${k}`, entry, T);
		for (let n = 0; n < 1000; n++) registry.get(`k${n % 50}`, entry, T + n);
		expect(looked).toBe(0);
		registry.get('k0', entry, T + 60_000);
		expect(looked).toBe(50);
	});

	it('forgets an expired entry at the next sweep and keeps the rest', () => {
		const registry = new Registry<{ expired: (now: number) => boolean }>();
		const T = 1_000_000;
		const old = registry.get('old', () => ({ expired: () => true }), T);
		const kept = registry.get('kept', () => ({ expired: () => false }), T);
		registry.get('other', () => ({ expired: () => false }), T + 60_000);
		expect(registry.peek('old')).toBeUndefined();
		expect(registry.peek('kept')).toBe(kept);
		expect(registry.get('old', () => ({ expired: () => false }), T + 60_001)).not.toBe(old);
	});

	it('gives one throttle per credential and origin, carrying its limiter and quota stop', () => {
		resetSharedLimits();
		const a = throttleFor('t', 'cred-1\u0000https://x', SPEC, 1);
		expect(throttleFor('t', 'cred-1\u0000https://x', SPEC, 1)).toBe(a);
		expect(throttleFor('t', 'cred-2\u0000https://x', SPEC, 1)).not.toBe(a);
		expect(a.pace.rate(Date.now())).toBe(4);
		const response = { statusCode: 429, headers: {}, body: {} };
		stopForQuota('t', 'cred-1\u0000https://x', { until: Date.now() + 60_000, response });
		expect(a.quotaStop()?.response).toBe(response);
		expect(quotaStopOf('t', 'cred-1\u0000https://x')?.response).toBe(response);
		// A changed share paces the same throttle anew; its quota stop stays.
		const limiter = a.limiter;
		expect(throttleFor('t', 'cred-1\u0000https://x', SPEC, 0.5)).toBe(a);
		expect(a.limiter).not.toBe(limiter);
		expect(a.pace.rate(Date.now())).toBe(2);
		expect(a.quotaStop()?.response).toBe(response);
	});
});
