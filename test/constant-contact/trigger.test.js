'use strict';
const { triggerHarness } = require('../harness/trigger');
const { providerFixture } = require('../support/emulator');
const { credentialData, CREDENTIAL_TYPES, PROVIDER } = require('./helpers');

const ctx = providerFixture(PROVIDER);
const TRIGGER = 'dist/nodes/ConstantContact/ConstantContactTrigger.node.js';
const byId = (value) => ({ __rl: true, mode: 'id', value });

let t;
async function start(parameters = {}) {
	t = await triggerHarness({
		node: TRIGGER,
		parameters: { eventId: byId(ctx.fixtures.eventId), trackId: { __rl: true, mode: 'list', value: '' }, events: ['newRegistration'], pageSize: 500, ...parameters },
		credentials: { constantContactOAuth2Api: credentialData(ctx.emulator) },
		credentialTypes: CREDENTIAL_TYPES,
	});
	return t;
}
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

const add = async (rows) => (await ctx.client.control('POST', PROVIDER, '/registrations', rows)).registrations;
const patch = async (id, body) => await ctx.client.control('PATCH', PROVIDER, `/registrations/${id}`, body);
const apiRequests = async () => (await ctx.requests()).filter((r) => r.providerPath.startsWith('/v3/'));
const ids = (items) => (items ?? []).map((i) => i.registration.registration_id);

describe('Constant Contact Trigger: polling', () => {
	test('first poll emits nothing old and looks the track up once; every later poll costs one list request', async () => {
		await start();
		expect((await t.poll()).items).toBeNull();
		const first = (await apiRequests()).map((r) => `${r.method} ${r.providerPath}`);
		expect(first).toEqual([`GET /v3/events/${ctx.fixtures.eventId}`, `GET /v3/events/${ctx.fixtures.eventId}/tracks/${ctx.fixtures.trackId}/registrations`]);
		await ctx.client.clearRequests();
		// n8n polls at most once a minute; these three come within a second, so the emulator's 4-per-second
		// limit may answer one with a 429, which the node waits out and repeats. The cost of a poll is
		// what the API accepted.
		await new Promise((r) => setTimeout(r, 1100));
		for (let n = 0; n < 3; n++) expect((await t.poll()).items).toBeNull();
		const later = (await apiRequests()).filter((r) => r.status !== 429);
		expect(later).toHaveLength(3);
		expect(later.every((r) => r.status === 200)).toBe(true);
		expect(later.every((r) => r.providerPath.endsWith('/registrations') && r.query.limit === '500')).toBe(true);
	});

	test('n8n 2.x discards what the poll at activation writes: registrations added before the first scheduled poll are still emitted once', async () => {
		await start();
		const activationPoll = await t.poll({ atActivation: true });
		expect(activationPoll.items).toBeNull();
		expect(activationPoll.staticData).toEqual({});
		const added = await add([{ registration_time: '2026-12-01T08:00:00.000Z' }, { registration_time: '2026-12-01T08:00:00.000Z' }]);
		expect(ids((await t.poll()).items).sort()).toEqual(added.map((r) => r.registration_id).sort());
		expect((await t.poll()).items).toBeNull();
	});

	test('several registrations in the same second, and a back-dated one, across polls: each emitted once, none skipped', async () => {
		await start();
		await t.poll();
		const second = '2026-12-01T09:00:00.000Z';
		const a = await add([{ registration_time: second }, { registration_time: second }]);
		expect(ids((await t.poll()).items).sort()).toEqual(a.map((r) => r.registration_id).sort());
		// More at the very same second, after the cursor already sits there.
		const b = await add([{ registration_time: second }, { registration_time: '2026-12-01T09:00:01.000Z' }]);
		expect(ids((await t.poll()).items).sort()).toEqual(b.map((r) => r.registration_id).sort());
		expect((await t.poll()).items).toBeNull();
		// Entered later with an earlier date: still new (an unknown ID), once.
		const [late] = await add([{ registration_time: '2026-10-01T12:00:00.000Z' }]);
		expect(ids((await t.poll()).items)).toEqual([late.registration_id]);
		expect((await t.poll()).items).toBeNull();
		// A restart falls back to the last saved cursor: nothing is repeated.
		t.restartPoller();
		expect((await t.poll()).items).toBeNull();
	});

	test('payment and registration status changes are emitted once, with the previous values', async () => {
		await start({ events: ['newRegistration', 'statusChanged'] });
		await t.poll();
		const [pending] = ctx.fixtures.offlinePendingRegistrationIds;
		const other = ctx.fixtures.payableRegistrationIds.find((id) => id !== pending);
		await patch(pending, { payment_status: 'PAID' });
		await patch(other, { registration_status: 'CANCELED' });
		const [fresh] = await add([{}]);
		const p1 = await t.poll();
		expect(p1.items.map((i) => `${i.event} ${i.registration.registration_id}`).sort()).toEqual(
			[`newRegistration ${fresh.registration_id}`, `statusChanged ${pending}`, `statusChanged ${other}`].sort(),
		);
		const paid = p1.items.find((i) => i.registration.registration_id === pending);
		expect(paid).toMatchObject({ previousPaymentStatus: 'PENDING', registration: { payment_status: 'PAID' } });
		const canceled = p1.items.find((i) => i.registration.registration_id === other);
		expect(canceled).toMatchObject({ previousRegistrationStatus: 'REGISTERED', registration: { registration_status: 'CANCELED' } });
		expect((await t.poll()).items).toBeNull();
	});

	test('a list of several pages is read whole; manual mode returns one real registration and saves nothing', async () => {
		await start({ pageSize: 10 });
		const [latest] = await add([{ registration_time: '2026-12-24T18:00:00.000Z' }]);
		const manual = await t.poll({ mode: 'manual' });
		expect(manual.items).toHaveLength(1);
		expect(manual.items[0].registration.registration_id).toBe(latest.registration_id);
		expect(t.nodeStaticData()).toEqual({});
		await t.poll();
		await ctx.client.clearRequests();
		const added = await add(Array.from({ length: 3 }, () => ({})));
		const p = await t.poll();
		expect(ids(p.items).sort()).toEqual(added.map((r) => r.registration_id).sort());
		const total = ctx.state.registrations.filter((r) => r.event_id === ctx.fixtures.eventId).length + 4;
		// One accepted request per page (a 429 from Constant Contact's 4/s limit is waited out and retried).
		expect((await apiRequests()).filter((r) => r.status !== 429)).toHaveLength(Math.ceil(total / 10));
	});
});
