'use strict';
// Registration → Update Payment Status: batching, grouping, 207 partial failures, free
// registrations, bad input, and the rate limit over 1,000 items — all against the emulator.
const h = require('./helpers');

const emu = h.emulatorPerFile();

const fx = () => h.state(emu).fixtures;
const params = (over = {}) => h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid', ...over });
const putPath = (eventId = fx().eventId, trackId = fx().trackId) => `/v3/events/${eventId}/tracks/${trackId}/registrations/payment_status`;

describe('batching', () => {
	test('250 items become one PUT of 250 IDs; every item gets its own outcome', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 320 } } });
		const ids = fx().payableRegistrationIds.slice(0, 250);
		const result = await h.run(emu, params(), { input: h.itemsOf(ids) });

		expect(result.error).toBeUndefined();
		expect(h.lines(emu)).toEqual([`PUT ${putPath()}`]);
		const bodies = h.puts(emu).map((e) => e.body);
		expect(bodies).toEqual([{ registration_ids: ids, payment_status: 'Paid' }]);
		expect(h.puts(emu)[0].headers['content-type']).toMatch(/^application\/json/);
		expect(h.puts(emu)[0].headers.authorization).toBe(`Bearer ${h.C.DEMO_ACCESS_TOKEN}`);

		h.expectMarkedPaid(emu, result.items, ids);
		const regs = h.registrationsById(emu);
		for (const id of ids) expect(regs.get(id).payment_status).toBe('PAID');
	});

	test('chunk size is an option: 7 items with 3 per request are 3 PUTs', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 7);
		const result = await h.run(emu, params({ options: { chunkSize: 3 } }), { input: h.itemsOf(ids) });
		expect(result.error).toBeUndefined();
		expect(h.puts(emu).map((e) => e.body.registration_ids)).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
	});

	test('without a track, the default track of each event is looked up once', async () => {
		emu.reset();
		const a = fx().payableRegistrationIds.slice(0, 3);
		const b = fx().secondEventRegistrationIds.slice(0, 2);
		const input = [
			{ json: { id: a[0], event: fx().eventId } },
			{ json: { id: b[0], event: fx().secondEventId } },
			{ json: { id: a[1], event: fx().eventId } },
			{ json: { id: b[1], event: fx().secondEventId } },
			{ json: { id: a[2], event: fx().eventId } },
		];
		const result = await h.run(emu, params({ eventId: h.rl('={{ $json.event }}'), trackId: h.rl('', 'list') }), { input });
		expect(result.error).toBeUndefined();
		const reqs = h.lines(emu);
		expect(reqs.slice(0, 2).sort()).toEqual([`GET /v3/events/${fx().eventId}`, `GET /v3/events/${fx().secondEventId}`].sort());
		expect(reqs.slice(2).sort()).toEqual([`PUT ${putPath()}`, `PUT ${putPath(fx().secondEventId, fx().secondTrackId)}`].sort());
		const bodyOf = (eventId) => h.puts(emu).find((e) => e.providerPath.includes(eventId)).body;
		expect(bodyOf(fx().eventId).registration_ids).toEqual(a);
		expect(bodyOf(fx().secondEventId).registration_ids).toEqual(b);
		expect(result.items.map((i) => [i.json.eventId, i.json.trackId, i.json.registrationIds[0]])).toEqual([
			[fx().eventId, fx().trackId, a[0]],
			[fx().secondEventId, fx().secondTrackId, b[0]],
			[fx().eventId, fx().trackId, a[1]],
			[fx().secondEventId, fx().secondTrackId, b[1]],
			[fx().eventId, fx().trackId, a[2]],
		]);
	});

	test('mixed groups: items sharing event, track and status are merged; 2 events × 2 statuses = 4 PUTs', async () => {
		emu.reset();
		const a = fx().payableRegistrationIds.slice(0, 6);
		const b = fx().secondEventRegistrationIds.slice(0, 4);
		const input = [
			...a.map((id, k) => ({ json: { id, event: fx().eventId, track: fx().trackId, status: k % 2 ? 'PENDING' : 'Paid' } })),
			...b.map((id, k) => ({ json: { id, event: fx().secondEventId, track: fx().secondTrackId, status: k % 2 ? 'PENDING' : 'Paid' } })),
		];
		const result = await h.run(
			emu,
			params({ eventId: h.rl('={{ $json.event }}'), trackId: h.rl('={{ $json.track }}'), paymentStatus: '={{ $json.status }}' }),
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(h.lines(emu).every((l) => l.startsWith('PUT '))).toBe(true);
		const got = h.puts(emu).map((e) => `${e.providerPath.includes(fx().eventId) ? 'A' : 'B'} ${e.body.payment_status} ${e.body.registration_ids.join(',')}`);
		expect(got.sort()).toEqual(
			[
				`A Paid ${[a[0], a[2], a[4]].join(',')}`,
				`A PENDING ${[a[1], a[3], a[5]].join(',')}`,
				`B Paid ${[b[0], b[2]].join(',')}`,
				`B PENDING ${[b[1], b[3]].join(',')}`,
			].sort(),
		);
		expect(result.items.map((i) => i.json.paymentStatus)).toEqual(input.map((i) => i.json.status));
		expect(result.items.map((i) => i.pairedItem.item)).toEqual(input.map((_, k) => k));
		const regs = h.registrationsById(emu);
		expect(regs.get(a[1]).payment_status).toBe('PENDING');
		expect(regs.get(b[0]).payment_status).toBe('PAID');
	});

	test('several IDs per item (text or array); an ID named twice is sent once', async () => {
		emu.reset();
		const [a, b, c, d] = fx().payableRegistrationIds;
		const input = [{ json: { ids: `${a}, ${b}` } }, { json: { ids: [b, c] } }, { json: { ids: `${c};${d}` } }];
		const result = await h.run(emu, params({ registrationIds: '={{ $json.ids }}' }), { input });
		expect(result.error).toBeUndefined();
		expect(h.puts(emu).map((e) => e.body.registration_ids)).toEqual([[a, b, c, d]]);
		expect(result.items.map((i) => i.json.registrationIds)).toEqual([[a, b], [b, c], [c, d]]);
	});

	test('free registrations are skipped silently by the API; the output says so', async () => {
		emu.reset();
		const free = fx().freeRegistrationIds[0];
		const paid = fx().offlinePendingRegistrationIds[0];
		const result = await h.run(emu, params(), { input: h.itemsOf([paid, free]) });
		expect(result.error).toBeUndefined();
		expect(h.puts(emu)).toHaveLength(1);
		expect(h.puts(emu)[0].status).toBe(200);
		expect(result.items.map((i) => i.json.outcome)).toEqual(['updated', 'updated']);
		expect(result.items[1].json.note).toMatch(/skips free registrations \(no payment method\).*does not change/);
		const regs = h.registrationsById(emu);
		expect(regs.get(paid).payment_status).toBe('PAID');
		expect(regs.get(free).payment_status).toBe('UNKNOWN');
		expect(h.state(emu).bulkUpdates[0].skippedFree).toEqual([free]);
	});
});

