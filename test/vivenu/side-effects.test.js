'use strict';
// Issue 11, item 2: every vivenu write that stops on an error (Continue On Fail off) names what it already did.
const { vivenuFixture, byId } = require('./setup');

const ctx = vivenuFixture();
const json = (result) => result.items.map((i) => i.json);

/** Three transactions of the demo key's seller in `status`. */
const threeIn = (status) => {
	const seller = ctx.state.transactions.find((t) => t._id === ctx.fixtures.completeTransactionId).sellerId;
	const ids = ctx.state.transactions.filter((t) => t.sellerId === seller && t.status === status).map((t) => t._id);
	expect(ids.length).toBeGreaterThanOrEqual(3);
	return ids.slice(0, 3);
};

const OPERATIONS = [
	{ operation: 'complete', status: 'NEW', path: 'complete', changed: (tx) => tx.status === 'COMPLETE' },
	{ operation: 'cancel', status: 'COMPLETE', path: 'cancel', changed: (tx) => tx.status === 'CANCELED' },
	{ operation: 'sendTicketMail', status: 'COMPLETE', path: 'ticket-mail' },
	{ operation: 'sendInvitationMail', status: 'COMPLETE', path: 'invitationmail' },
	{ operation: 'updatePaymentStatus', status: 'COMPLETE', path: 'paymentstatus', changed: (tx) => tx.paymentStatus === 'LOCAL-RECEIVED' },
	{ operation: 'createCancellation', status: 'COMPLETE', path: 'cancellations', extra: { itemsMode: 'ids', cartItemIds: '={{ $json.cart }}' } },
];

describe.each(OPERATIONS)('vivenu $operation: a stopped run names the transactions already changed', ({ operation, status, path, changed, extra }) => {
	test('item 1 fails: item 0 is named with its transaction ID, item 2 is never sent', async () => {
		const ids = threeIn(status);
		const input = [];
		for (const id of ids) {
			let cart;
			if (operation === 'createCancellation') {
				const info = await ctx.run({ operation: 'getCancellationInfo', transactionId: byId(id) });
				cart = json(info)[0].cancellableItems[0].cartItemId;
			}
			input.push({ json: { id, cart } });
		}
		await ctx.client.clearRequests();
		await ctx.client.fault({ provider: 'vivenu', path: `/${ids[1]}/${path}`, status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Refused' } });
		const result = await ctx.run({ operation, transactionId: byId('={{ $json.id }}'), ...extra, requestOptions: { concurrency: 1 } }, { input });

		expect(result.items).toHaveLength(0);
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.message).toMatch(new RegExp(`\\(run stopped; 1 other item was already carried out \\(transaction ${ids[0]}\\), 1 not started\\) \\[item 1\\]$`));
		expect(result.error.description).toContain(`- item 0: transaction ${ids[0]}`);
		expect(result.error.description).toContain('Not started (nothing was sent for them): item 2.');
		expect(result.error.context.sideEffects).toEqual({ changed: [{ itemIndex: 0, ids: [ids[0]] }], outcomeUnknown: [], failed: [], notStarted: [2] });
		const writes = (await ctx.requests()).filter((r) => r.method === 'POST');
		expect(writes.map((r) => r.providerPath)).toEqual([`/api/transactions/${ids[0]}/${path}`, `/api/transactions/${ids[1]}/${path}`]);
		if (changed) {
			const live = (await ctx.client.state('vivenu')).transactions;
			expect(changed(live.find((t) => t._id === ids[0]))).toBe(true);
			expect(changed(live.find((t) => t._id === ids[2]))).toBe(false);
		}
	});
});

describe('vivenu: reads and first-item failures are reported as before', () => {
	test('a Get run that stops carries no side-effect list', async () => {
		const id = ctx.fixtures.completeTransactionId;
		await ctx.client.fault({ provider: 'vivenu', path: '/nope', status: 404 });
		const result = await ctx.run({ operation: 'get', transactionId: byId('={{ $json.id }}') }, { input: [{ json: { id } }, { json: { id: 'nope' } }] });
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.context.sideEffects).toBeUndefined();
		expect(result.error.message).not.toContain('run stopped');
	});

	test('Complete failing on item 0 with nothing else done keeps its own message', async () => {
		const ids = threeIn('NEW');
		await ctx.client.fault({ provider: 'vivenu', path: `/${ids[0]}/complete`, status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Refused' } });
		const result = await ctx.run({ operation: 'complete', transactionId: byId('={{ $json.id }}'), requestOptions: { concurrency: 1 } }, { input: ids.map((id) => ({ json: { id } })) });
		expect(result.error.message).not.toContain('run stopped');
		expect(result.error.context.sideEffects).toBeUndefined();
		expect((await ctx.requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
	});
});
