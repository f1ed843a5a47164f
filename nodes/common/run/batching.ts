/** Splits `values` into consecutive chunks of at most `size`. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
	const n = Math.max(1, Math.floor(size));
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += n) out.push(values.slice(i, i + n));
	return out;
}

/** Groups values by a string key, keeping first-seen order of the groups and of the members. */
export function groupBy<T>(values: readonly T[], key: (value: T) => string): Array<{ key: string; members: T[] }> {
	const groups = new Map<string, T[]>();
	for (const value of values) {
		const k = key(value);
		const members = groups.get(k);
		if (members) members.push(value);
		else groups.set(k, [value]);
	}
	return [...groups].map(([k, members]) => ({ key: k, members }));
}
