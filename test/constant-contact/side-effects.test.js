'use strict';
// Issue 11: a bulk write that stops on an error names the registrations already changed, and conflicting
// changes of one registration in one run are refused instead of racing.
const h = require('./helpers');

const emu = h.emulatorPerFile();
const fx = () => h.state(emu).fixtures;
const one = { concurrency: 1 };

describe.each([
	// A 500 to a write may come after the change was made (issue 21): its other item's outcome is unknown, not failed.
	{ operation: 'updateStatus', fields: { registrationStatus: 'CANCELED' }, suffix: '/registrations', status: 500, outcome: { outcomeUnknown: [3], failed: [] } },
	{ operation: 'updatePaymentStatus', fields: { paymentStatus: 'Paid' }, suffix: '/payment_status', status: 400, outcome: { outcomeUnknown: [], failed: [3] } },
])('Constant Contact $operation: a stopped run names the registrations already changed', ({ operation, fields, suffix, status, outcome }) => {
	test('the second of three requests fails: items 0–1 are named with their IDs, 2–3 failed, 4–5 never sent', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 6);
		await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: suffix, delayMs: 1 });
		await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: suffix, status });
		const params = h.bulkUpdateParams(emu, { operation, ...fields, options: { chunkSize: 2 }, requestOptions: one });
		const result = await h.run(emu, params, { input: h.itemsOf(ids) });
		expect(result.items).toHaveLength(0);
		expect(result.error.context.itemIndex).toBe(2);
		expect(result.error.context.sideEffects).toEqual({
			changed: [
				{ itemIndex: 0, ids: [ids[0]] },
				{ itemIndex: 1, ids: [ids[1]] },
			],
			...outcome,
			notStarted: [4, 5],
		});
		expect(result.error.message).toContain(`2 other items were already carried out (registration ${ids[0]}, ${ids[1]})`);
		expect(h.puts(emu, suffix).map((e) => e.body.registration_ids)).toEqual([ids.slice(0, 2), ids.slice(2, 4)]);
		h.expectNoSecrets(result);
	});
});

describe('Constant Contact: one registration, two different changes in one run', () => {
	test('the later item is refused naming both items and nothing is sent for it; the earlier one goes through', async () => {
		emu.reset();
		const [a, b] = fx().payableRegistrationIds;
		const input = [
			{ json: { id: a, status: 'CANCELED' } },
			{ json: { id: b, status: 'CANCELED' } },
			{ json: { id: `${a.toUpperCase()}`, status: 'REGISTERED' } },
		];
		const params = h.bulkUpdateParams(emu, { operation: 'updateStatus', registrationStatus: '={{ $json.status }}' });
		const soft = await h.run(emu, params, { input, continueOnFail: true });
		expect(soft.items.map((i) => i.json.error ?? i.json.outcome)).toEqual([
			'updated',
			'updated',
			`Registration IDs: registration ${a.toUpperCase()} is also changed by item 0 with a different registration status or options in this run [item 2]`,
		]);
		expect(h.puts(emu, '/registrations').map((e) => [e.body.registration_ids, e.body.registration_status])).toEqual([[[a, b], 'CANCELED']]);
		expect(h.registrationsById(emu).get(a).registration_status).toBe('CANCELED');

		emu.reset();
		const hard = await h.run(emu, params, { input });
		expect(hard.error.message).toMatch(/is also changed by item 0 .* \[item 2\]$/);
		expect(h.puts(emu, '/registrations')).toHaveLength(0);
	});

	test('the same change twice is not a conflict', async () => {
		emu.reset();
		const [a] = fx().payableRegistrationIds;
		const params = h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid' });
		const result = await h.run(emu, params, { input: h.itemsOf([a, a]) });
		expect(result.error).toBeUndefined();
		expect(h.puts(emu)).toHaveLength(1);
	});
});

test('a 200 HTML page on a bulk PUT is not taken for updated registrations', async () => {
	emu.reset();
	const [a, b] = fx().payableRegistrationIds;
	await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: '/payment_status', status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Maintenance</html>' });
	const result = await h.run(emu, h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid' }), { input: h.itemsOf([a, b]), continueOnFail: true });
	expect(result.items.map((i) => i.json.updated ?? i.json.error)).toEqual([0, 1].map((n) => expect.stringMatching(new RegExp(`with an HTML page instead of JSON \\(HTTP 200\\).*\\[item ${n}\\]$`))));
	// The page came from in front of the API: nothing was changed, and nothing was reported as changed.
	expect(h.state(emu).bulkUpdates).toHaveLength(0);
});
