'use strict';
// Issue 14: the limiter is shared by every execution of one n8n process. Ten executions run at once in
// n8n's engine, each marking 100 registrations paid, and Constant Contact (4 requests per second per
// app) never gets more than 4 in any second, answers no 429, and every registration ends up paid.
const { EmulatorClient } = require('../../emulators/client');
const h = require('./helpers');

const emu = h.emulatorPerFile();

const EXECUTIONS = 10;
const PER_EXECUTION = 100;
// 25 per PUT: 4 PUTs per execution, 40 in all (10 s at 4 per second). One PUT of 100 each would be 10 PUTs.
const CHUNK = 25;

test('ten concurrent executions each marking 100 registrations paid: never more than 4 requests in a second, no 429, none fails', async () => {
	emu.reset({ size: { 'constant-contact': { registrations: 1400 } } });
	const ids = h.state(emu).fixtures.payableRegistrationIds.slice(0, EXECUTIONS * PER_EXECUTION);
	expect(ids).toHaveLength(EXECUTIONS * PER_EXECUTION);
	const batches = Array.from({ length: EXECUTIONS }, (_, k) => ids.slice(k * PER_EXECUTION, (k + 1) * PER_EXECUTION));
	const params = h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid', options: { chunkSize: CHUNK } });

	const results = await Promise.all(batches.map(async (batch) => await h.run(emu, params, { input: h.itemsOf(batch) })));

	results.forEach((result, k) => {
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.outcome, i.json.registrationIds])).toEqual(batches[k].map((id) => ['updated', [id]]));
	});
	const api = h.logged(emu).filter((e) => e.providerPath.startsWith('/v3/'));
	expect(api).toHaveLength((EXECUTIONS * PER_EXECUTION) / CHUNK);
	expect(api.map((e) => e.status)).toEqual(api.map(() => 200));
	expect(h.maxPerSecond(api)).toBeLessThanOrEqual(4);
	// The emulator's own count (sliding one-second window per app) says the same.
	const { providers } = await new EmulatorClient(emu.url).stats('constant-contact');
	const app = providers['constant-contact'].keys[h.C.DEMO_CLIENT_ID];
	expect(app.requests).toBe(api.length);
	expect(app.peakPerSecond).toBeLessThanOrEqual(4);
	expect(app.status429).toBe(0);
	const regs = h.registrationsById(emu);
	expect(ids.filter((id) => regs.get(id).payment_status !== 'PAID')).toEqual([]);
	// Every PUT carried one chunk of one execution: no ID was sent twice.
	const sent = api.flatMap((e) => e.body.registration_ids);
	expect(new Set(sent).size).toBe(ids.length);
}, 120000);
