'use strict';
// Event → Get / Get Many, Registration → Get / Get Many (cursor pagination, filters, Simplify),
// and the "From list" pickers (listSearch) through n8n-core's LoadOptionsContext.
const h = require('./helpers');

const emu = h.emulatorPerFile();

const fx = () => h.state(emu).fixtures;
const query = (e) => Object.fromEntries(new URLSearchParams(e.rawQuery));

describe('Event → Get Many', () => {
	test('Return All follows the cursor, 100 per page, until there is no next page', async () => {
		emu.reset({ size: { 'constant-contact': { events: 230 } } });
		const result = await h.run(emu, { resource: 'event', operation: 'getAll', returnAll: true, filters: {} });
		expect(result.error).toBeUndefined();
		const visible = h.state(emu).events.filter((e) => e.event_status !== 'DELETED');
		expect(result.items).toHaveLength(visible.length);
		expect(new Set(result.items.map((i) => i.json.event_id)).size).toBe(visible.length);
		expect(result.items.every((i) => i.pairedItem.item === 0)).toBe(true);
		const reqs = h.logged(emu);
		expect(reqs.map((e) => e.providerPath)).toEqual(['/v3/events', '/v3/events', '/v3/events']);
		expect(query(reqs[0])).toEqual({ limit: '100' });
		expect(query(reqs[1])).toEqual({ limit: '100', next: expect.any(String) });
		expect(query(reqs[2]).next).not.toBe(query(reqs[1]).next);
		expect(result.items[0].json).not.toHaveProperty('default_track'); // list records carry no track
	});

	test('Limit stops early; sort is sent as Constant Contact names it', async () => {
		emu.reset({ size: { 'constant-contact': { events: 230 } } });
		const result = await h.run(emu, {
			resource: 'event',
			operation: 'getAll',
			returnAll: false,
			limit: 150,
			filters: { sort_by: 'name', sort_order: 'DESC' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		const names = result.items.map((i) => i.json.name);
		expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
		const reqs = h.logged(emu);
		expect(reqs).toHaveLength(2);
		expect(query(reqs[0])).toEqual({ sort_by: 'name', sort_order: 'DESC', limit: '100' });
	});

	test('status filter', async () => {
		emu.reset({ size: { 'constant-contact': { events: 230 } } });
		const result = await h.run(emu, { resource: 'event', operation: 'getAll', returnAll: true, filters: { event_status: 'DRAFT' } });
		const drafts = h.state(emu).events.filter((e) => e.event_status === 'DRAFT');
		expect(drafts.length).toBeGreaterThan(10);
		expect(result.items.map((i) => i.json.event_id).sort()).toEqual(drafts.map((e) => e.event_id).sort());
		expect(query(h.logged(emu)[0])).toEqual({ event_status: 'DRAFT', limit: '100' });
	});

	test('a filter mapped to an object or a list is refused naming the filter and the item, with no request', async () => {
		emu.reset();
		const result = await h.run(emu, { resource: 'event', operation: 'getAll', returnAll: true, filters: { search_text: '={{ $json.q }}' } }, {
			input: [{ json: { q: { nested: 1 } } }, { json: { q: ['a', 'b'] } }],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.json.error)).toEqual([
			expect.stringMatching(/^Filters → search_text: is .*, not text.*\[item 0\]$/),
			expect.stringMatching(/^Filters → search_text: is .*, not text.*\[item 1\]$/),
		]);
		expect(h.lines(emu)).toHaveLength(0);
	});

	test('search text and Simplify', async () => {
		emu.reset();
		const result = await h.run(emu, { resource: 'event', operation: 'getAll', returnAll: true, filters: { search_text: 'gala' }, simplify: true });
		expect(result.items.map((i) => i.json.name)).toEqual(['Harvest Gala Dinner']);
		expect(Object.keys(result.items[0].json).sort()).toEqual(
			// The list answers EventListingDto: no currency, time zone, update time or metadata; Simplify names the
			// fields as EventDto does, whichever list or single-event name they came from.
			['create_time', 'event_end', 'event_id', 'event_start', 'event_type', 'name', 'status', 'title'].sort(),
		);
		expect(query(h.logged(emu)[0])).toEqual({ search_text: 'gala', limit: '100' });
	});
});

describe('Event → Get', () => {
	test('one event per item, with settings on request', async () => {
		emu.reset();
		const input = [{ json: { id: fx().eventId } }, { json: { id: fx().secondEventId } }];
		const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl('={{ $json.id }}'), includeSettings: true }, { input });
		expect(result.error).toBeUndefined();
		expect(h.lines(emu)).toEqual([`GET /v3/events/${fx().eventId}?include=true`, `GET /v3/events/${fx().secondEventId}?include=true`]);
		expect(result.items.map((i) => [i.json.event_id, i.json.default_track.track_id, typeof i.json.event_settings, i.pairedItem.item])).toEqual([
			[fx().eventId, fx().trackId, 'object', 0],
			[fx().secondEventId, fx().secondTrackId, 'object', 1],
		]);
	});

	test('404 among good items: an error item with the API message (Continue On Fail)', async () => {
		emu.reset();
		const missing = '11111111-2222-4333-8444-555555555555';
		const input = [{ json: { id: fx().eventId } }, { json: { id: missing } }, { json: { id: fx().secondEventId } }];
		const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl('={{ $json.id }}'), simplify: true }, { input, continueOnFail: true });
		expect(result.items.map((i) => i.json.event_id ?? i.json.error)).toEqual([
			fx().eventId,
			`Constant Contact error 404: Event ${missing} was not found. [item 1]`,
			fx().secondEventId,
		]);
		expect(result.items[0].json.default_track_id).toBe(fx().trackId);
		expect(result.items[1].json.httpCode).toBe('404');
		expect(result.items[1].json.description).toContain('Response: [{"error_key":"not.found"');
	});

	test('without Continue On Fail the first failing item stops the node', async () => {
		emu.reset();
		const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl('={{ $json.id }}') }, {
			input: [{ json: { id: fx().eventId } }, { json: { id: 'does-not-exist' } }],
		});
		expect(result.error.message).toBe('Constant Contact error 404: Event does-not-exist was not found. [item 1]');
	});
});

