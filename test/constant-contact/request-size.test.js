'use strict';
// Bulk PUTs start with every ID of the run in one request and are split in halves only when Constant
// Contact refuses the size (its maximum is not documented): the exact requests, every item's outcome,
// and what is never sent again (an ID already accepted, an unknown outcome).
const { request } = require('../../emulators/client');
const h = require('./helpers');

const emu = h.emulatorPerFile();

const fx = () => h.state(emu).fixtures;
const paid = (over = {}) => h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid', ...over });
const putPath = () => `/v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations/payment_status`;
/** The PUTs the emulator received, in arrival order: [number of IDs, HTTP status]. */
const sizes = (suffix) => h.puts(emu, suffix).map((e) => [e.body.registration_ids.length, e.status]);
/** The IDs of every accepted PUT (refused ones changed nothing and are not in bulkUpdates). */
const accepted = () => h.state(emu).bulkUpdates.map((u) => u.ids);
const unknownId = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe.each([
	{ status: 400, message: 'registration_ids: size must be between 1 and 300 (got 1000).' },
	{ status: 413, message: 'Request Entity Too Large' },
])('Constant Contact takes at most 300 IDs per PUT and answers $status', ({ status, message }) => {
	test('the emulator refuses 301 IDs with the documented error array and changes nothing', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 400, maxRegistrationIds: 300, tooManyIdsStatus: status } } });
		const ids = fx().payableRegistrationIds.slice(0, 301);
		const put = (body) => request('PUT', `${emu.url}/constant-contact${putPath()}`, { headers: { authorization: `Bearer ${h.C.DEMO_ACCESS_TOKEN}` }, body });
		const r = await put({ registration_ids: ids, payment_status: 'Paid' });
		expect(r.status).toBe(status);
		expect(r.body).toEqual([{ error_key: status === 413 ? 'request.entity.too.large' : 'bad.request', error_message: message.replace('1000', '301') }]);
		expect(h.state(emu).bulkUpdates).toEqual([]);
		expect((await put({ registration_ids: ids.slice(0, 300), payment_status: 'Paid' })).status).toBe(200);
	});

	test('1,000 items: 1000 refused, 500 refused, then four PUTs of 250; each ID accepted once; all PAID', async () => {
		emu.reset({ size: { 'constant-contact': { registrations: 1200, maxRegistrationIds: 300, tooManyIdsStatus: status } } });
		const ids = fx().payableRegistrationIds.slice(0, 1000);
		const result = await h.run(emu, paid(), { input: h.itemsOf(ids) });
		expect(result.error).toBeUndefined();

		expect(h.lines(emu)).toEqual(Array(6).fill(`PUT ${putPath()}`));
		expect(sizes()).toEqual([[1000, status], [500, status], [250, 200], [250, 200], [250, 200], [250, 200]]);
		expect(h.puts(emu)[0].body).toEqual({ registration_ids: ids, payment_status: 'Paid' });
		expect(h.puts(emu)[1].body.registration_ids).toEqual(ids.slice(0, 500));
		expect(h.puts(emu)[2].body.registration_ids).toEqual(ids.slice(0, 250));
		// The last three went out together, in any order: each a quarter of the input, no ID twice.
		const quarters = accepted().sort((a, b) => ids.indexOf(a[0]) - ids.indexOf(b[0]));
		expect(quarters).toEqual([ids.slice(0, 250), ids.slice(250, 500), ids.slice(500, 750), ids.slice(750)]);

		h.expectMarkedPaid(emu, result.items, ids);
		const regs = h.registrationsById(emu);
		expect(ids.filter((id) => regs.get(id).payment_status !== 'PAID')).toEqual([]);
		expect(h.logged(emu).filter((e) => e.status === 429)).toEqual([]);
	});
});

test('a 207 inside a split chunk: its unknown IDs fail in their items, every other item is updated', async () => {
	emu.reset({ size: { 'constant-contact': { registrations: 700, maxRegistrationIds: 300 } } });
	const ids = fx().payableRegistrationIds.slice(0, 600);
	ids[450] = unknownId(1);
	ids[451] = unknownId(2);
	const result = await h.run(emu, paid(), { input: h.itemsOf(ids), continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(sizes()).toEqual([[600, 400], [300, 200], [300, 207]]);
	expect(h.puts(emu)[2].body.registration_ids).toEqual(ids.slice(300));
	expect(result.items).toHaveLength(600);
	result.items.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		if (i === 450 || i === 451) {
			expect(item.json).toMatchObject({
				error: `Constant Contact did not update the payment status of registration ${ids[i]} [item ${i}]`,
				httpCode: '207',
			});
		} else expect(item.json).toMatchObject({ outcome: 'updated', registrationIds: [ids[i]], updatedRegistrationIds: [ids[i]] });
	});
});

