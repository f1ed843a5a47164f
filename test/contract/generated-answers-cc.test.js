'use strict';
// Constant Contact: answers generated from the published document's schemas (EventDto, EventListingDto pages,
// DetailedRegistrationDto, PaginatedRegistrations) served to Get and Get Many. No crash, raw output is the
// answer, Simplify keeps each field it lists that the answer has (under the documented or the older name).
const ccSpec = require('./specs/constant-contact.json');
const { generator, schemaNamed } = require('./generated');
const h = require('../constant-contact/helpers');
const { EVENT_FIELDS, REGISTRATION_LIST_FIELDS } = require('../../dist/nodes/ConstantContact/helpers/output');

const SAMPLES = 6;
const emu = h.emulatorPerFile();
const gen = generator(ccSpec, 22);
const fx = () => h.state(emu).fixtures;
const samples = Array.from({ length: SAMPLES }, (_, k) => k);
const fault = (path, body) => emu.emulator.faults.add({ provider: 'constant-contact', method: 'GET', path, status: 200, body });
/** One page: no cursor, so Get Many stops after it. */
const onePage = (page) => {
	delete page.next_cursor;
	delete page._links;
	return page;
};

beforeEach(() => emu.reset());

describe('Constant Contact: generated answers', () => {
	test.each(samples)('Event → Get, raw and simplified (sample %i)', async () => {
		const answer = gen(schemaNamed('EventDto'));
		fault('/^\\/v3\\/events\\/[^/]+$/', answer);
		fault('/^\\/v3\\/events\\/[^/]+$/', answer);
		const raw = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl(fx().eventId) });
		expect(raw.error).toBeUndefined();
		expect(raw.items.map((i) => i.json)).toEqual([answer]);
		const simple = (await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl(fx().eventId), simplify: true })).items[0].json;
		for (const [field, names] of EVENT_FIELDS) {
			const from = names.find((n) => answer[n] !== undefined && answer[n] !== null);
			expect([field, simple[field]]).toEqual([field, from === undefined ? undefined : answer[from]]);
		}
	});

	test.each(samples)('Event → Get Many (sample %i)', async () => {
		const page = onePage(gen(schemaNamed('PaginationDtoEventListingDto')));
		fault('/^\\/v3\\/events$/', page);
		const result = await h.run(emu, { resource: 'event', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(page.records || []);
	});

	test.each(samples)('Registration → Get, raw and simplified (sample %i)', async () => {
		const answer = gen(schemaNamed('DetailedRegistrationDto'));
		const params = { resource: 'registration', operation: 'get', eventId: h.rl(fx().eventId), trackId: h.rl(fx().trackId), registrationId: 'r-1' };
		fault('/registrations\\/r-1$/', answer);
		fault('/registrations\\/r-1$/', answer);
		const raw = await h.run(emu, params);
		expect(raw.error).toBeUndefined();
		expect(raw.items.map((i) => i.json)).toEqual([answer]);
		const simple = await h.run(emu, { ...params, simplify: true });
		expect(simple.error).toBeUndefined();
		for (const f of ['registration_id', 'contact_id', 'registration_status', 'registration_date', 'checkin_status']) {
			if (answer[f] !== undefined) expect([f, simple.items[0].json[f]]).toEqual([f, answer[f]]);
		}
	});

	test.each(samples)('Registration → Get Many, simplified (sample %i)', async () => {
		const page = onePage(gen(schemaNamed('PaginatedRegistrations')));
		fault('/registrations$/', page);
		const result = await h.run(emu, { resource: 'registration', operation: 'getAll', eventId: h.rl(fx().eventId), trackId: h.rl(fx().trackId), returnAll: true, simplify: true });
		expect(result.error).toBeUndefined();
		const records = page.records || [];
		expect(result.items).toHaveLength(records.length);
		records.forEach((r, k) => {
			for (const f of REGISTRATION_LIST_FIELDS) if (r[f] !== undefined) expect([f, result.items[k].json[f]]).toEqual([f, r[f]]);
		});
	});

	test.each(samples)('event and track pickers (sample %i)', async () => {
		const page = onePage(gen(schemaNamed('PaginationDtoEventListingDto')));
		// event_id is optional in EventListingDto: one listed event without it, which nobody can pick.
		page.records = [...(page.records || []), { name: 'No ID' }];
		fault('/^\\/v3\\/events$/', page);
		const events = await h.listSearch(emu, 'searchEvents');
		const listed = page.records.filter((e) => typeof e.event_id === 'string' && e.event_id);
		expect(events.results.map((r) => r.value)).toEqual(listed.map((e) => e.event_id));
		const event = gen(schemaNamed('EventDto'));
		fault('/^\\/v3\\/events\\/[^/]+$/', event);
		const tracks = await h.listSearch(emu, 'searchTracks', { parameters: { eventId: h.rl(fx().eventId) } });
		const trackId = event.default_track && event.default_track.track_id;
		expect(tracks.results.map((r) => r.value)).toEqual(typeof trackId === 'string' && trackId ? [trackId] : []);
	});
});
