'use strict';
// Per-provider, per-credential request accounting (issue 14): how many requests each API key sent,
// the most it sent within any one second, and how many answers were 429s.
//
// - A request is counted when it arrives (after its body is read), whatever its fate: faults, drops,
//   429s and unknown routes included. `peakPerSecond` is the largest number of requests that arrived
//   within any window of 1,000 ms (a sliding window, not calendar seconds).
// - `accepted` counts answers whose status is not 429 (and that were not dropped), at the time they are
//   answered; `peakAcceptedPerSecond` is the same sliding peak over those answers. This is the number a
//   provider's limit is about.
// - `status429` counts every 429 answer: the core limiter's, a provider's own (Constant Contact's
//   4/s and daily quota) and injected faults.

const WINDOW_MS = 1000;

/** A sliding 1-second counter over monotonic timestamps, remembering its peak. */
class Window {
	constructor() {
		this.times = [];
		this.head = 0;
		this.peak = 0;
		this.peakAt = null;
	}

	add(now) {
		this.times.push(now);
		while (this.times[this.head] <= now - WINDOW_MS) this.head++;
		if (this.head > 1024 && this.head * 2 > this.times.length) {
			this.times = this.times.slice(this.head);
			this.head = 0;
		}
		const n = this.times.length - this.head;
		if (n > this.peak) {
			this.peak = n;
			this.peakAt = new Date(this.times[this.head]).toISOString();
		}
	}
}

function newCounter() {
	return {
		requests: 0,
		accepted: 0,
		status429: 0,
		dropped: 0,
		statuses: {},
		firstAt: null,
		lastAt: null,
		all: new Window(),
		ok: new Window(),
	};
}

function view(c) {
	return {
		requests: c.requests,
		accepted: c.accepted,
		status429: c.status429,
		dropped: c.dropped,
		peakPerSecond: c.all.peak,
		peakWindowStart: c.all.peakAt,
		peakAcceptedPerSecond: c.ok.peak,
		peakAcceptedWindowStart: c.ok.peakAt,
		statuses: { ...c.statuses },
		firstAt: c.firstAt,
		lastAt: c.lastAt,
	};
}

class RequestStats {
	constructor() {
		this.clear();
	}

	clear() {
		this.since = new Date().toISOString();
		this.providers = new Map(); // provider -> { total: counter, keys: Map<key, counter> }
	}

	counters(provider, key) {
		let p = this.providers.get(provider);
		if (!p) this.providers.set(provider, (p = { total: newCounter(), keys: new Map() }));
		let k = p.keys.get(key);
		if (!k) p.keys.set(key, (k = newCounter()));
		return [p.total, k];
	}

	/** A request reached the provider (call once per request, in arrival order). */
	arrived(provider, key, now = Date.now()) {
		const at = new Date(now).toISOString();
		for (const c of this.counters(provider, key)) {
			c.requests++;
			c.all.add(now);
			if (!c.firstAt) c.firstAt = at;
			c.lastAt = at;
		}
	}

	/** The request was answered with `status` (null = dropped without an answer). */
	answered(provider, key, status, now = Date.now()) {
		for (const c of this.counters(provider, key)) {
			if (status === null || status === undefined) {
				c.dropped++;
				continue;
			}
			c.statuses[status] = (c.statuses[status] || 0) + 1;
			if (status === 429) c.status429++;
			else {
				c.accepted++;
				c.ok.add(now);
			}
		}
	}

	/** { since, providers: { [name]: { ...totals, keys: { [key]: {...} } } } } */
	snapshot(provider) {
		const providers = {};
		for (const [name, p] of this.providers) {
			if (provider && name !== provider) continue;
			providers[name] = { ...view(p.total), keys: Object.fromEntries([...p.keys].map(([k, c]) => [k, view(c)])) };
		}
		return { since: this.since, windowMs: WINDOW_MS, providers };
	}
}

module.exports = { RequestStats, WINDOW_MS };
