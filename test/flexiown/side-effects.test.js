'use strict';
// Issue 11, item 2: a write run that stops on an error (Continue On Fail off) says what it already did.
const { flexiownFixture, visibleText, API_KEY } = require('./setup');
const { createPaymentParams } = require('./create-params');

const ctx = flexiownFixture();
const ORDERS = ['9001', '9002', '9003', '9004', '9005'];

const createParams = (requestOptions = {}) => createPaymentParams(requestOptions);
const input = ORDERS.map((orderId) => ({ json: { orderId } }));
/** Payments the run created at the emulator, by order ID. */
const createdNow = async () => {
	const before = new Set(ctx.state.payments.map((p) => p.id));
	return (await ctx.client.state('flexiown')).payments.filter((p) => !before.has(p.id));
};
/** Lets `n` matching requests through, then fails the next one with `fault`. */
const failNth = async (n, fault) => {
	for (let k = 0; k < n; k++) await ctx.client.fault({ provider: 'flexiown', path: 'payment/create', delayMs: 1 });
	await ctx.client.fault({ provider: 'flexiown', path: 'payment/create', ...fault });
};

describe('Flexiown Payment → Create: a stopped run keeps what it created', () => {
	test('one item at a time: item 2 fails, items 0 and 1 are named with their payment and order IDs, 3 and 4 are never sent', async () => {
		await failNth(2, { status: 500 });
		const result = await ctx.run(createParams({ concurrency: 1 }), { input });
		const created = await createdNow();
		expect(created.map((p) => p.orderId)).toEqual(['9001', '9002']);
		expect(result.items).toHaveLength(0);
		const { message, description } = result.error;
		expect(message).toMatch(/\(run stopped; 2 other items were already carried out \(payment .+\), 2 not started\) \[item 2\]$/);
		for (const p of created) expect(message).toContain(`${p.id} (order ${p.orderId})`);
		expect(description).toContain(`- item 0: payment ${created[0].id} (order 9001)`);
		expect(description).toContain(`- item 1: payment ${created[1].id} (order 9002)`);
		expect(description).toContain('Not started (nothing was sent for them): item 3, 4.');
		expect(result.error.context.sideEffects).toEqual({
			changed: [
				{ itemIndex: 0, ids: [`${created[0].id} (order 9001)`] },
				{ itemIndex: 1, ids: [`${created[1].id} (order 9002)`] },
			],
			outcomeUnknown: [],
			failed: [],
			notStarted: [3, 4],
		});
		// Three creates reached the provider; the failed one was not repeated.
		expect((await ctx.requests()).filter((r) => r.providerPath === '/api/payment/create')).toHaveLength(3);
		expect(visibleText(result)).not.toContain(API_KEY);
	});

	test('in parallel (default concurrency): every payment that exists is named, every other item is failed or not started', async () => {
		await failNth(1, { status: 400, body: { title: 'Bad order' } });
		const result = await ctx.run(createParams(), { input });
		const created = await createdNow();
		const report = result.error.context.sideEffects;
		expect(report).toBeDefined();
		const named = report.changed.flatMap((c) => c.ids);
		expect(named.sort()).toEqual(created.map((p) => `${p.id} (order ${p.orderId})`).sort());
		const failedAt = result.error.context.itemIndex;
		const accounted = [...report.changed.map((c) => c.itemIndex), ...report.failed, ...report.notStarted, ...report.outcomeUnknown, failedAt].sort();
		expect(accounted).toEqual([0, 1, 2, 3, 4]);
		expect(created).toHaveLength(4 - report.failed.length - report.notStarted.length);
	});

	test('a create that gets no answer in time is listed as outcome unknown, never repeated', async () => {
		await failNth(1, { delayMs: 2500 });
		const result = await ctx.run(createParams({ concurrency: 1, timeoutSeconds: 1 }), { input });
		// Item 0 was created, item 1 timed out (the emulator carries it out late), 2–4 were not sent.
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.message).toMatch(/outcome unknown.*1 other item was already carried out/);
		expect(result.error.context.sideEffects.notStarted).toEqual([2, 3, 4]);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect((await ctx.requests()).filter((r) => r.providerPath === '/api/payment/create')).toHaveLength(2);
	});

	test('Continue On Fail: one output per item, created ones with their IDs, and no run-level summary', async () => {
		await failNth(2, { status: 500 });
		const result = await ctx.run(createParams({ concurrency: 1 }), { input, continueOnFail: true });
		expect(result.items).toHaveLength(5);
		expect(result.items.map((i) => (i.json.error ? 'error' : i.json.orderId))).toEqual(['9001', '9002', 'error', '9004', '9005']);
		expect(await createdNow()).toHaveLength(4);
	});
});

describe('Flexiown Payment → Update Status: a stopped run names the payments already updated', () => {
	test('item 1 fails: item 0 is named, item 2 is not started', async () => {
		const ids = [ctx.fixtures.confirmedPaymentId, ctx.fixtures.confirmedPaymentId, ctx.fixtures.confirmedPaymentId];
		await ctx.client.fault({ provider: 'flexiown', path: '/status/', delayMs: 1 });
		await ctx.client.fault({ provider: 'flexiown', path: '/status/', status: 400, body: { title: 'Refused' } });
		const result = await ctx.run({ ...ctx.updateParams(ids[0]), requestOptions: { concurrency: 1 } }, { input: ids.map(() => ({ json: {} })) });
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.context.sideEffects).toMatchObject({ changed: [{ itemIndex: 0, ids: [ids[0]] }], notStarted: [2] });
		expect(result.error.description).toContain(`- item 0: payment ${ids[0]}`);
	});
});