test('a 400 that is not about the size is not split: every item of the refused request gets the error', async () => {
	emu.reset({ size: { 'constant-contact': { registrations: 400 } } });
	const ids = fx().payableRegistrationIds.slice(0, 300);
	await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: '/payment_status', status: 400, body: [{ error_key: 'bad.request', error_message: 'registration_ids contains an invalid ID.' }] });
	const soft = await h.run(emu, paid(), { input: h.itemsOf(ids), continueOnFail: true });
	expect(sizes()).toEqual([[300, 400]]);
	expect(soft.items).toHaveLength(300);
	soft.items.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json).toMatchObject({ error: `Constant Contact error 400: registration_ids contains an invalid ID. [item ${i}]`, httpCode: '400' });
	});
	expect(h.state(emu).bulkUpdates).toEqual([]);

	emu.reset({ size: { 'constant-contact': { registrations: 400 } } });
	await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: '/payment_status', status: 400 });
	const hard = await h.run(emu, paid(), { input: h.itemsOf(ids) });
	expect(hard.error.message).toBe('Constant Contact error 400: The request is invalid. [item 0]');
	expect(sizes()).toEqual([[300, 400]]);
});

test('the user cap: Registrations per Request 200 sends 5 PUTs of 200; under it the size is still learnt', async () => {
	emu.reset({ size: { 'constant-contact': { registrations: 1200 } } });
	const ids = fx().payableRegistrationIds.slice(0, 1000);
	const capped = await h.run(emu, paid({ options: { chunkSize: 200 } }), { input: h.itemsOf(ids) });
	expect(capped.error).toBeUndefined();
	expect(sizes()).toEqual(Array(5).fill([200, 200]));
	expect(accepted().flat().sort()).toEqual([...ids].sort());
	h.expectMarkedPaid(emu, capped.items, ids);

	emu.reset({ size: { 'constant-contact': { registrations: 1200, maxRegistrationIds: 150 } } });
	const learnt = await h.run(emu, paid({ options: { chunkSize: 200 } }), { input: h.itemsOf(ids) });
	expect(learnt.error).toBeUndefined();
	expect(sizes()).toEqual([[200, 400], ...Array(10).fill([100, 200])]);
	expect(accepted().flat().sort()).toEqual([...ids].sort());
	h.expectMarkedPaid(emu, learnt.items, ids);
});

test('refused even at one ID: the error is reported for every item and nothing more is sent', async () => {
	emu.reset();
	const ids = fx().payableRegistrationIds.slice(0, 4);
	await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: '/payment_status', status: 413, times: -1 });
	const result = await h.run(emu, paid(), { input: h.itemsOf(ids), continueOnFail: true });
	expect(sizes()).toEqual([[4, 413], [2, 413], [1, 413]]);
	expect(result.items.map((i) => [i.json.httpCode, i.pairedItem.item])).toEqual([['413', 0], ['413', 1], ['413', 2], ['413', 3]]);
	expect(h.state(emu).bulkUpdates).toEqual([]);
});

test('no answer in time on a large cancel: not sent again in any size, every item reported with an unknown outcome', async () => {
	emu.reset({ size: { 'constant-contact': { registrations: 700 } } });
	const ids = fx().payableRegistrationIds.slice(0, 500);
	await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: '/registrations', delayMs: 2500 });
	const params = h.bulkUpdateParams(emu, { operation: 'updateStatus', registrationStatus: 'CANCELED', requestOptions: { timeoutSeconds: 1 } });
	const result = await h.run(emu, params, { input: h.itemsOf(ids), continueOnFail: true });
	await new Promise((r) => setTimeout(r, 2000)); // the delayed request reaches the handler after the node gave up
	expect(h.puts(emu, '/registrations').map((e) => e.body.registration_ids)).toEqual([ids]);
	expect(result.items).toHaveLength(500);
	result.items.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json.error).toMatch(new RegExp(`no answer within 1 s, outcome unknown.*\\[item ${i}\\]$`));
		expect(item.json.description).toMatch(/may or may not have been carried out/);
	});
});
