'use strict';
// OAuth2 token refresh (long-lived and rotating refresh tokens), 401/403, throttling (429
// throttled, with and without Retry-After), the daily quota (429 quota_exceeded), 5xx retries,
// the credential test and secrets — against the emulator's real token endpoint.
const { testCredential } = require('../harness');
const { request } = require('../../emulators/client');
const h = require('./helpers');

const emu = h.emulatorPerFile();

const fx = () => h.state(emu).fixtures;
const TOKEN_PATH = '/oauth2/default/v1/token';
const params = (over = {}) => h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid', ...over });
const apiEntries = () => h.logged(emu).filter((e) => e.providerPath.startsWith('/v3/'));
const tokenEntries = () => h.logged(emu).filter((e) => e.providerPath === TOKEN_PATH);
const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('OAuth2 token refresh', () => {
	test('expired token: one refresh for all concurrent requests, Basic client auth, long-lived refresh token kept', async () => {
		emu.reset();
		const ids = fx().payableRegistrationIds.slice(0, 32);
		const result = await h.run(emu, params({ options: { chunkSize: 4 } }), {
			input: h.itemsOf(ids),
			credential: { accessToken: h.C.EXPIRED_ACCESS_TOKEN },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.outcome)).toEqual(ids.map(() => 'updated'));

		const tokens = tokenEntries();
		expect(tokens).toHaveLength(1);
		expect(tokens[0].headers.authorization).toBe(basic(h.C.DEMO_CLIENT_ID, h.C.DEMO_CLIENT_SECRET));
		expect(tokens[0].headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
		expect(tokens[0].body).toEqual({ grant_type: 'refresh_token', refresh_token: h.C.DEMO_REFRESH_TOKEN });

		const stored = result.updatedCredentials.constantContactOAuth2Api.oauthTokenData;
		expect(stored.access_token).toMatch(/^cc_at_/);
		expect(stored.refresh_token).toBe(h.C.DEMO_REFRESH_TOKEN);
		expect(stored.expires_in).toBe(86400);

		// Requests sent with the old token got 401 (at most one per concurrent lane); every chunk then succeeded with the new one.
		const puts = h.puts(emu);
		const refused = puts.filter((e) => e.status === 401);
		expect(refused.length).toBeGreaterThanOrEqual(1);
		expect(refused.length).toBeLessThanOrEqual(4);
		expect(refused.every((e) => e.headers.authorization === `Bearer ${h.C.EXPIRED_ACCESS_TOKEN}`)).toBe(true);
		const ok = puts.filter((e) => e.status === 200);
		expect(ok).toHaveLength(8);
		expect(ok.every((e) => e.headers.authorization === `Bearer ${stored.access_token}`)).toBe(true);
		expect(puts.length).toBe(8 + refused.length);
		expect(Date.parse(tokens[0].at)).toBeLessThanOrEqual(Date.parse(ok[0].at));
		// The refresh does not break the rate limit.
		expect(h.maxPerSecond(apiEntries())).toBeLessThanOrEqual(4);
		expect(apiEntries().filter((e) => e.status === 429)).toEqual([]);
		h.expectNoSecrets(result, [stored.access_token]);
	});

	test('rotating refresh tokens: the new refresh token is stored; the old one then needs a reconnect', async () => {
		emu.reset();
		const [a] = fx().payableRegistrationIds;
		const rotating = {
			clientId: h.C.ROTATING_CLIENT_ID,
			clientSecret: h.C.ROTATING_CLIENT_SECRET,
			accessToken: h.C.ROTATING_EXPIRED_ACCESS_TOKEN,
			refreshToken: h.C.ROTATING_REFRESH_TOKEN,
		};
		const first = await h.run(emu, params(), { input: h.itemsOf([a]), credential: rotating });
		expect(first.error).toBeUndefined();
		const stored = first.updatedCredentials.constantContactOAuth2Api.oauthTokenData;
		expect(stored.refresh_token).toMatch(/^cc_rt_/);
		expect(stored.refresh_token).not.toBe(h.C.ROTATING_REFRESH_TOKEN);
		expect(tokenEntries()[0].headers.authorization).toBe(basic(h.C.ROTATING_CLIENT_ID, h.C.ROTATING_CLIENT_SECRET));

		// Same workflow run with the stale credential (as a second execution that missed the rotation would).
		await new Promise((r) => setTimeout(r, 1100)); // the token endpoint allows 1 request per second
		const stale = await h.run(emu, params(), { input: h.itemsOf([a]), credential: rotating });
		expect(stale.error).toBeDefined();
		expect(stale.error.message).toMatch(/needs to be reconnected/);
		expect(tokenEntries()[1].status).toBe(400);
		h.expectNoSecrets(stale, [stored.refresh_token, stored.access_token]);
		h.expectNoSecrets(first, [stored.refresh_token, stored.access_token]);

		// With the rotated refresh token it works again.
		await new Promise((r) => setTimeout(r, 1100));
		const fresh = await h.run(emu, params(), {
			input: h.itemsOf([a]),
			credential: { ...rotating, refreshToken: stored.refresh_token },
		});
		expect(fresh.error).toBeUndefined();
		expect(fresh.items[0].json.outcome).toBe('updated');
	});

	test('n8n without the refreshOAuth2Token helper (1.x): the request is resent so n8n refreshes and repeats it', async () => {
		emu.reset();
		const { runNode } = require('../harness');
		const { ConstantContact } = require(require('path').resolve(__dirname, '../..', h.NODE));
		class WithoutRefreshHelper extends ConstantContact {
			async execute() {
				this.helpers = { ...this.helpers, refreshOAuth2Token: undefined };
				return await super.execute.call(this);
			}
		}
		const [a] = fx().payableRegistrationIds;
		const result = await runNode({
			node: WithoutRefreshHelper,
			parameters: params(),
			credentials: { constantContactOAuth2Api: h.credentialData(emu, { accessToken: h.C.EXPIRED_ACCESS_TOKEN }) },
			credentialTypes: h.CREDENTIAL_TYPES,
			input: h.itemsOf([a]),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.outcome).toBe('updated');
		expect(h.logged(emu).map((e) => `${e.method} ${e.providerPath.replace(/^.*\//, '')} ${e.status}`)).toEqual([
			'PUT payment_status 401',
			'PUT payment_status 401',
			'POST token 200',
			'PUT payment_status 200',
		]);
		expect(result.updatedCredentials.constantContactOAuth2Api.oauthTokenData.access_token).toMatch(/^cc_at_/);
	});

	test('a token still refused after the refresh: 401 error with the API message, no loop', async () => {
		emu.reset();
		await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: 'payment_status', status: 401, times: -1 });
		const [a] = fx().payableRegistrationIds;
		const result = await h.run(emu, params(), { input: h.itemsOf([a]) });
		expect(result.error).toBeDefined();
		expect(result.error.message).toBe('Constant Contact error 401: Unauthorized [item 0]');
		expect(result.error.description).toMatch(/Reconnect the credential/);
		expect(h.lines(emu)).toEqual([
			`PUT /v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations/payment_status`,
			`POST ${TOKEN_PATH}`,
			`PUT /v3/events/${fx().eventId}/tracks/${fx().trackId}/registrations/payment_status`,
		]);
		h.expectNoSecrets(result);
	});

	test('403: the message is the API’s, the description lists the three possible causes', async () => {
		emu.reset();
		const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl(fx().eventId) }, {
			credential: { accessToken: h.C.NO_SCOPE_ACCESS_TOKEN },
		});
		expect(result.error.message).toBe(
			'Constant Contact error 403: This user or application does not have permission to perform this action. [item 0]',
		);
		expect(result.error.description).toMatch(/campaign_data scope/);
		expect(result.error.description).toMatch(/campaign:read \/ campaign:write privilege/);
		expect(result.error.description).toMatch(/deactivated/);
		expect(result.error.httpCode).toBe('403');
		h.expectNoSecrets(result, [h.C.NO_SCOPE_ACCESS_TOKEN]);
		expect(tokenEntries()).toEqual([]);
	});
});

