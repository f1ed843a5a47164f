'use strict';
// Constant Contact's document names an event's facts one way in a single event (EventDto) and another in the
// list (EventListingDto). Simplify and the event picker read the documented names (and the older ones,
// UNVERIFIED which the live API sends). Asserted on exact output items.
const h = require('../constant-contact/helpers');

const emu = h.emulatorPerFile();
const fx = () => h.state(emu).fixtures;
const eventOf = (id) => h.state(emu).events.find((e) => e.event_id === id);
/** What Simplify outputs for an event, under the documented names, from the emulator's record. */
const simplified = (ev) => ({
	event_id: ev.event_id,
	name: ev.name,
	title: ev.title,
	status: ev.event_status,
	event_type: ev.type,
	event_start: ev.start_time,
	event_end: ev.end_time,
});

describe('Constant Contact events as documented', () => {
	test('Get with Simplify keeps status, type, start and end, time zone and timestamps from EventDto', async () => {
		emu.reset();
		const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl(fx().eventId), simplify: true });
		expect(result.error).toBeUndefined();
		const ev = eventOf(fx().eventId);
		expect(result.items.map((i) => i.json)).toEqual([{
			...simplified(ev),
			time_zone: ev.time_zone_id,
			currency_type: ev.currency_type,
			create_time: ev.created_time,
			last_update_time: ev.updated_time,
			paid_event: ev.event_metadata.paid_event,
			default_track_id: fx().trackId,
		}]);
	});

	test('Get Many with Simplify reads EventListingDto (start_time/end_time) under the same output names', async () => {
		emu.reset();
		const result = await h.run(emu, { resource: 'event', operation: 'getAll', returnAll: true, filters: { search_text: 'gala' }, simplify: true });
		const ev = eventOf(fx().eventId);
		expect(result.items.map((i) => i.json)).toEqual([{
			...simplified(ev),
			create_time: ev.created_time,
		}]);
	});

	test('the event picker marks events that are not active, read from the documented status', async () => {
		emu.reset({ size: { 'constant-contact': { events: 30 } } });
		const found = await h.listSearch(emu, 'searchEvents');
		const visible = h.state(emu).events.filter((e) => e.event_status !== 'DELETED');
		expect(found.results.map((r) => r.name)).toEqual(
			visible
				.slice()
				.sort((a, b) => (a.start_time < b.start_time ? -1 : 1))
				.map((e) => `${e.name} (${e.start_time.slice(0, 10)})${e.event_status === 'ACTIVE' ? '' : ` · ${e.event_status}`}`),
		);
		expect(found.results.some((r) => / · (DRAFT|COMPLETE|CANCELLED)$/.test(r.name))).toBe(true);
	});
});
