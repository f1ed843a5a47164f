'use strict';
// The event's default track is looked up once per credential for a few minutes (helpers/trackCache.ts),
// shared by items and executions; a PUT to a track replaced since answers 404, and the node reads the
// track again and sends that PUT once more. Asserted on the exact requests the emulator received.
const h = require('./helpers');

const emu = h.emulatorPerFile();

const fx = () => h.state(emu).fixtures;
const TTL_MS = 5 * 60 * 1000;
const NEW_TRACK = 'nw7trk';

const eventGet = (eventId = fx().eventId) => `GET /v3/events/${eventId}`;
const putPath = (trackId = fx().trackId, suffix = '/payment_status') => `PUT /v3/events/${fx().eventId}/tracks/${trackId}/registrations${suffix}`;

/** Update Payment Status with Track left empty (the event's default track). */
const markPaid = (over = {}) => ({
	resource: 'registration',
	operation: 'updatePaymentStatus',
	eventId: h.rl(fx().eventId),
	trackId: h.rl('', 'list'),
	registrationIds: '={{ $json.id }}',
	paymentStatus: 'Paid',
	...over,
});

/** Status and path of every logged request since `from`. */
const since = (from) => h.logged(emu).slice(from).map((e) => `${e.status} ${e.method} ${e.providerPath}`);

/** The organiser replaces the event's default track (emulator control call). */
async function replaceTrack(trackId = NEW_TRACK) {
	const res = await fetch(`${emu.url}/_emulator/constant-contact/events/${fx().eventId}`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ default_track_id: trackId }),
	});
	expect(res.status).toBe(200);
	return await res.json();
}

let clock = 0;
beforeEach(() => {
	clock = 0;
	const real = Date.now.bind(Date);
	jest.spyOn(Date, 'now').mockImplementation(() => real() + clock);
});
afterEach(() => jest.restoreAllMocks());

describe('default track remembered by the process', () => {
	test('1,000 items of one event: one GET in the first execution, none in the second within 5 minutes, one again after', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 2400 } } });
		const ids = fx().offlinePendingRegistrationIds.slice(0, 1000);
		expect(ids).toHaveLength(1000);
		const input = h.itemsOf(ids);

		const first = await h.run(emu, markPaid(), { input });
		expect(first.error).toBeUndefined();
		expect(h.lines(emu)).toEqual([eventGet(), putPath()]);
		expect(h.puts(emu)[0].body.registration_ids).toEqual(ids);

		// A minute before the expiry (the runs before took seconds of real time).
		clock = TTL_MS - 60_000;
		const second = await h.run(emu, markPaid(), { input });
		expect(second.error).toBeUndefined();
		expect(h.lines(emu)).toEqual([eventGet(), putPath(), putPath()]);
		expect(second.items).toHaveLength(1000);
		expect(second.items.every((item, i) => item.json.trackId === fx().trackId && item.pairedItem.item === i)).toBe(true);

		clock = TTL_MS + 1000;
		const third = await h.run(emu, markPaid(), { input });
		expect(third.error).toBeUndefined();
		expect(h.lines(emu)).toEqual([eventGet(), putPath(), putPath(), eventGet(), putPath()]);
		const regs = h.registrationsById(emu);
		expect(ids.every((id) => regs.get(id).payment_status === 'PAID')).toBe(true);
	});

	test('Track given: no GET at all, in the first execution or later', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 5);
		for (const trackId of [h.rl(fx().trackId), h.rl('={{ $json.track }}')]) {
			const input = ids.map((id) => ({ json: { id, track: fx().trackId } }));
			const result = await h.run(emu, markPaid({ trackId }), { input });
			expect(result.error).toBeUndefined();
		}
		expect(h.lines(emu)).toEqual([putPath(), putPath()]);
	});

	test('Get Many and Get share the remembered track with the bulk writes', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 2);
		await h.run(emu, markPaid(), { input: h.itemsOf(ids) });
		const list = await h.run(emu, { resource: 'registration', operation: 'getAll', eventId: h.rl(fx().eventId), trackId: h.rl('', 'list'), returnAll: false, limit: 5 });
		expect(list.error).toBeUndefined();
		const one = await h.run(emu, { resource: 'registration', operation: 'get', eventId: h.rl(fx().eventId), trackId: h.rl('', 'list'), registrationId: ids[0] });
		expect(one.error).toBeUndefined();
		expect(h.lines(emu).filter((l) => l.startsWith('GET /v3/events/') && !l.includes('/tracks/'))).toEqual([eventGet()]);
	});
});