describe('rate limits', () => {
	test('429 throttled (no Retry-After) is retried after a back-off', async () => {
		emu.reset();
		await emu.emulator.faults.add({
			provider: h.PROVIDER,
			method: 'PUT',
			path: 'payment_status',
			status: 429,
			body: { error_key: 'throttled', error_message: 'Too Many Requests' },
		});
		const [a] = fx().payableRegistrationIds;
		const result = await h.run(emu, params(), { input: h.itemsOf([a]) });
		expect(result.error).toBeUndefined();
		const puts = h.puts(emu);
		expect(puts.map((e) => e.status)).toEqual([429, 200]);
		expect(Date.parse(puts[1].at) - Date.parse(puts[0].at)).toBeGreaterThanOrEqual(240);
		expect(result.items[0].json.outcome).toBe('updated');
	});

	test('429 with Retry-After waits that long', async () => {
		emu.reset();
		await emu.emulator.faults.add({
			provider: h.PROVIDER,
			method: 'GET',
			path: '/v3/events',
			status: 429,
			retryAfter: 2,
			body: { error_key: 'throttled', error_message: 'Too Many Requests' },
		});
		const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl(fx().eventId) });
		expect(result.error).toBeUndefined();
		const gets = h.logged(emu);
		expect(gets.map((e) => e.status)).toEqual([429, 200]);
		expect(Date.parse(gets[1].at) - Date.parse(gets[0].at)).toBeGreaterThanOrEqual(1950);
	});

	test('a stricter server limit (2 per second): throttled requests are retried until all succeed', async () => {
		emu.reset();
		h.state(emu).config.perSecond = 2;
		const ids = fx().payableRegistrationIds.slice(0, 12);
		const result = await h.run(emu, params({ options: { chunkSize: 1 } }), { input: h.itemsOf(ids) });
		expect(result.error).toBeUndefined();
		expect(result.items.every((i) => i.json.outcome === 'updated')).toBe(true);
		const throttled = h.puts(emu).filter((e) => e.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
		expect(h.puts(emu).filter((e) => e.status === 200)).toHaveLength(12);
	});

	// Requests already waiting for a rate-limit slot when the quota runs out still go out (one each, not
	// retried): at most `concurrency` (4) requests meet the spent quota; the rest are never sent.
	const expectQuotaStop = (ids) => {
		const puts = h.puts(emu);
		expect(puts.filter((e) => e.status === 200)).toHaveLength(3);
		const refused = puts.filter((e) => e.status === 429);
		expect(refused.length).toBeGreaterThanOrEqual(1);
		expect(refused.length).toBeLessThanOrEqual(4);
		expect(h.state(emu).quota.get(h.C.DEMO_CLIENT_ID).used).toBe(3);
		const sent = puts.map((e) => e.body.registration_ids[0]);
		expect(new Set(sent).size).toBe(sent.length); // no ID was tried twice
		expect(sent.length).toBeLessThan(ids.length);
	};

	test('quota_exceeded fails at once, says the daily quota is spent and when it resets; the rest is not sent', async () => {
		emu.reset();
		h.state(emu).config.dailyQuota = 3;
		const ids = fx().payableRegistrationIds.slice(0, 12);
		const result = await h.run(emu, params({ options: { chunkSize: 1 } }), { input: h.itemsOf(ids) });
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(
			/^Constant Contact error 429: The daily request quota of this Constant Contact app is spent \(Limit Exceeded\)\. It resets at 00:00 UTC, in about .+ \(\d{4}-\d\d-\d\dT00:00:00\.000Z\)\.(?: \(run stopped; \d+ other items were already carried out \(registration .+\), \d+ not started\))? \[item \d+\]$/,
		);
		expect(result.error.description).toMatch(/10,000 requests per day/);
		expect(result.error.description).toMatch(/did not retry/);
		expect(result.error.httpCode).toBe('429');
		expectQuotaStop(ids);
		h.expectNoSecrets(result);
	});

	test('quota_exceeded with Continue On Fail: done items report success, every other item the quota error', async () => {
		emu.reset();
		h.state(emu).config.dailyQuota = 3;
		const ids = fx().payableRegistrationIds.slice(0, 12);
		const result = await h.run(emu, params({ options: { chunkSize: 1 } }), { input: h.itemsOf(ids), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(12);
		const outcomes = result.items.map((i) => (i.json.outcome === 'updated' ? 'ok' : i.json.httpCode));
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
		expect(outcomes.filter((o) => o === '429')).toHaveLength(9);
		for (const item of result.items.filter((i) => i.json.error)) {
			expect(item.json.error).toMatch(/daily request quota .* is spent .* \[item \d+\]$/);
			expect(item.json.error.endsWith(`[item ${item.pairedItem.item}]`)).toBe(true);
		}
		expectQuotaStop(ids);
	});

	test('an array-shaped 429 body is read too', async () => {
		emu.reset();
		await emu.emulator.faults.add({
			provider: h.PROVIDER,
			method: 'GET',
			status: 429,
			body: [{ error_key: 'quota_exceeded', error_message: 'Limit Exceeded' }],
		});
		const result = await h.run(emu, { resource: 'event', operation: 'get', eventId: h.rl(fx().eventId) });
		expect(result.error.message).toMatch(/daily request quota .* is spent/);
		expect(h.logged(emu)).toHaveLength(1);
	});
});

describe('server errors', () => {
	test('a 503 on payment status is retried (setting the same status twice is harmless)', async () => {
		emu.reset();
		await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: 'payment_status', status: 503 });
		const [a] = fx().payableRegistrationIds;
		const result = await h.run(emu, params(), { input: h.itemsOf([a]) });
		expect(result.error).toBeUndefined();
		expect(h.puts(emu).map((e) => e.status)).toEqual([503, 200]);
	});

	test('a 503 on cancel is not repeated blindly', async () => {
		emu.reset();
		await emu.emulator.faults.add({ provider: h.PROVIDER, method: 'PUT', path: '/registrations$/', status: 503 });
		const [a] = fx().payableRegistrationIds;
		const result = await h.run(
			emu,
			{ ...params(), operation: 'updateStatus', registrationStatus: 'CANCELED' },
			{ input: h.itemsOf([a]) },
		);
		expect(result.error.message).toBe('Constant Contact error 503: Our internal service is temporarily unavailable. [item 0]');
		expect(h.puts(emu, '/registrations')).toHaveLength(1);
	});
});

