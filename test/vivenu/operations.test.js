'use strict';
const { vivenuFixture, byId, API_KEY } = require('./setup');

const ctx = vivenuFixture();
const json = (result) => result.items.map((item) => item.json);

describe('vivenu node inside n8n: every transaction operation', () => {
	test('Get returns the transaction without its secret token, paired to its input item', async () => {
		const id = ctx.fixtures.completeTransactionId;
		const result = await ctx.run({ operation: 'get', transactionId: byId('={{ $json.id }}') }, { input: [{ json: { id } }] });
		expect(result.error).toBeUndefined();
		const expected = { ...ctx.state.transactions.find((t) => t._id === id) };
		delete expected.secret;
		expect(json(result)).toEqual([expected]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', providerPath: `/api/transactions/${id}`, status: 200 });
		expect(requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
	});

	test('Get with Include Secret Token keeps it; Simplify returns the short form', async () => {
		const id = ctx.fixtures.completeTransactionId;
		const full = await ctx.run({ operation: 'get', transactionId: byId(id), includeSecret: true });
		expect(json(full)[0].secret).toBe(ctx.state.transactions.find((t) => t._id === id).secret);
		const simple = await ctx.run({ operation: 'get', transactionId: byId(id), simplify: true });
		const t = ctx.state.transactions.find((x) => x._id === id);
		expect(json(simple)[0]).toMatchObject({ _id: id, status: 'COMPLETE', paymentStatus: 'RECEIVED', realPrice: t.realPrice, ticketCount: t.tickets.length });
		expect(json(simple)[0].secret).toBeUndefined();
		expect(json(simple)[0].history).toBeUndefined();
	});

	test('Get Many with Return All pages with top=1000 until total and returns every transaction', async () => {
		await ctx.client.reset({ size: { vivenu: { events: 3, transactions: 2300 } } });
		const result = await ctx.run({ operation: 'getAll', returnAll: true, simplify: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2300);
		const requests = await ctx.requests();
		// The first page tells the total; the other two are fetched in parallel (order: test/vivenu/pages.test.js).
		expect(requests[0].rawQuery).toBe('top=1000&skip=0');
		expect(requests.map((r) => r.rawQuery).sort()).toEqual(['top=1000&skip=0', 'top=1000&skip=1000', 'top=1000&skip=2000']);
		expect(new Set(result.items.map((i) => i.json._id)).size).toBe(2300);
		expect(result.items.every((i) => i.pairedItem.item === 0)).toBe(true);
	});

	test('Get Many with a Limit asks only for what it needs', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 7 });
		expect(result.items).toHaveLength(7);
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ top: '7', skip: '0' });
	});

	test('Get Many sends event, status and updatedAt[$gte]/[$lt] filters the way vivenu expects', async () => {
		const [e1, e2] = ctx.fixtures.eventIds;
		const result = await ctx.run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				status: 'COMPLETE',
				paymentStatus: 'RECEIVED',
				updatedAfter: '2026-10-10T00:00:00.000Z',
				updatedBefore: '2026-10-25T00:00:00.000Z',
				events: { values: [{ event: { __rl: true, mode: 'list', value: e1 } }, { event: byId(e2) }] },
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = await ctx.requests();
		expect(request.query).toEqual({
			status: 'COMPLETE',
			paymentStatus: 'RECEIVED',
			event: `${e1},${e2}`,
			updatedAt: { $gte: '2026-10-10T00:00:00.000Z', $lt: '2026-10-25T00:00:00.000Z' },
			top: '1000',
			skip: '0',
		});
		const expected = ctx.state.transactions.filter(
			(t) =>
				t.status === 'COMPLETE' &&
				t.paymentStatus === 'RECEIVED' &&
				[e1, e2].includes(t.eventId) &&
				t.updatedAt >= '2026-10-10T00:00:00.000Z' &&
				t.updatedAt < '2026-10-25T00:00:00.000Z',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((i) => i.json._id).sort()).toEqual(expected.map((t) => t._id).sort());
	});

	test('Get Many with Rich Results uses /transactions/rich', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 3, rich: true });
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.event).toBeDefined();
		const [request] = await ctx.requests();
		expect(request.providerPath).toBe('/api/transactions/rich');
	});

	test('Complete turns a NEW transaction COMPLETE with one POST and no body', async () => {
		const id = ctx.fixtures.newTransactionId;
		const result = await ctx.run({ operation: 'complete', transactionId: byId(id), simplify: true });
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toMatchObject({ _id: id, status: 'COMPLETE' });
		const requests = await ctx.requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', providerPath: `/api/transactions/${id}/complete`, status: 200, rawBody: '' });
	});

	test('Cancel sends refundFunds and the reason and returns the cancelled transaction (201)', async () => {
		const id = ctx.fixtures.completeTransactionId2;
		const result = await ctx.run({ operation: 'cancel', transactionId: byId(id), refundFunds: true, cancellationReason: 'REQUESTED_BY_CUSTOMER', simplify: true });
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toMatchObject({ _id: id, status: 'CANCELED', paymentStatus: 'REFUND', cancellationReason: 'REQUESTED_BY_CUSTOMER' });
		const [request] = await ctx.requests();
		expect(request).toMatchObject({ method: 'POST', providerPath: `/api/transactions/${id}/cancel`, status: 201 });
		expect(request.body).toEqual({ refundFunds: true, cancellationReason: 'REQUESTED_BY_CUSTOMER' });
	});

	test('Cancel without a reason still sends the required JSON body', async () => {
		const id = ctx.fixtures.completeTransactionId2;
		await ctx.run({ operation: 'cancel', transactionId: byId(id) });
		const [request] = await ctx.requests();
		expect(request.body).toEqual({ refundFunds: false });
		expect(request.headers['content-type']).toMatch(/application\/json/);
	});

	test('Get Cancellation Info then Create Cancellation cancels the chosen cart items', async () => {
		const id = ctx.fixtures.completeTransactionId;
		const info = await ctx.run({ operation: 'getCancellationInfo', transactionId: byId(id) });
		const { cancellableItems } = json(info)[0];
		expect(json(info)[0].transactionId).toBe(id);
		expect(cancellableItems).toHaveLength(4);
		const chosen = cancellableItems.slice(0, 2).map((c) => c.cartItemId);
		await ctx.client.clearRequests();
		const created = await ctx.run({
			operation: 'createCancellation',
			transactionId: byId(id),
			itemsMode: 'ids',
			cartItemIds: chosen.join(', '),
			refundFunds: true,
			refundTarget: 'voucher',
		});
		expect(created.error).toBeUndefined();
		expect(json(created)[0]).toMatchObject({ transactionId: id, refundTarget: 'voucher' });
		const [request] = await ctx.requests();
		expect(request.body).toEqual({ items: chosen, refundFunds: true, refundTarget: 'voucher' });
		const after = await ctx.run({ operation: 'getCancellationInfo', transactionId: byId(id) });
		expect(json(after)[0].cancellableItems.map((c) => c.cartItemId)).toEqual(cancellableItems.slice(2).map((c) => c.cartItemId));
	});

	test('Create Cancellation with amounts sends [{_id, amount}]', async () => {
		const id = ctx.fixtures.completeTransactionId;
		const info = await ctx.run({ operation: 'getCancellationInfo', transactionId: byId(id) });
		const cartItemId = json(info)[0].cancellableItems[0].cartItemId;
		await ctx.client.clearRequests();
		const result = await ctx.run({
			operation: 'createCancellation',
			transactionId: byId(id),
			itemsMode: 'amounts',
			itemAmounts: { item: [{ _id: cartItemId, amount: 1 }] },
		});
		expect(result.error).toBeUndefined();
		const [request] = await ctx.requests();
		expect(request.body).toEqual({ items: [{ _id: cartItemId, amount: 1 }], refundFunds: false, refundTarget: 'origin' });
	});

	test('Send Ticket Mail sends {} without an address and {email} with one', async () => {
		const id = ctx.fixtures.completeTransactionId;
		const a = await ctx.run({ operation: 'sendTicketMail', transactionId: byId(id), simplify: true });
		const b = await ctx.run({ operation: 'sendTicketMail', transactionId: byId(id), email: 'box@example.org', simplify: true });
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		const requests = await ctx.requests();
		expect(requests.map((r) => r.rawBody)).toEqual(['{}', '{"email":"box@example.org"}']);
		expect(requests.every((r) => r.providerPath === `/api/transactions/${id}/ticket-mail`)).toBe(true);
	});

	test('Send Invitation Mail and Update Payment Status answer 201 without a body: output {success, transactionId}', async () => {
		const id = ctx.fixtures.newTransactionId;
		const invite = await ctx.run({ operation: 'sendInvitationMail', transactionId: byId(id) });
		const paid = await ctx.run({ operation: 'updatePaymentStatus', transactionId: byId(id) });
		expect(json(invite)).toEqual([{ success: true, transactionId: id }]);
		expect(json(paid)).toEqual([{ success: true, transactionId: id }]);
		const requests = await ctx.requests();
		expect(requests.map((r) => [r.method, r.providerPath, r.status, r.body])).toEqual([
			['POST', `/api/transactions/${id}/invitationmail`, 201, null],
			['POST', `/api/transactions/${id}/paymentstatus`, 201, { paymentStatus: 'LOCAL-RECEIVED' }],
		]);
		const state = await ctx.client.state('vivenu');
		expect(state.transactions.find((t) => t._id === id).paymentStatus).toBe('LOCAL-RECEIVED');
	});

	test('Get Tickets outputs one item per ticket, each paired with its transaction item', async () => {
		const ids = [ctx.fixtures.completeTransactionId, ctx.fixtures.completeTransactionId2];
		const result = await ctx.run({ operation: 'getTickets', transactionId: byId('={{ $json.id }}') }, { input: ids.map((id) => ({ json: { id } })) });
		expect(result.error).toBeUndefined();
		const expected = ids.flatMap((id, item) =>
			ctx.state.tickets.filter((t) => t.transactionId === id).map((t) => ({ id: t._id, item })),
		);
		expect(result.items.map((i) => ({ id: i.json._id, item: i.pairedItem.item }))).toEqual(expected);
		expect(result.items.every((i) => i.json.secret === undefined && i.json.barcode)).toBe(true);
	});

	test('many input items run in parallel but keep their order', async () => {
		const ids = ctx.state.transactions.slice(0, 20).map((t) => t._id);
		const result = await ctx.run({ operation: 'get', transactionId: byId('={{ $json.id }}'), simplify: true }, { input: ids.map((id) => ({ json: { id } })) });
		expect(result.items.map((i) => i.json._id)).toEqual(ids);
		expect(result.items.map((i) => i.pairedItem.item)).toEqual(ids.map((_, i) => i));
		expect(await ctx.requests()).toHaveLength(20);
	});
});
