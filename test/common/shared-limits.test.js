'use strict';
// Issue 14 and 15 in n8n's engine against the emulators: the share of a credential, the daily quota that
// stops every execution of the process, and the adaptive pace that ramps up while answers are fast and
// backs off on a 429 or rising latency. No HTTP is mocked.
const path = require('path');
const { EmulatorClient } = require('../../emulators/client');
const { nodeRunner } = require('../support/run');
const h = require('../constant-contact/helpers');
const { vivenuFixture, byId } = require('../vivenu/setup');

const dist = (file) => require(path.resolve(__dirname, '../../dist', file));
const { credentialScope, sharedLimiter } = dist('nodes/common/limits/throttle.js');
const { VIVENU_PACE } = dist('nodes/Vivenu/transport/index.js');

const runCC = nodeRunner(h.NODE, h.CREDENTIAL_TYPES);

describe('Constant Contact: share and daily quota, shared by the executions of the process', () => {
	const emu = h.emulatorPerFile();
	const fx = () => h.state(emu).fixtures;
	const params = (over = {}) => h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid', options: { chunkSize: 1 }, ...over });
	const run = async (ids, { rateLimitShare, continueOnFail = false } = {}) =>
		await runCC(params(), { constantContactOAuth2Api: { ...h.credentialData(emu), rateLimitShare } }, { input: h.itemsOf(ids), continueOnFail });
	const api = () => h.logged(emu).filter((e) => e.providerPath.startsWith('/v3/'));

	test('Rate Limit Share 50 %: two executions at once stay within 2 requests per second together', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 12);
		const results = await Promise.all([run(ids.slice(0, 6), { rateLimitShare: 50 }), run(ids.slice(6), { rateLimitShare: 50 })]);
		for (const result of results) expect(result.error).toBeUndefined();
		expect(api()).toHaveLength(12);
		expect(api().every((e) => e.status === 200)).toBe(true);
		expect(h.maxPerSecond(api())).toBeLessThanOrEqual(2);
	}, 60000);

	test.each([[0], [150], ['lots'], ['0x10'], ['1e1']])('Rate Limit Share %p is refused naming the credential field; nothing is sent', async (share) => {
		emu.reset();
		const result = await run(fx().payableRegistrationIds.slice(0, 1), { rateLimitShare: share });
		expect(result.error.message).toMatch(/"Rate Limit Share \(%\)" must be a number above 0 and at most 100/);
		expect(api()).toEqual([]);
	});

	test('a spent daily quota stops every execution at once, with the reset time, and later ones send nothing', async () => {
		emu.reset();
		h.state(emu).config.dailyQuota = 4;
		const ids = fx().payableRegistrationIds.slice(0, 18);
		const results = await Promise.all([0, 1, 2].map(async (k) => await run(ids.slice(k * 6, k * 6 + 6), { continueOnFail: true })));
		const outcomes = results.flatMap((r) => r.items.map((i) => (i.json.outcome === 'updated' ? 'ok' : i.json.httpCode)));
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(4);
		expect(outcomes.filter((o) => o === '429')).toHaveLength(14);
		// Only requests already on their way when the first quota answer came meet it (at most the 4 per second).
		const refused = api().filter((e) => e.status === 429);
		expect(refused.length).toBeGreaterThanOrEqual(1);
		expect(refused.length).toBeLessThanOrEqual(4);
		expect(api()).toHaveLength(4 + refused.length);

		const before = api().length;
		const later = await run(fx().payableRegistrationIds.slice(20, 22));
		expect(later.error.message).toMatch(/daily request quota of this Constant Contact app is spent .* \[item 0\]$/);
		expect(later.error.description).toMatch(/^Not sent: .* no request with it leaves this n8n process .* until \d{4}-\d\d-\d\dT00:00:00\.000Z\./);
		expect(later.error.httpCode).toBe('429');
		expect(api()).toHaveLength(before);
	}, 60000);
});

describe('vivenu: the adaptive pace, shared by executions', () => {
	const ctx = vivenuFixture();
	const pace = () => {
		const node = { credentials: { vivenuApi: { id: 'harness-vivenuApi' } } };
		const scope = credentialScope({ getNode: () => node }, 'vivenuApi', ctx.baseUrl());
		return sharedLimiter('vivenuApi', scope, VIVENU_PACE, 1).pace;
	};
	const gets = (ids) => [{ operation: 'get', transactionId: byId('={{ $json.id }}'), simplify: true }, { input: ids.map((id) => ({ json: { id } })) }];
	const stats = async () => (await new EmulatorClient(ctx.emulator.url).stats('vivenu')).providers.vivenu;

	// The window's growth and shrinking are proven in test/unit/pace.test.ts; here, on a busy machine, the
	// latency of the in-process engine may take it back to its start, never below.
	test('ramps the rate up past its start while no 429 comes', async () => {
		await ctx.reset({ transactions: 300 });
		const ids = ctx.state.transactions.map((t) => t._id);
		const result = await ctx.run(...gets(ids));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json._id)).toEqual(ids);
		expect(pace().rate()).toBeGreaterThan(VIVENU_PACE.adaptive.rate);
		expect(pace().inFlight()).toBeGreaterThanOrEqual(VIVENU_PACE.adaptive.inFlight);
		const s = await stats();
		expect(s.status429).toBe(0);
		expect(s.requests).toBe(ids.length);
	}, 60000);

	test('backs off at a 15/s limit: every item arrives, few 429s, and the pace stops doubling', async () => {
		await ctx.reset({ transactions: 150 });
		await ctx.client.rateLimit({ provider: 'vivenu', limit: 15, windowMs: 1000, mode: 'sliding', retryAfter: 'auto' });
		const ids = ctx.state.transactions.map((t) => t._id);
		// Two executions at once share the pace (and its back-off).
		const [a, b] = await Promise.all([ctx.run(...gets(ids.slice(0, 75))), ctx.run(...gets(ids.slice(75)))]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect([...a.items, ...b.items].map((i) => i.json._id)).toEqual(ids);
		const s = await stats();
		expect(s.accepted).toBe(150);
		// Every 429 was retried, nothing else was sent twice.
		expect(s.requests).toBe(150 + s.status429);
		expect(s.status429).toBeGreaterThan(0);
		// A 429 either slows the pace down or was already in flight at a slow-down (sent before it), and never
		// more than the window's maximum are in flight: a bound from the mechanism, whatever the machine's speed.
		const { throttled, latency } = pace().slowDowns;
		expect(throttled).toBeGreaterThan(0);
		expect(s.status429).toBeLessThanOrEqual((throttled + latency) * VIVENU_PACE.adaptive.maxInFlight);
		expect(pace().probing()).toBe(false);
	}, 90000);

	test('backs off when answers slow down (rising latency), without any 429', async () => {
		await ctx.reset({ transactions: 160 });
		const ids = ctx.state.transactions.map((t) => t._id);
		expect((await ctx.run(...gets(ids.slice(0, 120)))).error).toBeUndefined();
		const window = pace().inFlight();
		const before = pace().slowDowns.latency;
		// 1 s: far above twice any baseline a busy machine gives the fast answers before it.
		await ctx.client.fault({ provider: 'vivenu', delayMs: 1000, times: -1 });
		expect((await ctx.run(...gets(ids.slice(120)))).error).toBeUndefined();
		expect(pace().slowDowns.latency).toBeGreaterThan(before);
		expect(pace().slowDowns.throttled).toBe(0);
		expect(pace().inFlight()).toBeLessThanOrEqual(window);
		expect(pace().probing()).toBe(false);
		expect((await stats()).status429).toBe(0);
	}, 60000);
});
