'use strict';
const { triggerHarness } = require('../harness/trigger');
const { rcpFixture } = require('./setup');

const ctx = rcpFixture();
const TRIGGER = 'dist/nodes/RestrictContentPro/RestrictContentProTrigger.node.js';
const CREDENTIAL_TYPES = ['dist/credentials/RestrictContentProApi.credentials.js'];
const PROVIDER = 'restrict-content-pro';

let t;
async function start(parameters = {}) {
	t = await triggerHarness({ node: TRIGGER, parameters: { events: ['newPayment'], ...parameters }, credentials: ctx.credentials(), credentialTypes: CREDENTIAL_TYPES });
	return t;
}
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

const add = async (rows) => (await ctx.client.control('POST', PROVIDER, '/payments', rows)).payments;
const patch = async (id, body) => await ctx.client.control('PATCH', PROVIDER, `/payments/${id}`, body);
const listRequests = async () => (await ctx.requests()).filter((r) => /payments/.test(r.path) && r.method === 'GET');
const ids = (items) => (items ?? []).map((i) => String(i.payment.id));

describe('Restrict Content Pro Trigger: polling', () => {
	test('a Back-Fill or Payments Watched out of range (an expression, an imported workflow) is refused naming the field; nothing is sent', async () => {
		await start({ backfill: 5000 });
		await ctx.client.clearRequests();
		await expect(t.poll()).rejects.toThrow('Back-Fill on First Poll: 5000 is above 1000');
		await t.close();
		await start({ events: ['statusChanged'], watch: 2.5 });
		await expect(t.poll()).rejects.toThrow(/^Payments Watched for Status Changes: 2\.5 is not a whole number/);
		expect(await listRequests()).toEqual([]);
	});

	test('first poll emits nothing old; then each new payment exactly once, several in one second included, one request per poll', async () => {
		await start();
		expect((await t.poll()).items).toBeNull();
		const sameSecond = '2026-11-01 10:00:00';
		const batch1 = await add([{ date: sameSecond }, { date: sameSecond }, { date: sameSecond }]);
		await ctx.client.clearRequests();
		const p1 = await t.poll();
		expect(ids(p1.items)).toEqual(batch1.map((p) => String(p.id)));
		expect(p1.items.every((i) => i.event === 'newPayment')).toBe(true);
		expect(await listRequests()).toHaveLength(1);
		expect((await t.poll()).items).toBeNull();
		// A payment dated in the past but recorded now is still new (the cursor is the ID, not the date).
		const batch2 = await add([{ date: '2026-09-02 08:00:00' }, { date: sameSecond }]);
		const p3 = await t.poll();
		expect(ids(p3.items)).toEqual(batch2.map((p) => String(p.id)));
		expect((await t.poll()).items).toBeNull();
		expect(await listRequests()).toHaveLength(4);
	});

	test('n8n 2.x discards what the poll at activation writes: payments added before the first scheduled poll are still emitted once, and a new activation starts fresh', async () => {
		await start();
		const activationPoll = await t.poll({ atActivation: true });
		expect(activationPoll.items).toBeNull();
		expect(activationPoll.staticData).toEqual({});
		const added = await add([{ date: '2026-11-02 09:00:00' }, { date: '2026-11-02 09:00:00' }]);
		expect(ids((await t.poll()).items)).toEqual(added.map((p) => String(p.id)));
		expect((await t.poll()).items).toBeNull();
		// Deactivated and activated again with no saved state: nothing old comes back.
		t.restartPoller();
		t.savedStaticData = {};
		t.restartPoller();
		expect((await t.poll({ atActivation: true })).items).toBeNull();
		await add([{ date: '2026-11-02 10:00:00' }]);
		const later = await t.poll();
		expect(later.items).toHaveLength(1);
	});

	test('status changes of watched payments are emitted once each, with the previous status, filtered by the new status', async () => {
		await start({ events: ['newPayment', 'statusChanged'], statuses: ['refunded', 'failed'] });
		expect((await t.poll()).items).toBeNull();
		const payments = (await ctx.payments()).slice().sort((a, b) => Number(b.id) - Number(a.id));
		const [a, b, c] = payments.filter((p) => p.status === 'complete');
		await patch(a.id, { status: 'refunded' });
		await patch(b.id, { status: 'refunded' });
		await patch(c.id, { status: 'pending' }); // not a wanted status
		const [fresh] = await add([{ status: 'failed' }]);
		await add([{ status: 'complete' }]); // new, but not a wanted status
		const p1 = await t.poll();
		expect(p1.items.map((i) => `${i.event} ${i.payment.id} ${i.previousStatus ?? ''}`)).toEqual([
			`newPayment ${fresh.id} `,
			...[a, b].sort((x, y) => Number(x.id) - Number(y.id)).map((p) => `statusChanged ${p.id} complete`),
		]);
		expect((await t.poll()).items).toBeNull();
		await patch(a.id, { status: 'failed' });
		const p2 = await t.poll();
		expect(p2.items).toEqual([expect.objectContaining({ event: 'statusChanged', previousStatus: 'refunded', status: 'failed' })]);
	});

	test('downtime: a restart resumes from the saved cursor and emits exactly what was missed', async () => {
		await start();
		await t.poll();
		const first = await add([{}]);
		expect(ids((await t.poll()).items)).toEqual([String(first[0].id)]);
		t.restartPoller();
		const missed = await add([{}, {}, {}]);
		expect(ids((await t.poll()).items)).toEqual(missed.map((p) => String(p.id)));
		expect((await t.poll()).items).toBeNull();
	});

	test('a backlog larger than a page is drained across polls within the budget, nothing repeated or skipped (also without getPollBudgetMs)', async () => {
		await start();
		await t.poll({ budgetMs: null });
		const backlog = await add(Array.from({ length: 250 }, () => ({})));
		await ctx.client.clearRequests();
		// A budget too small for more than one page: the poll emits what it read and owes the rest.
		const p1 = await t.poll({ budgetMs: 1 });
		expect(p1.items.length).toBeGreaterThan(0);
		expect(p1.items.length).toBeLessThan(250);
		const collected = [...ids(p1.items)];
		for (let n = 0; n < 5; n++) {
			const p = await t.poll({ budgetMs: n < 2 ? 1 : null });
			collected.push(...ids(p.items));
		}
		expect(collected.sort()).toEqual(backlog.map((p) => String(p.id)).sort());
		expect(new Set(collected).size).toBe(250);
	});

	test('back-fill emits the newest existing payments on the first poll; manual mode returns one recent payment and moves nothing', async () => {
		await start({ backfill: 3 });
		const manual = await t.poll({ mode: 'manual' });
		expect(manual.items).toHaveLength(1);
		expect(t.nodeStaticData()).toEqual({});
		const first = await t.poll();
		const newest = (await ctx.payments()).map((p) => Number(p.id)).sort((a, b) => b - a).slice(0, 3).reverse().map(String);
		expect(ids(first.items)).toEqual(newest);
		expect((await t.poll()).items).toBeNull();
	});

	test('the membership level filter is sent to RCP', async () => {
		await start({ level: 'Gold' });
		await t.poll();
		const [gold] = await add([{ subscription: 'Gold' }]);
		await add([{ subscription: 'Silver' }]);
		const p = await t.poll();
		expect(ids(p.items)).toEqual([String(gold.id)]);
		const reqs = await listRequests();
		expect(reqs.every((r) => r.query.subscription === 'Gold')).toBe(true);
	});
});
