'use strict';
// Per-key request accounting (issue 14): GET /_emulator/stats counts requests per provider and key,
// the peak within any one second and the 429s; DELETE /_emulator/stats and a reset clear it.
const { startEmulator } = require('../../emulators');
const { EmulatorClient, request } = require('../../emulators/client');
const { RequestStats } = require('../../emulators/core/stats');
const vivenu = require('../../emulators/providers/vivenu');
const constantContact = require('../../emulators/providers/constant-contact');

const VIVENU_KEY = 'key_emulator_vivenu_demo';
const VIVENU_SECOND = 'key_emulator_vivenu_second';
const CC_TOKEN = 'cc_emulator_access_token';

let emu;
let client;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, providers: [vivenu, constantContact] });
	client = new EmulatorClient(emu.url);
});
afterAll(() => emu.close());
beforeEach(() => client.reset());

const viv = (key) => request('GET', `${emu.url}/vivenu/api/transactions?top=1`, { headers: { authorization: `Bearer ${key}` } });

test('counts requests, accepted answers, 429s and the one-second peak per key', async () => {
	await client.rateLimit({ provider: 'vivenu', limit: 3, windowMs: 60000 });
	const answers = await Promise.all([1, 2, 3, 4, 5].map(() => viv(VIVENU_KEY)));
	expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
	await Promise.all([viv(VIVENU_SECOND), viv(VIVENU_SECOND)]);
	await request('GET', `${emu.url}/vivenu/api/transactions`); // no key at all

	const stats = await client.stats('vivenu');
	expect(Object.keys(stats.providers)).toEqual(['vivenu']);
	const v = stats.providers.vivenu;
	expect(v.keys[VIVENU_KEY]).toEqual(expect.objectContaining({
		requests: 5, accepted: 3, status429: 2, dropped: 0, peakPerSecond: 5, peakAcceptedPerSecond: 3, statuses: { 200: 3, 429: 2 },
	}));
	expect(v.keys[VIVENU_SECOND]).toEqual(expect.objectContaining({ requests: 2, accepted: 2, status429: 0, peakPerSecond: 2 }));
	expect(v.keys.anonymous).toEqual(expect.objectContaining({ requests: 1, accepted: 1, statuses: { 401: 1 } }));
	expect(v).toEqual(expect.objectContaining({ requests: 8, accepted: 6, status429: 2 }));
	expect(v.peakPerSecond).toBeGreaterThanOrEqual(5);
	expect(stats.windowMs).toBe(1000);

	await client.clearStats();
	expect((await client.stats()).providers).toEqual({});
});

test("Constant Contact's own 4/s limit is counted per app, and its 429s match the request log", async () => {
	const cc = () => request('GET', `${emu.url}/constant-contact/v3/events?limit=1`, { headers: { authorization: `Bearer ${CC_TOKEN}` } });
	const answers = await Promise.all(Array.from({ length: 8 }, cc));
	const statuses = answers.map((r) => r.status);
	const log = await client.requests('constant-contact');
	const s = (await client.stats('constant-contact')).providers['constant-contact'].keys.cc_emulator_client;
	expect(s.requests).toBe(8);
	expect(s.status429).toBe(statuses.filter((x) => x === 429).length);
	expect(s.status429).toBe(log.filter((e) => e.status === 429).length);
	expect(s.accepted).toBe(8 - s.status429);
	expect(s.peakAcceptedPerSecond).toBeLessThanOrEqual(4);
	expect(s.peakAcceptedPerSecond).toBeGreaterThanOrEqual(1);
});

test('faults and drops are counted; a reset clears the stats', async () => {
	await client.fault({ provider: 'vivenu', status: 429, times: 1 });
	await client.fault({ provider: 'vivenu', drop: true, times: 1 });
	expect((await viv(VIVENU_KEY)).status).toBe(429);
	await expect(viv(VIVENU_KEY)).rejects.toThrow();
	expect((await viv(VIVENU_KEY)).status).toBe(200);
	const k = (await client.stats()).providers.vivenu.keys[VIVENU_KEY];
	expect(k).toEqual(expect.objectContaining({ requests: 3, accepted: 1, status429: 1, dropped: 1 }));
	await client.reset();
	expect((await client.stats()).providers).toEqual({});
	expect((await request('GET', `${emu.url}/_emulator/stats?provider=nope`)).status).toBe(404);
});

test('the peak is the most requests within any 1,000 ms window (sliding, not calendar seconds)', () => {
	const s = new RequestStats();
	for (const t of [10000, 10100, 10999, 11000, 11500, 12600, 12601]) {
		s.arrived('p', 'k', t);
		s.answered('p', 'k', 200, t);
	}
	const k = s.snapshot().providers.p.keys.k;
	// (10000, 11000] holds 10100, 10999, 11000 and [10000, 10999] holds three as well; never four
	expect(k.peakPerSecond).toBe(3);
	expect(k.peakAcceptedPerSecond).toBe(3);
	s.arrived('p', 'k', 12602);
	s.arrived('p', 'k', 12603);
	expect(s.snapshot().providers.p.keys.k.peakPerSecond).toBe(4);
	expect(s.snapshot('other').providers).toEqual({});
});
