import { sleep } from 'n8n-workflow';

/**
 * Spaces requests so that no more than `perSecond` start in any one-second window.
 * Shared by every request of one execution for one credential (see limiterFor).
 */
export class RateLimiter {
	private readonly starts: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	constructor(private readonly perSecond: number) {}

	async acquire(): Promise<void> {
		if (!this.perSecond || this.perSecond <= 0) return;
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** Blocks new requests until `ms` from now (a 429 told us to back off). */
	pauseFor(ms: number): void {
		const until = Date.now() + ms;
		this.queue = this.queue.then(async () => {
			const wait = until - Date.now();
			if (wait > 0) await sleep(wait);
		});
	}

	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.starts.length && now - this.starts[0] >= 1000) this.starts.shift();
			if (this.starts.length < this.perSecond) {
				this.starts.push(now);
				return;
			}
			await sleep(1000 - (now - this.starts[0]) + 1);
		}
	}
}

const limiters = new Map<string, { limiter: RateLimiter; lastUsed: number }>();
const IDLE_MS = 10 * 60 * 1000;

/** One limiter per execution and credential type, so parallel items share the provider's budget. */
export function limiterFor(executionKey: string, credentialType: string, perSecond: number): RateLimiter {
	const key = `${executionKey}\u0000${credentialType}\u0000${perSecond}`;
	const now = Date.now();
	for (const [k, entry] of limiters) if (now - entry.lastUsed > IDLE_MS) limiters.delete(k);
	let entry = limiters.get(key);
	if (!entry) {
		entry = { limiter: new RateLimiter(perSecond), lastUsed: now };
		limiters.set(key, entry);
	}
	entry.lastUsed = now;
	return entry.limiter;
}