describe('Registration → Get Many', () => {
	test('default track looked up, then all pages of 100 with the filters', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 260 } } });
		const result = await h.run(emu, {
			resource: 'registration',
			operation: 'getAll',
			eventId: h.rl(fx().eventId, 'list'),
			trackId: h.rl('', 'list'),
			returnAll: true,
			filters: { registration_status: 'REGISTERED' },
		});
		expect(result.error).toBeUndefined();
		const expected = h.state(emu).registrations.filter((r) => r.event_id === fx().eventId && r.registration_status === 'REGISTERED');
		expect(result.items.map((i) => i.json.registration_id)).toEqual(expected.map((r) => r.registration_id));
		const reqs = h.logged(emu);
		expect(reqs[0].providerPath).toBe(`/v3/events/${fx().eventId}`);
		const pages = reqs.slice(1);
		expect(pages).toHaveLength(Math.ceil(expected.length / 100));
		expect(pages.every((e) => e.providerPath === `/v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations`)).toBe(true);
		expect(query(pages[0])).toEqual({ registration_status: 'REGISTERED', limit: '100' });
		expect(query(pages[1])).toMatchObject({ registration_status: 'REGISTERED', limit: '100', next: expect.any(String) });
		expect(Object.keys(result.items[0].json)).toContain('checkin_status');
	});

	test('payment status, search text, sort, Limit and Simplify', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 120 } } });
		const result = await h.run(emu, {
			resource: 'registration',
			operation: 'getAll',
			eventId: h.rl(fx().eventId),
			trackId: h.rl(fx().trackId),
			returnAll: false,
			limit: 5,
			filters: { payment_status: 'PENDING', search_text: 'a', sort_by: 'last_name', sort_order: 'ASC' },
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(query(h.logged(emu)[0])).toEqual({ payment_status: 'PENDING', search_text: 'a', sort_by: 'last_name', sort_order: 'ASC', limit: '5' });
		for (const { json } of result.items) {
			expect(json.payment_status).toBe('PENDING');
			expect(Object.keys(json).sort()).toEqual(
				['email_address', 'first_name', 'last_name', 'payment_status', 'registration_id', 'registration_status', 'registration_time', 'tickets', 'total', 'track_key'].sort(),
			);
		}
		const last = result.items.map((i) => i.json.last_name);
		expect(last).toEqual([...last].sort((x, y) => x.localeCompare(y)));
	});
});

