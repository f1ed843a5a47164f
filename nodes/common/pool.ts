export type Settled<R> = { value: R } | { error: unknown } | { skipped: true };

/**
 * Runs `worker` over `inputs` with at most `concurrency` in flight and returns the outcomes in
 * input order. Once `stopOnError` is set and a worker fails, inputs not yet started are skipped.
 */
export async function mapSettled<T, R>(
	inputs: readonly T[],
	concurrency: number,
	worker: (input: T, index: number) => Promise<R>,
	stopOnError = false,
): Promise<Array<Settled<R>>> {
	const results = new Array<Settled<R>>(inputs.length);
	let next = 0;
	let failed = false;
	const lanes = Math.max(1, Math.min(concurrency || 1, inputs.length));
	const run = async () => {
		while (next < inputs.length) {
			const index = next++;
			if (failed && stopOnError) {
				results[index] = { skipped: true };
				continue;
			}
			try {
				results[index] = { value: await worker(inputs[index], index) };
			} catch (error) {
				failed = true;
				results[index] = { error };
			}
		}
	};
	await Promise.all(Array.from({ length: lanes }, run));
	return results;
}
