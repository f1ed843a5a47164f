'use strict';
// In-memory request log (arrival order). Capped so long benchmarks do not eat memory.

class RequestLog {
	constructor(limit = 10000) {
		this.limit = limit;
		this.entries = [];
		this.seq = 0;
	}

	add(entry) {
		entry.seq = ++this.seq;
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return entry;
	}

	/** filter: { provider?, method?, path? (substring of providerPath) } */
	list(filter = {}) {
		return this.entries.filter(
			(e) =>
				(!filter.provider || e.provider === filter.provider) &&
				(!filter.method || e.method === String(filter.method).toUpperCase()) &&
				(!filter.path || (e.providerPath || e.path).includes(filter.path)),
		);
	}

	clear() {
		this.entries = [];
	}
}

module.exports = { RequestLog };
