'use strict';
// Query-string parsing that keeps deepObject brackets:
//   updatedAt[$gte]=a&updatedAt[$lt]=b  ->  { updatedAt: { $gte: 'a', $lt: 'b' } }
//   tag[]=a&tag[]=b                     ->  { tag: ['a', 'b'] }
//   top=1&top=2                         ->  { top: ['1', '2'] }
// The raw query string is kept separately by the caller (rawQuery).

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function decode(s) {
	const plus = s.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(plus);
	} catch {
		return plus;
	}
}

/** 'a[b][c]' -> ['a', 'b', 'c'];  'a[]' -> ['a', '']; 'plain' -> ['plain'] */
function splitKey(key) {
	const m = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
	if (!m) return [key];
	const parts = [m[1]];
	const re = /\[([^[\]]*)\]/g;
	let g;
	while ((g = re.exec(m[2]))) parts.push(g[1]);
	return parts;
}

function assign(target, parts, value) {
	let obj = target;
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (FORBIDDEN.has(part)) return;
		const last = i === parts.length - 1;
		if (part === '' && Array.isArray(obj)) {
			if (last) obj.push(value);
			else {
				const child = {};
				obj.push(child);
				obj = child;
			}
			continue;
		}
		if (last) {
			if (obj[part] === undefined) obj[part] = value;
			else if (Array.isArray(obj[part])) obj[part].push(value);
			else if (typeof obj[part] === 'object') obj[part][''] = value;
			else obj[part] = [obj[part], value];
			return;
		}
		const wantArray = parts[i + 1] === '';
		if (obj[part] === undefined || typeof obj[part] !== 'object') {
			const prev = obj[part];
			obj[part] = wantArray ? [] : {};
			if (prev !== undefined) {
				if (wantArray) obj[part].push(prev);
				else obj[part][''] = prev;
			}
		}
		obj = obj[part];
	}
}

function parseQuery(rawQuery) {
	const out = {};
	if (!rawQuery) return out;
	for (const pair of rawQuery.split('&')) {
		if (!pair) continue;
		const eq = pair.indexOf('=');
		const key = decode(eq === -1 ? pair : pair.slice(0, eq));
		const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
		if (!key) continue;
		assign(out, splitKey(key), value);
	}
	return out;
}

module.exports = { parseQuery, splitKey };