describe('credential', () => {
	test('the credential test calls GET /account/user/privileges (needs no extra scope)', async () => {
		emu.reset();
		const data = h.credentialData(emu, { accessToken: h.C.NO_SCOPE_ACCESS_TOKEN });
		const ok = await testCredential({ credentialTypes: h.CREDENTIAL_TYPES, type: 'constantContactOAuth2Api', data });
		expect(ok.status).toBe('OK');
		expect(h.lines(emu)).toEqual(['GET /v3/account/user/privileges']);
		expect(h.logged(emu)[0].headers.authorization).toBe(`Bearer ${h.C.NO_SCOPE_ACCESS_TOKEN}`);
	});

	test('defaults: Constant Contact URLs, scope and Basic client authentication', () => {
		const { loadCredentialTypes } = require('../harness');
		const [type] = loadCredentialTypes(h.CREDENTIAL_TYPES);
		const byName = Object.fromEntries(type.properties.map((p) => [p.name, p]));
		expect(type.extends).toEqual(['oAuth2Api']);
		expect(byName.grantType.default).toBe('authorizationCode');
		expect(byName.authUrl.default).toBe('https://authz.constantcontact.com/oauth2/default/v1/authorize');
		expect(byName.accessTokenUrl.default).toBe('https://authz.constantcontact.com/oauth2/default/v1/token');
		expect(byName.scope).toMatchObject({ type: 'hidden', default: 'campaign_data offline_access' });
		expect(byName.authentication.default).toBe('header');
		expect(byName.baseUrl.default).toBe('https://api.cc.email/v3');
	});

	test('the emulator refuses client credentials sent in the body (Constant Contact wants Basic)', async () => {
		emu.reset();
		const r = await request('POST', `${emu.url}/constant-contact${TOKEN_PATH}`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: `grant_type=refresh_token&refresh_token=${h.C.DEMO_REFRESH_TOKEN}&client_id=${h.C.DEMO_CLIENT_ID}&client_secret=${h.C.DEMO_CLIENT_SECRET}`,
		});
		expect(r.status).toBe(401);
		expect(r.body.error).toBe('invalid_client');
	});
});
