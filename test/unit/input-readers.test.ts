import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { readId, validateId, optionalId, locatorValue } from '../../nodes/common/base/ids';
import { readPageLimit, readRequestSettings, readTriggerNumber } from '../../nodes/common/run/parameters';

const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** Just enough of IExecuteFunctions for the readers: parameters by name, the same for every item. */
function ctxWith(parameters: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback?: unknown, options?: { extractValue?: boolean }) => {
			const value = name in parameters ? parameters[name] : fallback;
			return options?.extractValue ? locatorValue(value) : value;
		},
	} as unknown as IExecuteFunctions;
}

describe('input readers', () => {
	it('reads Return All and Limit', () => {
		expect(readPageLimit(ctxWith({ returnAll: true, limit: 7 }), 0)).toEqual({ returnAll: true, limit: 0 });
		expect(readPageLimit(ctxWith({ limit: 7 }), 0)).toEqual({ returnAll: false, limit: 7 });
	});

	it('reads Request Options over the provider defaults', () => {
		const defaults = { maxRetries: 5, maxRetryWaitSeconds: 60, requestsPerSecond: 4, concurrency: 4 };
		expect(readRequestSettings(ctxWith({}), defaults)).toEqual(defaults);
		expect(readRequestSettings(ctxWith({ requestOptions: { concurrency: 2, maxRetries: 0, requestsPerSecond: 1.5 } }), defaults)).toEqual({
			concurrency: 2,
			maxRetries: 0,
			maxRetryWaitSeconds: 60,
			requestsPerSecond: 1.5,
		});
		// 0 means "the provider's own"
		expect(readRequestSettings(ctxWith({ requestOptions: { concurrency: 0, requestsPerSecond: 0 } }), defaults).requestsPerSecond).toBe(4);
	});

	it('refuses a Request Option of the wrong form or out of range, naming it, instead of rounding or defaulting (issue 21)', () => {
		const defaults = { maxRetries: 5, maxRetryWaitSeconds: 60, requestsPerSecond: 4, concurrency: 4 };
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ concurrency: 2.7 }, /^Request Options → Concurrency: 2\.7 is not a whole number/],
			[{ concurrency: 51 }, /^Request Options → Concurrency: 51 is above 50/],
			[{ maxRetries: -1 }, /^Request Options → Max Retries: -1 is negative/],
			[{ maxRetries: 1.5 }, /^Request Options → Max Retries: 1\.5 is not a whole number/],
			[{ maxRetryWaitSeconds: 0 }, /^Request Options → Max Retry Wait \(Seconds\): 0 is below 1/],
			[{ maxRetryWaitSeconds: '10 s' }, /^Request Options → Max Retry Wait \(Seconds\): "10 s" is not a number/],
			[{ timeoutSeconds: 601 }, /^Request Options → Timeout \(Seconds\): 601 is above 600/],
			[{ timeoutSeconds: Number.NaN }, /^Request Options → Timeout \(Seconds\): NaN is not a finite number/],
			[{ requestsPerSecond: -2 }, /^Request Options → Requests per Second: -2 is negative/],
			[{ requestsPerSecond: Number.POSITIVE_INFINITY }, /^Request Options → Requests per Second: Infinity is not a finite number/],
		];
		for (const [requestOptions, message] of cases) {
			expect(() => readRequestSettings(ctxWith({ requestOptions }), defaults)).toThrow(message);
		}
	});

	it('accepts bare IDs from strings, numbers and resource locators', () => {
		expect(readId(ctxWith({ id: { mode: 'id', value: ' abc ' } }), 'id', 0, 'ID')).toBe('abc');
		expect(validateId(ctxWith({}), 42, 'ID', 0)).toBe('42');
		expect(optionalId(ctxWith({}), { mode: 'list', value: '' }, 'ID', 0)).toBeUndefined();
	});

	it('rejects IDs that would change the request path, naming the item', () => {
		for (const bad of ['a/b', '..', 'a?b', 'a b', '%2F', '']) {
			expect(() => validateId(ctxWith({}), bad, 'Transaction', 3)).toThrow(/^Transaction: .*\[item 3\]$/);
		}
	});
});

describe('readTriggerNumber (issue 21): a trigger option is checked, never coerced', () => {
	const trigger = (value: unknown) => ({ getNode: () => node, getNodeParameter: (_name: string, fallback?: unknown) => (value === undefined ? fallback : value) });
	it('accepts a whole number in range and the default', () => {
		expect(readTriggerNumber(trigger(25), 'backfill', 'Back-Fill on First Poll', 0, { integer: true, min: 0, max: 1000 })).toBe(25);
		expect(readTriggerNumber(trigger(undefined), 'backfill', 'Back-Fill on First Poll', 0, { integer: true, min: 0, max: 1000 })).toBe(0);
	});
	it.each([['0x10'], [''], [-1], [2.5], [1001], [Number.NaN], [true]])('refuses %p naming the field, without [item N]', (value) => {
		expect(() => readTriggerNumber(trigger(value), 'backfill', 'Back-Fill on First Poll', 0, { integer: true, min: 0, max: 1000 })).toThrow(/^Back-Fill on First Poll: [^[]*$/);
	});
});
