/** What a registry keeps: it says itself when it may be forgotten (unused for a while, nothing under way). */
export interface Expiring {
	expired(now: number): boolean;
}

/** How often a registry looks for entries to forget: at most once per interval, never per lookup. */
const SWEEP_EVERY_MS = 60 * 1000;

/**
 * Values shared by key for the life of the n8n process (throttles, executions' own caps). A lookup costs
 * one Map access; forgetting what expired walks the entries at most once per SWEEP_EVERY_MS.
 */
export class Registry<V extends Expiring> {
	private readonly entries = new Map<string, V>();

	private nextSweep = 0;

	get(key: string, create: () => V, now = Date.now()): V {
		this.sweep(now);
		let value = this.entries.get(key);
		if (!value) {
			value = create();
			this.entries.set(key, value);
		}
		return value;
	}

	/** The value kept for `key`, without creating one. */
	peek(key: string): V | undefined {
		return this.entries.get(key);
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
		this.nextSweep = 0;
	}

	private sweep(now: number): void {
		if (now < this.nextSweep) return;
		this.nextSweep = now + SWEEP_EVERY_MS;
		for (const [key, value] of this.entries) if (value.expired(now)) this.entries.delete(key);
	}
}
