export type Settled<R> = { value: R } | { error: unknown } | { skipped: true };

/**
 * A fixed number of inputs at once, or a number that changes while running (an adaptive pace's window),
 * never above `max`; `held` is told whenever an input waits for `now()` alone (the pace is the bottleneck).
 */
export type Concurrency = number | { max: number; now: () => number; held?: () => void };

/**
 * Runs `worker` over `inputs` with at most `concurrency` in flight and returns the outcomes in
 * input order. Once `stopOnError` is set and a worker fails, inputs not yet started are skipped.
 * With a changing concurrency an input only starts while fewer than `now()` are running, so a
 * failure still stops every input that has not started.
 */
export async function mapSettled<T, R>(
	inputs: readonly T[],
	concurrency: Concurrency,
	worker: (input: T, index: number) => Promise<R>,
	stopOnError = false,
): Promise<Array<Settled<R>>> {
	const results = new Array<Settled<R>>(inputs.length);
	const limit = typeof concurrency === 'number' ? () => concurrency || 1 : () => Math.max(1, Math.min(concurrency.max, Math.floor(concurrency.now())));
	const max = typeof concurrency === 'number' ? concurrency || 1 : concurrency.max;
	let next = 0;
	let failed = false;
	let running = 0;
	// Lanes that wait for a running input to finish (the limit can only have grown by then).
	let waiting: Array<() => void> = [];
	const finished = () => {
		const wake = waiting;
		waiting = [];
		for (const resolve of wake) resolve();
	};
	const lanes = Math.max(1, Math.min(max, inputs.length));
	const run = async () => {
		while (next < inputs.length) {
			if (running >= limit()) {
				if (typeof concurrency !== 'number' && running < max) concurrency.held?.();
				await new Promise<void>((resolve) => waiting.push(resolve));
				continue;
			}
			const index = next++;
			if (failed && stopOnError) {
				results[index] = { skipped: true };
				continue;
			}
			running++;
			try {
				results[index] = { value: await worker(inputs[index], index) };
			} catch (error) {
				failed = true;
				results[index] = { error };
			} finally {
				running--;
				finished();
			}
		}
	};
	await Promise.all(Array.from({ length: lanes }, run));
	return results;
}
