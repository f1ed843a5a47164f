'use strict';
// Tiny router: method + path pattern with :params (and an optional trailing '*').
// When several routes match, literal segments win over :params (so /transactions/rich
// beats /transactions/:id regardless of registration order).

function compile(pattern) {
	const segs = pattern.split('/').filter(Boolean);
	return segs.map((s) => {
		if (s === '*') return { kind: 'rest' };
		if (s.startsWith(':')) return { kind: 'param', name: s.slice(1) };
		return { kind: 'literal', value: s };
	});
}

function matchSegments(compiled, segs) {
	const params = {};
	for (let i = 0; i < compiled.length; i++) {
		const c = compiled[i];
		if (c.kind === 'rest') {
			params['*'] = segs.slice(i).join('/');
			return params;
		}
		if (i >= segs.length) return null;
		if (c.kind === 'literal') {
			if (c.value !== segs[i]) return null;
		} else {
			let v = segs[i];
			try {
				v = decodeURIComponent(v);
			} catch {
				/* keep raw */
			}
			params[c.name] = v;
		}
	}
	return compiled.length === segs.length ? params : null;
}

// lower = more specific
const rank = (compiled) => compiled.map((c) => (c.kind === 'literal' ? 0 : c.kind === 'param' ? 1 : 2));

function compareRank(a, b) {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const x = a[i] ?? 3;
		const y = b[i] ?? 3;
		if (x !== y) return x - y;
	}
	return 0;
}

class Router {
	constructor() {
		this.routes = [];
	}

	add(method, pattern, handler) {
		const compiled = compile(pattern);
		this.routes.push({ method: method.toUpperCase(), pattern, compiled, rank: rank(compiled), handler });
		return this;
	}

	get(p, h) { return this.add('GET', p, h); }
	post(p, h) { return this.add('POST', p, h); }
	put(p, h) { return this.add('PUT', p, h); }
	patch(p, h) { return this.add('PATCH', p, h); }
	delete(p, h) { return this.add('DELETE', p, h); }

	/**
	 * @returns {{ handler, params, pattern } | { allowed: string[] } | null}
	 *   null = no path matched; { allowed } = path matched but not the method (405).
	 */
	match(method, path) {
		const segs = path.split('/').filter(Boolean);
		const m = method.toUpperCase();
		let best = null;
		const allowed = new Set();
		for (const r of this.routes) {
			const params = matchSegments(r.compiled, segs);
			if (!params) continue;
			if (r.method !== m && !(m === 'HEAD' && r.method === 'GET')) {
				allowed.add(r.method);
				continue;
			}
			if (!best || compareRank(r.rank, best.route.rank) < 0) best = { route: r, params };
		}
		if (best) return { handler: best.route.handler, params: best.params, pattern: best.route.pattern };
		if (allowed.size) return { allowed: [...allowed] };
		return null;
	}
}

module.exports = { Router };
