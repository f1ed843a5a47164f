'use strict';
// Per-provider, per-credential rate limiter.
// spec: { provider, limit, windowMs, retryAfter?, mode?: 'fixed' | 'sliding' }
//   retryAfter: number of seconds or HTTP-date string sent as Retry-After, or 'auto' to send the
//   seconds until the window frees up; omitted = no Retry-After header (vivenu documents none).
// Only accepted requests count; rejected (429) ones do not.

class RateLimiter {
	constructor() {
		this.specs = new Map(); // provider -> spec
		this.buckets = new Map(); // `${provider}\n${credential}` -> { start, count } | { hits: [] }
	}

	set(spec) {
		if (!spec || !spec.provider) throw new Error('rate-limit.provider is required');
		if (!(Number.isInteger(spec.limit) && spec.limit >= 0)) throw new Error('rate-limit.limit must be an integer >= 0');
		if (!(typeof spec.windowMs === 'number' && spec.windowMs > 0)) throw new Error('rate-limit.windowMs must be > 0');
		const mode = spec.mode || 'fixed';
		if (!['fixed', 'sliding'].includes(mode)) throw new Error("rate-limit.mode must be 'fixed' or 'sliding'");
		const s = { provider: spec.provider, limit: spec.limit, windowMs: spec.windowMs, retryAfter: spec.retryAfter, mode };
		this.specs.set(spec.provider, s);
		this.clearBuckets(spec.provider);
		return s;
	}

	remove(provider) {
		if (provider) {
			this.specs.delete(provider);
			this.clearBuckets(provider);
		} else {
			this.specs.clear();
			this.buckets.clear();
		}
	}

	clearBuckets(provider) {
		for (const k of [...this.buckets.keys()]) if (k.startsWith(`${provider}\n`)) this.buckets.delete(k);
	}

	list() {
		return [...this.specs.values()];
	}

	/** @returns null when allowed, else { retryAfter: string|undefined, spec } */
	check(provider, credential, now = Date.now()) {
		const spec = this.specs.get(provider);
		if (!spec) return null;
		const key = `${provider}\n${credential || 'anonymous'}`;
		let b = this.buckets.get(key);
		let waitMs;
		if (spec.mode === 'sliding') {
			if (!b) this.buckets.set(key, (b = { hits: [] }));
			while (b.hits.length && b.hits[0] <= now - spec.windowMs) b.hits.shift();
			if (b.hits.length < spec.limit) {
				b.hits.push(now);
				return null;
			}
			waitMs = b.hits[0] + spec.windowMs - now;
		} else {
			if (!b || now >= b.start + spec.windowMs) this.buckets.set(key, (b = { start: now, count: 0 }));
			if (b.count < spec.limit) {
				b.count++;
				return null;
			}
			waitMs = b.start + spec.windowMs - now;
		}
		let retryAfter;
		if (spec.retryAfter === 'auto') retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
		else if (spec.retryAfter !== undefined && spec.retryAfter !== null) retryAfter = String(spec.retryAfter);
		return { retryAfter, spec };
	}
}

module.exports = { RateLimiter };
