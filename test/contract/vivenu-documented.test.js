'use strict';
// What the published vivenu document describes and the rest of the suite never exercised: the events
// envelope `{rows}` behind the event picker, and checkout and ticket webhook deliveries carrying the
// `checkout` / `ticket` objects (webhook.<type> schemas). Asserted on what the emulator received and what
// the node or trigger output.
const { triggerHarness } = require('../harness/trigger');
const { listSearch } = require('../support/list-search');
const { vivenuFixture, byId, NODE, CREDENTIAL_TYPES } = require('../vivenu/setup');

const ctx = vivenuFixture();
const TRIGGER = 'dist/nodes/Vivenu/VivenuTrigger.node.js';

let t;
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

async function start(parameters) {
	t = await triggerHarness({ node: TRIGGER, parameters, credentials: ctx.credentials(), credentialTypes: CREDENTIAL_TYPES });
	await t.activate();
	return t;
}

describe('vivenu as documented', () => {
	test('the event picker reads the documented {rows, total} envelope', async () => {
		const events = ctx.state.events;
		const found = await listSearch({ node: NODE, credentialTypes: CREDENTIAL_TYPES, credentials: ctx.credentials(), method: 'searchEvents' });
		expect(found.results.map((r) => r.value).sort()).toEqual(events.map((e) => e._id).sort());
		expect(found.results[0].name).toMatch(/ \(\d{4}-\d\d-\d\d\)$/);
		const requests = await ctx.requests();
		expect(requests.map((r) => `${r.method} ${r.providerPath}?${r.rawQuery}`)).toEqual(['GET /api/events?top=100&skip=0']);
	});

	test('checkout events arrive with their checkout object and start one execution each', async () => {
		await start({ events: ['checkout.completed', 'checkout.aborted', 'checkout.detailsSubmitted'] });
		for (const type of ['checkout.completed', 'checkout.aborted', 'checkout.detailsSubmitted']) await ctx.client.fireWebhook({ provider: 'vivenu', type });
		await ctx.client.waitForWebhooks({ provider: 'vivenu' });
		// Deliveries run concurrently: compared in type order.
		expect(t.executions.map((e) => [e[0].type, e[0].data.checkout.status, e[0].data.checkout.type]).sort()).toEqual([
			['checkout.aborted', 'ABORTED', 'transaction'],
			['checkout.completed', 'COMPLETE', 'transaction'],
			['checkout.detailsSubmitted', 'NEW', 'transaction'],
		]);
		for (const [envelope] of t.executions) expect(envelope.data.checkout.items[0]).toEqual(expect.objectContaining({ eventId: expect.any(String), realPrice: expect.any(Number) }));
	});

	test('ticket events arrive with their ticket; Resolve Transaction fetches the ticket\'s transaction', async () => {
		await start({ events: ['ticket.created', 'ticket.updated'], resolveTransaction: true });
		await ctx.client.clearRequests();
		await ctx.client.fireWebhook({ provider: 'vivenu', type: 'ticket.created' });
		await ctx.client.fireWebhook({ provider: 'vivenu', type: 'ticket.updated' });
		await ctx.client.waitForWebhooks({ provider: 'vivenu' });
		expect(t.executions).toHaveLength(2);
		const ticket = t.executions[0][0].data.ticket;
		expect(ticket).toEqual(expect.objectContaining({ _id: expect.any(String), transactionId: expect.any(String), barcode: expect.any(String) }));
		expect(t.executions[0][0].data.transaction).toEqual(expect.objectContaining({ _id: ticket.transactionId }));
		expect(t.executions[0][0].data.transaction.secret).toBeUndefined();
		expect((await ctx.requests()).map((r) => `${r.method} ${r.providerPath}`)).toEqual([
			`GET /api/transactions/${ticket.transactionId}`,
			`GET /api/transactions/${t.executions[1][0].data.ticket.transactionId}`,
		]);
	});

	test.each([401, 403])('Send Invitation Mail refused with %i says which credential works (the document allows only a user token)', async (status) => {
		const id = ctx.fixtures.reservedTransactionId || ctx.state.transactions.find((t) => t.status === 'RESERVED-BY-SYSTEM')._id;
		await ctx.client.fault({ provider: 'vivenu', method: 'POST', path: '/invitationmail', status, body: { statusCode: status, error: 'Unauthorized', message: 'Unauthorized' } });
		const result = await ctx.run({ operation: 'sendInvitationMail', transactionId: byId(id) }, { continueOnFail: true });
		expect(result.items.map((i) => [i.json.error, i.json.httpCode])).toEqual([
			[`vivenu error ${status}: Unauthorized (vivenu allows Send Invitation Mail only with a user token) [item 0]`, String(status)],
		]);
		expect(result.items[0].json.description).toMatch(/for a user's login token \(JWT\) only, not for an API key/);
		expect((await ctx.requests()).map((r) => `${r.method} ${r.providerPath}`)).toEqual([`POST /api/transactions/${id}/invitationmail`]);
	});

	test('Get Many sends the filters the document lists; those /rich lacks are left out with Rich Results', async () => {
		const id = ctx.fixtures.completeTransactionId;
		const filters = {
			coupon: 'EARLY10', name: 'Ada', start: '2026-09-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z', posPaymentMethods: 'cash',
			subscriptionId: 'sub_1', id, updatedStrictlyAfter: '2026-09-02T00:00:00.000Z', updatedAtOrBefore: '2026-12-02T00:00:00.000Z',
		};
		for (const rich of [false, true]) {
			await ctx.client.clearRequests();
			const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 5, rich, filters });
			expect(result.error).toBeUndefined();
			const [request] = await ctx.requests();
			expect([request.providerPath, request.query]).toEqual([rich ? '/api/transactions/rich' : '/api/transactions', {
				coupon: 'EARLY10', name: 'Ada', start: filters.start, end: filters.end,
				...(rich ? {} : { posPaymentMethods: 'cash', subscriptionId: 'sub_1', id }),
				updatedAt: { $gt: filters.updatedStrictlyAfter, $lte: filters.updatedAtOrBefore },
				top: '5', skip: '0',
			}]);
		}
	});
});