describe('Registration → Get', () => {
	test('the full registration, or a simplified one that tells free from paid', async () => {
		emu.reset();
		const paid = fx().offlinePendingRegistrationIds[0];
		const free = fx().freeRegistrationIds[0];
		const base = { resource: 'registration', operation: 'get', eventId: h.rl(fx().eventId), trackId: h.rl(fx().trackId), registrationId: '={{ $json.id }}' };
		const raw = await h.run(emu, base, { input: h.itemsOf([paid]) });
		expect(raw.items[0].json).toMatchObject({ registration_id: paid, order_summary: { payment_status: 'PENDING' } });
		expect(Array.isArray(raw.items[0].json.contact)).toBe(true);
		const simple = await h.run(emu, { ...base, simplify: true }, { input: h.itemsOf([paid, free]) });
		expect(simple.items.map((i) => [i.json.registration_id, i.json.free, typeof i.json.email_address])).toEqual([
			[paid, false, 'string'],
			[free, true, 'string'],
		]);
		expect(h.lines(emu)).toContain(`GET /v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations/${paid}`);
	});

	test('bad IDs are refused before any request; an unknown one is a 404 error item', async () => {
		emu.reset();
		const base = { resource: 'registration', operation: 'get', eventId: h.rl(fx().eventId), trackId: h.rl(fx().trackId), registrationId: '={{ $json.id }}' };
		const result = await h.run(emu, base, { input: h.itemsOf([fx().payableRegistrationIds[0], 'a/b', '', 'unknown-id']), continueOnFail: true });
		expect(result.items.map((i) => i.json.registration_id ?? i.json.error)).toEqual([
			fx().payableRegistrationIds[0],
			expect.stringMatching(/^Registration ID: "a\/b" is not a valid ID .*\[item 1\]$/),
			'Registration ID: is empty [item 2]',
			'Constant Contact error 404: Registration unknown-id was not found. [item 3]',
		]);
		expect(h.lines(emu)).toHaveLength(2);
	});
});

describe('From list pickers', () => {
	test('events: searchable, paginated by the cursor', async () => {
		emu.reset({ size: { 'constant-contact': { events: 150 } } });
		const first = await h.listSearch(emu, 'searchEvents');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));
		expect(first.results[0]).toEqual({ name: expect.stringMatching(/ \(\d{4}-\d\d-\d\d\)/), value: expect.any(String) });
		const second = await h.listSearch(emu, 'searchEvents', { paginationToken: first.paginationToken });
		expect(second.results.length).toBeGreaterThan(0);
		expect(second.paginationToken).toBeUndefined();
		const found = await h.listSearch(emu, 'searchEvents', { filter: 'Harvest Gala Dinner' });
		expect(found.results.map((r) => r.value)).toContain(fx().eventId);
		expect(h.lines(emu).map((l) => l.split('?')[0])).toEqual(['GET /v3/events', 'GET /v3/events', 'GET /v3/events']);
		expect(h.lines(emu)[2]).toContain('search_text=Harvest%20Gala%20Dinner');
	});

	test("tracks: the chosen event's default track; nothing for an expression", async () => {
		emu.reset();
		const tracks = await h.listSearch(emu, 'searchTracks', {
			parameters: { resource: 'registration', operation: 'updatePaymentStatus', eventId: h.rl(fx().eventId, 'list') },
		});
		expect(tracks.results).toEqual([{ name: `Default Track (${fx().trackId})`, value: fx().trackId }]);
		const none = await h.listSearch(emu, 'searchTracks', {
			parameters: { resource: 'registration', operation: 'updatePaymentStatus', eventId: h.rl('={{ $json.event }}') },
		});
		expect(none.results).toEqual([]);
		expect(h.lines(emu)).toEqual([`GET /v3/events/${fx().eventId}`]);
	});
});
