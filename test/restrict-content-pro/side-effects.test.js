'use strict';
// Issue 11, item 2: every RCP write that stops on an error (Continue On Fail off) names what it already did.
const { rcpFixture, rl, byId, PROVIDER } = require('./setup');

const ctx = rcpFixture();
const refusal = { status: 400, body: { code: 'rcp_refused', message: 'Refused', data: { status: 400 } } };
/** Lets `n` matching requests through, then refuses the next one. */
const failNth = async (n, match) => {
	for (let k = 0; k < n; k++) await ctx.client.fault({ provider: PROVIDER, ...match, delayMs: 1 });
	await ctx.client.fault({ provider: PROVIDER, ...match, ...refusal });
};
const one = { concurrency: 1 };

describe('Restrict Content Pro writes: a stopped run names the payments already changed', () => {
	test('Create: item 1 refused, item 0 named with the new payment ID, item 2 never sent', async () => {
		const before = new Set((await ctx.payments()).map((p) => p.id));
		await failNth(1, { method: 'POST', path: '/payments/new' });
		const result = await ctx.run(
			{ operation: 'create', userId: '={{ $json.u }}', amount: 10, level: rl('id', '2'), requestOptions: one },
			{ input: [{ json: { u: 20 } }, { json: { u: 21 } }, { json: { u: 22 } }] },
		);
		const created = (await ctx.payments()).filter((p) => !before.has(p.id));
		expect(created.map((p) => String(p.user_id))).toEqual(['20']);
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.context.sideEffects).toEqual({ changed: [{ itemIndex: 0, ids: [String(created[0].id)] }], outcomeUnknown: [], failed: [], notStarted: [2] });
		expect(result.error.message).toMatch(new RegExp(`\\(run stopped; 1 other item was already carried out \\(payment ${created[0].id}\\), 1 not started\\) \\[item 1\\]$`));
		expect((await ctx.requests()).filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	test('Update: item 1 refused, item 0 named, item 2 unchanged', async () => {
		const ids = (await ctx.payments()).slice(0, 3).map((p) => String(p.id));
		await ctx.client.fault({ provider: PROVIDER, path: `/payments/update/${ids[1]}`, ...refusal });
		const result = await ctx.run(
			{ operation: 'update', paymentId: byId('={{ $json.id }}'), updateFields: { status: 'abandoned' }, requestOptions: one },
			{ input: ids.map((id) => ({ json: { id } })) },
		);
		expect(result.error.context.sideEffects).toEqual({ changed: [{ itemIndex: 0, ids: [ids[0]] }], outcomeUnknown: [], failed: [], notStarted: [2] });
		const live = await ctx.payments();
		expect(live.find((p) => String(p.id) === ids[0]).status).toBe('abandoned');
		expect(live.find((p) => String(p.id) === ids[2]).status).not.toBe('abandoned');
	});

	test('Delete: item 1 refused, item 0 named as deleted, item 2 still exists', async () => {
		const ids = (await ctx.payments()).slice(0, 3).map((p) => String(p.id));
		await failNth(1, { method: 'DELETE', path: '/payments/delete' });
		const result = await ctx.run({ operation: 'delete', paymentId: byId('={{ $json.id }}'), requestOptions: one }, { input: ids.map((id) => ({ json: { id } })) });
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.context.sideEffects).toEqual({ changed: [{ itemIndex: 0, ids: [ids[0]] }], outcomeUnknown: [], failed: [], notStarted: [2] });
		expect(result.error.description).toContain(`- item 0: payment ${ids[0]}`);
		const live = (await ctx.payments()).map((p) => String(p.id));
		expect(live).not.toContain(ids[0]);
		expect(live).toContain(ids[1]);
		expect(live).toContain(ids[2]);
	});

	test('a 200 HTML page on Create (a security plugin) is not taken for a created payment: outcome unknown, not repeated', async () => {
		const before = (await ctx.payments()).length;
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/new', status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Access denied</body></html>' });
		const result = await ctx.run({ operation: 'create', userId: '10', amount: 5, level: rl('id', '2') }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Restrict Content Pro answered POST /payments/new with an HTML page instead of JSON (HTTP 200) [item 0]');
		expect(result.items[0].json.description).toMatch(/outcome is unknown/);
		expect((await ctx.payments()).length).toBe(before);
		expect((await ctx.requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
	});
});
