'use strict';
// Registration → Update Status (cancel): the sibling bulk endpoint, batched the same way.
const h = require('./helpers');

const emu = h.emulatorPerFile();

const fx = () => h.state(emu).fixtures;
const params = (over = {}) => h.bulkUpdateParams(emu, { operation: 'updateStatus', registrationStatus: 'CANCELED', ...over });
const path = () => `/v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations`;

test('150 items cancel in one PUT; free registrations are cancelled too; each item gets its outcome', async () => {
	emu.reset({ size: { 'constant-contact': { registrations: 200 } } });
	const ids = [...fx().freeRegistrationIds.slice(0, 2), ...fx().payableRegistrationIds.slice(0, 148)];
	const result = await h.run(emu, params(), { input: h.itemsOf(ids) });
	expect(result.error).toBeUndefined();
	expect(h.lines(emu)).toEqual([`PUT ${path()}`]);
	expect(h.puts(emu, '/registrations').map((e) => e.body)).toEqual([{ registration_ids: ids, registration_status: 'CANCELED' }]);
	expect(result.items).toHaveLength(150);
	expect(result.items[0].json).toEqual({
		outcome: 'updated',
		updated: true,
		eventId: fx().eventId,
		trackId: fx().trackId,
		registrationStatus: 'CANCELED',
		registrationIds: [ids[0]],
		updatedRegistrationIds: [ids[0]],
		failedRegistrationIds: [],
		httpCode: 200,
	});
	const regs = h.registrationsById(emu);
	expect(ids.filter((id) => regs.get(id).registration_status !== 'CANCELED')).toEqual([]);
});

test('options become query flags; items with different flags go in different requests', async () => {
	emu.reset();
	const [a, b, c] = fx().payableRegistrationIds;
	const input = [
		{ json: { id: a, back: false } },
		{ json: { id: b, back: true } },
		{ json: { id: c, back: false } },
	];
	const result = await h.run(emu, params({ options: { returnItemsToInventory: '={{ $json.back }}', increaseCount: true } }), { input });
	expect(result.error).toBeUndefined();
	const puts = h.puts(emu, '/registrations');
	expect(puts.map((e) => [e.rawQuery, e.body.registration_ids])).toEqual([
		['increase_count=true&return_items_to_inventory=false', [a, c]],
		['increase_count=true&return_items_to_inventory=true', [b]],
	]);
	expect(h.state(emu).bulkUpdates.map((u) => u.flags.return_items_to_inventory)).toEqual([false, true]);
});

test('207: unknown IDs become error items (Continue On Fail) or one error naming them', async () => {
	emu.reset();
	const [a] = fx().payableRegistrationIds;
	const unknown = '00000000-0000-4000-8000-00000000abcd';
	const soft = await h.run(emu, params(), { input: h.itemsOf([a, unknown]), continueOnFail: true });
	expect(soft.items.map((i) => i.json.error ?? i.json.outcome)).toEqual([
		'updated',
		`Constant Contact did not update the registration status of registration ${unknown} [item 1]`,
	]);
	const hard = await h.run(emu, params(), { input: h.itemsOf([a, unknown]) });
	expect(hard.error.message).toBe(
		`Constant Contact did not update the registration status of 1 of 2 registrations: ${unknown} (run stopped; 1 other item was already carried out (registration ${a})) [item 1]`,
	);
});

test('a status outside Constant Contact’s list is refused before sending', async () => {
	emu.reset();
	const result = await h.run(emu, params({ registrationStatus: 'DELETED' }), { input: h.itemsOf([fx().payableRegistrationIds[0]]) });
	expect(result.error.message).toMatch(/^Registration Status: "DELETED" is not one of PENDING, REGISTERED, CANCELED/);
	expect(h.lines(emu)).toEqual([]);
});