describe('207 partial success', () => {
	const UNKNOWN_1 = '00000000-0000-4000-8000-000000000001';
	const UNKNOWN_2 = '00000000-0000-4000-8000-000000000002';

	test('with Continue On Fail: failed IDs become error items naming them, the others are updated', async () => {
		emu.reset();
		const [a, b, c] = fx().payableRegistrationIds;
		const input = [{ json: { id: a } }, { json: { id: UNKNOWN_1 } }, { json: { id: b } }, { json: { id: `${c},${UNKNOWN_2}` } }];
		const result = await h.run(emu, params({ options: { chunkSize: 2 } }), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		// The run is green: an execution hint in the output pane says that some IDs were not updated.
		expect(result.runData[result.node.name][0].hints).toEqual([
			expect.objectContaining({ type: 'warning', message: expect.stringContaining('did not update 2 of 5 registrations, in input items 1, 3') }),
		]);
		expect(h.puts(emu).map((e) => [e.body.registration_ids, e.status])).toEqual([
			[[a, UNKNOWN_1], 207],
			[[b, c], 200],
			[[UNKNOWN_2], 207],
		]);
		expect(result.items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(result.items[0].json).toMatchObject({ outcome: 'updated', updatedRegistrationIds: [a], httpCode: 207 });
		expect(result.items[1].json).toEqual({
			error: `Constant Contact did not update the payment status of registration ${UNKNOWN_1} [item 1]`,
			itemIndex: 1,
			// None of the item's registrations was updated: a documented refusal (issue 21).
			outcome: 'not-done',
			httpCode: '207',
			description: expect.stringContaining('failed_registration_ids'),
		});
		expect(result.items[1].json.description).toContain('None of the registrations of this item was updated');
		expect(result.items[2].json).toMatchObject({ outcome: 'updated', updatedRegistrationIds: [b], httpCode: 200 });
		expect(result.items[3].json.error).toBe(`Constant Contact did not update the payment status of registration ${UNKNOWN_2} [item 3]`);
		expect(result.items[3].json.description).toContain(`Updated: ${c}.`);
		// Some of item 3's registrations were updated.
		expect(result.items[3].json.outcome).toBe('done');
		const regs = h.registrationsById(emu);
		for (const id of [a, b, c]) expect(regs.get(id).payment_status).toBe('PAID');
	});

	test('without Continue On Fail: every chunk is still sent, then one error names every failed ID', async () => {
		emu.reset();
		const [a, b, c] = fx().payableRegistrationIds;
		const input = h.itemsOf([a, UNKNOWN_1, b, c, UNKNOWN_2]);
		const result = await h.run(emu, params({ options: { chunkSize: 2 } }), { input });
		expect(h.puts(emu).map((e) => e.status)).toEqual([207, 200, 207]);
		expect(result.error).toBeDefined();
		// The items that were updated are named with their IDs (issue 11: no forgotten side effect).
		expect(result.error.message).toBe(
			`Constant Contact did not update the payment status of 2 of 5 registrations: ${UNKNOWN_1}, ${UNKNOWN_2} (run stopped; 3 other items were already carried out (registration ${a}, ${b}, ${c})) [item 1]`,
		);
		expect(result.error.description).toContain(`item 1: ${UNKNOWN_1}; item 4: ${UNKNOWN_2}`);
		expect(result.error.description).toContain('The other 3 registrations were updated');
		expect(result.items).toEqual([]);
	});
});

describe('input errors and request failures', () => {
	test('an empty or path-like ID fails before anything is sent', async () => {
		emu.reset();
		const [a] = fx().payableRegistrationIds;
		const empty = await h.run(emu, params(), { input: h.itemsOf([a, '']) });
		expect(empty.error.message).toBe('Registration IDs: is empty [item 1]');
		const pathy = await h.run(emu, params(), { input: h.itemsOf([a, '../../events']) });
		expect(pathy.error.message).toMatch(/^Registration IDs: "\.\.\/\.\.\/events" is not a valid ID .*\[item 1\]$/);
		const badEvent = await h.run(emu, params({ eventId: h.rl('abc/def') }), { input: h.itemsOf([a]) });
		expect(badEvent.error.message).toMatch(/^Event: "abc\/def" is not a valid ID/);
		expect(h.lines(emu)).toEqual([]);
	});

	test('with Continue On Fail, bad items become error items and the good ones are still sent', async () => {
		emu.reset();
		const [a, b] = fx().payableRegistrationIds;
		const result = await h.run(emu, params(), { input: h.itemsOf([a, '', b]), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(h.puts(emu).map((e) => e.body.registration_ids)).toEqual([[a, b]]);
		expect(result.items.map((i) => i.json.error ?? i.json.outcome)).toEqual(['updated', 'Registration IDs: is empty [item 1]', 'updated']);
	});

	test('a 404 for one event fails that group only (Continue On Fail)', async () => {
		emu.reset();
		const missing = '11111111-2222-4333-8444-555555555555';
		const [a] = fx().payableRegistrationIds;
		const input = [
			{ json: { id: a, event: fx().eventId } },
			{ json: { id: a, event: missing } },
		];
		const result = await h.run(emu, params({ eventId: h.rl('={{ $json.event }}') }), { input, continueOnFail: true });
		expect(result.items[0].json.outcome).toBe('updated');
		expect(result.items[1].json).toMatchObject({
			error: `Constant Contact error 404: Event ${missing} was not found. [item 1]`,
			httpCode: '404',
			itemIndex: 1,
		});
		expect(result.items[1].json.description).toMatch(/Constant Contact has no such resource/);
	});
});

describe('1,000 items within Constant Contact’s 4 requests per second', () => {
	test('1 GET and 1 PUT with all 1,000 IDs, every item told its outcome, no second with more than 4 requests', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 1200 } } });
		const ids = fx().payableRegistrationIds.slice(0, 1000);
		expect(ids).toHaveLength(1000);
		const started = Date.now();
		const result = await h.run(emu, params({ trackId: h.rl('', 'list') }), { input: h.itemsOf(ids) });
		const ms = Date.now() - started;
		expect(result.error).toBeUndefined();

		const puts = h.puts(emu);
		expect(h.lines(emu)).toEqual([`GET /v3/events/${fx().eventId}`, `PUT ${putPath()}`]);
		expect(puts.map((e) => e.body)).toEqual([{ registration_ids: ids, payment_status: 'Paid' }]);
		expect(h.logged(emu).filter((e) => e.status === 429)).toEqual([]);
		expect(h.maxPerSecond(h.logged(emu))).toBeLessThanOrEqual(4);

		expect(result.items).toHaveLength(1000);
		expect(result.items.every((item, i) => item.json.outcome === 'updated' && item.json.registrationIds[0] === ids[i] && item.pairedItem.item === i)).toBe(true);
		const regs = h.registrationsById(emu);
		expect(ids.filter((id) => regs.get(id).payment_status !== 'PAID')).toEqual([]);
		process.stdout.write(`# constant-contact: 1000 items -> ${puts.length} PUTs + 1 GET in ${ms} ms, max ${h.maxPerSecond(h.logged(emu))} requests in any second\n`);
	});

	test('25 chunks of 40 spread over several seconds, never more than 4 in any second', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 1200 } } });
		const ids = fx().payableRegistrationIds.slice(0, 1000);
		const started = Date.now();
		const result = await h.run(emu, params({ options: { chunkSize: 40 } }), { input: h.itemsOf(ids) });
		const ms = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(h.puts(emu)).toHaveLength(25);
		expect(h.logged(emu).filter((e) => e.status !== 200)).toEqual([]);
		expect(h.maxPerSecond(h.logged(emu))).toBeLessThanOrEqual(4);
		// 25 requests at 4 per second cannot take less than 6 seconds.
		expect(ms).toBeGreaterThanOrEqual(6000);
		process.stdout.write(`# constant-contact: 1000 items in chunks of 40 -> 25 PUTs in ${ms} ms, max ${h.maxPerSecond(h.logged(emu))} per second\n`);
	});
});