describe('a replaced track', () => {
	test('Update Payment Status: one 404 PUT to the old track, one GET, one PUT to the new one; items report the new track', async () => {
		emu.reset();
		const ids = fx().offlinePendingRegistrationIds.slice(0, 4);
		await h.run(emu, markPaid(), { input: h.itemsOf(ids.slice(0, 1)) });
		const oldTrack = fx().trackId;
		expect(await replaceTrack()).toMatchObject({ previous: oldTrack, default_track_id: NEW_TRACK });
		const from = h.logged(emu).length;

		const result = await h.run(emu, markPaid(), { input: h.itemsOf(ids) });
		expect(result.error).toBeUndefined();
		expect(since(from)).toEqual([
			`404 PUT /v3/events/${fx().eventId}/tracks/${oldTrack}/registrations/payment_status`,
			`200 GET /v3/events/${fx().eventId}`,
			`200 PUT /v3/events/${fx().eventId}/tracks/${NEW_TRACK}/registrations/payment_status`,
		]);
		expect(h.puts(emu).slice(-1)[0].body.registration_ids).toEqual(ids);
		expect(result.items.map((i) => [i.pairedItem.item, i.json.trackId, i.json.updatedRegistrationIds])).toEqual(ids.map((id, k) => [k, NEW_TRACK, [id]]));
		const regs = h.registrationsById(emu);
		expect(ids.every((id) => regs.get(id).payment_status === 'PAID')).toBe(true);

		// The new track is remembered: the next execution sends only its PUT.
		const next = h.logged(emu).length;
		await h.run(emu, markPaid(), { input: h.itemsOf(ids.slice(0, 1)) });
		expect(since(next)).toEqual([`200 PUT /v3/events/${fx().eventId}/tracks/${NEW_TRACK}/registrations/payment_status`]);
	});

	test('Update Status (not idempotent): the 404 changed nothing, so the PUT goes once more to the new track', async () => {
		emu.reset();
		const regs = h.state(emu).registrations.filter((r) => r.event_id === fx().eventId && r.registration_status === 'REGISTERED').slice(0, 3);
		const params = { ...markPaid(), operation: 'updateStatus', registrationStatus: 'CANCELED', options: {} };
		delete params.paymentStatus;
		await h.run(emu, markPaid(), { input: h.itemsOf(fx().payableRegistrationIds.slice(-1)) });
		const oldTrack = fx().trackId;
		await replaceTrack();
		const from = h.logged(emu).length;
		const result = await h.run(emu, params, { input: h.itemsOf(regs.map((r) => r.registration_id)) });
		expect(result.error).toBeUndefined();
		expect(since(from).map((l) => l.split('?')[0])).toEqual([
			`404 PUT /v3/events/${fx().eventId}/tracks/${oldTrack}/registrations`,
			`200 GET /v3/events/${fx().eventId}`,
			`200 PUT /v3/events/${fx().eventId}/tracks/${NEW_TRACK}/registrations`,
		]);
		const byId = h.registrationsById(emu);
		expect(regs.every((r) => byId.get(r.registration_id).registration_status === 'CANCELED')).toBe(true);
	});

	test('a 404 while the track is unchanged: one GET, no second PUT; the items are not-done', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 2);
		await h.run(emu, markPaid(), { input: h.itemsOf(ids.slice(0, 1)) });
		await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: 'payment_status', status: 404 });
		const from = h.logged(emu).length;
		const result = await h.run(emu, markPaid(), { input: h.itemsOf(ids), continueOnFail: true });
		expect(since(from)).toEqual([`404 PUT /v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations/payment_status`, `200 GET /v3/events/${fx().eventId}`]);
		expect(result.items.map((i) => [i.pairedItem.item, i.json.outcome])).toEqual([
			[0, 'not-done'],
			[1, 'not-done'],
		]);
	});

	test('a track the user gave is never replaced: its 404 is final, without a GET', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 2);
		await replaceTrack();
		const result = await h.run(emu, markPaid({ trackId: h.rl(fx().trackId) }), { input: h.itemsOf(ids), continueOnFail: true });
		expect(since(0)).toEqual([`404 PUT /v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations/payment_status`]);
		expect(result.items.map((i) => i.json.outcome)).toEqual(['not-done', 'not-done']);
	});

	test('Get Many with a remembered track that was replaced reads again on the new one', async () => {
		emu.reset();
		const params = { resource: 'registration', operation: 'getAll', eventId: h.rl(fx().eventId), trackId: h.rl('', 'list'), returnAll: false, limit: 3 };
		await h.run(emu, params);
		const oldTrack = fx().trackId;
		await replaceTrack();
		const from = h.logged(emu).length;
		const result = await h.run(emu, params);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(since(from).map((l) => l.split('?')[0])).toEqual([
			`404 GET /v3/events/${fx().eventId}/tracks/${oldTrack}/registrations`,
			`200 GET /v3/events/${fx().eventId}`,
			`200 GET /v3/events/${fx().eventId}/tracks/${NEW_TRACK}/registrations`,
		]);
	});
});
