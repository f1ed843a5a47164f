'use strict';
// Deterministic seeded PRNG (mulberry32), so data of a given seed + size is identical every run.
// createRng(seed, label) gives an independent stream per label (e.g. per provider).

function hashString(str) {
	// FNV-1a 32 bit
	let h = 0x811c9dc5;
	for (let i = 0; i < str.length; i++) {
		h ^= str.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

function createRng(seed, label = '') {
	let a = hashString(`${seed}:${label}`) || 0x9e3779b9;
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const rng = {
		next,
		/** integer in [min, max] inclusive */
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		bool: (p = 0.5) => next() < p,
		pick: (arr) => arr[Math.floor(next() * arr.length)],
		/** pairs: [[value, weight], ...] */
		weighted(pairs) {
			const total = pairs.reduce((s, [, w]) => s + w, 0);
			let r = next() * total;
			for (const [value, w] of pairs) {
				if ((r -= w) < 0) return value;
			}
			return pairs[pairs.length - 1][0];
		},
		shuffle(arr) {
			for (let i = arr.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[arr[i], arr[j]] = [arr[j], arr[i]];
			}
			return arr;
		},
		chars: (n, alphabet) => {
			let s = '';
			for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
			return s;
		},
		hex: (n) => rng.chars(n, '0123456789abcdef'),
		alnum: (n) => rng.chars(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
		digits: (n) => rng.chars(n, '0123456789'),
		/** Mongo-ObjectId-like 24-hex id; the first 8 hex are the creation time in seconds. */
		objectId(date) {
			const secs = Math.floor(new Date(date || 0).getTime() / 1000) >>> 0;
			return secs.toString(16).padStart(8, '0') + rng.hex(16);
		},
		/** RFC 4122 v4-shaped uuid (36 chars) */
		uuid() {
			const h = rng.hex(32).split('');
			h[12] = '4';
			h[16] = '89ab'[Math.floor(next() * 4)];
			const s = h.join('');
			return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
		},
	};
	return rng;
}

module.exports = { createRng, hashString };
