/**
 * A set of handled integer IDs as sorted, merged ranges [lo, hi] (plain arrays, so it lives in static
 * data). Stored ranges are read defensively: anything that is not a pair of integers is dropped.
 */
export type IdRange = [number, number];

export class IdRanges {
	private ranges: IdRange[] = [];

	constructor(stored?: unknown) {
		if (Array.isArray(stored)) {
			for (const r of stored) {
				if (Array.isArray(r) && Number.isSafeInteger(r[0]) && Number.isSafeInteger(r[1]) && r[0] <= r[1]) this.add(r[0], r[1]);
			}
		}
	}

	has(id: number): boolean {
		return this.ranges.some(([lo, hi]) => id >= lo && id <= hi);
	}

	/** Adds [lo, hi], merging with overlapping and adjacent ranges. */
	add(lo: number, hi: number): void {
		let start = lo;
		let end = hi;
		const kept: IdRange[] = [];
		for (const [l, h] of this.ranges) {
			if (h + 1 < start || l > end + 1) kept.push([l, h]);
			else {
				start = Math.min(start, l);
				end = Math.max(end, h);
			}
		}
		kept.push([start, end]);
		this.ranges = kept.sort((a, b) => a[0] - b[0]);
	}

	/** The highest handled ID (0 when none). */
	top(): number {
		return this.ranges.length ? this.ranges[this.ranges.length - 1][1] : 0;
	}

	/** The lowest ID of the range that holds `id`, or undefined. */
	startOf(id: number): number | undefined {
		return this.ranges.find(([lo, hi]) => id >= lo && id <= hi)?.[0];
	}

	/** Whether every ID from `floor` up to `id` is handled. */
	coversUpTo(id: number, floor = 0): boolean {
		const start = this.startOf(id);
		return start !== undefined && start <= floor;
	}

	get count(): number {
		return this.ranges.length;
	}

	toJSON(): IdRange[] {
		return this.ranges.map(([lo, hi]) => [lo, hi]);
	}
}
