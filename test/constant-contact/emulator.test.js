'use strict';
// The Constant Contact emulator itself: OAuth2 server (authorization code, refresh, rotation,
// Basic client auth, 1 request/second), cursors, error shapes, limits. Plain HTTP, no n8n.
const { request } = require('../../emulators/client');
const h = require('./helpers');

const emu = h.emulatorPerFile();
beforeEach(() => emu.reset());

const C = h.C;
const api = (method, path, { token = C.DEMO_ACCESS_TOKEN, body } = {}) =>
	request(method, `${emu.url}/constant-contact/v3${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, body });
const basic = (id = C.DEMO_CLIENT_ID, secret = C.DEMO_CLIENT_SECRET) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const token = (form, auth = basic()) =>
	request('POST', `${emu.url}/constant-contact/oauth2/default/v1/token`, {
		headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

describe('OAuth2', () => {
	test('authorization code: redirect with code and state, single-use code, refresh token only with offline_access', async () => {
		const authorize = (scope) =>
			request(
				'GET',
				`${emu.url}/constant-contact/oauth2/default/v1/authorize?${new URLSearchParams({ client_id: C.DEMO_CLIENT_ID, redirect_uri: C.REDIRECT_URI, response_type: 'code', scope, state: 'xyz' })}`,
			);
		const r = await authorize('campaign_data offline_access');
		expect(r.status).toBe(302);
		const location = new URL(r.headers.location);
		expect(`${location.origin}${location.pathname}`).toBe(C.REDIRECT_URI);
		expect(location.searchParams.get('state')).toBe('xyz');
		const code = location.searchParams.get('code');
		const t = await token({ grant_type: 'authorization_code', code, redirect_uri: C.REDIRECT_URI });
		expect(t.status).toBe(200);
		expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: 'campaign_data offline_access' });
		expect(t.body.refresh_token).toMatch(/^cc_rt_/);
		expect((await api('GET', '/events?limit=1', { token: t.body.access_token })).status).toBe(200);

		await wait(1050);
		const again = await token({ grant_type: 'authorization_code', code, redirect_uri: C.REDIRECT_URI });
		expect(again.status).toBe(400);
		expect(again.body.error).toBe('invalid_grant');

		await wait(1050);
		const noOffline = new URL((await authorize('campaign_data')).headers.location).searchParams.get('code');
		const t2 = await token({ grant_type: 'authorization_code', code: noOffline, redirect_uri: C.REDIRECT_URI });
		expect(t2.status).toBe(200);
		expect(t2.body.refresh_token).toBeUndefined();
	});

	test('long-lived refresh tokens come back unchanged; rotating ones are replaced and the old one dies', async () => {
		const long = await token({ grant_type: 'refresh_token', refresh_token: C.DEMO_REFRESH_TOKEN });
		expect(long.body.refresh_token).toBe(C.DEMO_REFRESH_TOKEN);
		const rot = await token({ grant_type: 'refresh_token', refresh_token: C.ROTATING_REFRESH_TOKEN }, basic(C.ROTATING_CLIENT_ID, C.ROTATING_CLIENT_SECRET));
		expect(rot.body.refresh_token).not.toBe(C.ROTATING_REFRESH_TOKEN);
		await wait(1050);
		const reuse = await token({ grant_type: 'refresh_token', refresh_token: C.ROTATING_REFRESH_TOKEN }, basic(C.ROTATING_CLIENT_ID, C.ROTATING_CLIENT_SECRET));
		expect(reuse.status).toBe(400);
		expect(reuse.body).toEqual({ error: 'invalid_grant', error_description: 'unknown, invalid, or expired refresh token' });
	});

	test('the token endpoint allows 1 request per second per app; wrong secret is invalid_client', async () => {
		expect((await token({ grant_type: 'refresh_token', refresh_token: C.DEMO_REFRESH_TOKEN })).status).toBe(200);
		const fast = await token({ grant_type: 'refresh_token', refresh_token: C.DEMO_REFRESH_TOKEN });
		expect(fast.status).toBe(429);
		const bad = await token({ grant_type: 'refresh_token', refresh_token: C.DEMO_REFRESH_TOKEN }, basic(C.DEMO_CLIENT_ID, 'nope'));
		expect(bad.status).toBe(401);
		expect(bad.body.error).toBe('invalid_client');
	});
});

describe('API', () => {
	test('error shapes: array for 400/403/404, one object for 401 and 429', async () => {
		expect((await api('GET', '/events/nope')).body).toEqual([{ error_key: 'not.found', error_message: 'Event nope was not found.' }]);
		expect((await api('GET', '/events?limit=101')).body[0].error_key).toBe('bad.request');
		expect((await api('GET', '/events', { token: C.NO_SCOPE_ACCESS_TOKEN })).body[0].error_key).toBe('forbidden');
		expect((await api('GET', '/events', { token: 'nope' })).body).toEqual({ error_key: 'unauthorized', error_message: 'Unauthorized' });
		await wait(1050);
		const codes = [];
		for (let i = 0; i < 6; i++) codes.push((await api('GET', '/account/user/privileges')).status);
		expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
		const throttled = await api('GET', '/account/user/privileges');
		expect(throttled.body).toEqual({ error_key: 'throttled', error_message: 'Too Many Requests' });
		expect(throttled.headers['retry-after']).toBeUndefined();
	});

	test('daily quota: quota_exceeded once spent', async () => {
		h.state(emu).config.dailyQuota = 2;
		await api('GET', '/account/user/privileges');
		await api('GET', '/account/user/privileges');
		const r = await api('GET', '/account/user/privileges');
		expect(r.status).toBe(429);
		expect(r.body).toEqual({ error_key: 'quota_exceeded', error_message: 'Limit Exceeded' });
	});

	test('registrations: page_size and limit must agree, next and prev are exclusive, cursors carry the filters', async () => {
		const f = h.state(emu).fixtures;
		const base = `/events/${f.eventId}/tracks/${f.trackId}/registrations`;
		expect((await api('GET', `${base}?limit=5&page_size=6`)).status).toBe(400);
		expect((await api('GET', `${base}?next=a&prev=b`)).status).toBe(400);
		const first = await api('GET', `${base}?page_size=5&payment_status=PENDING`);
		expect(first.body.records).toHaveLength(5);
		await wait(1050);
		const second = await api('GET', `${base}?next=${first.body.next_cursor}`);
		expect(second.body.records.every((r) => r.payment_status === 'PENDING')).toBe(true);
		expect(second.body._links.next.href).toMatch(/^\/v3\/events\/.+\/registrations\?next=/);
		expect((await api('GET', `/events/${f.eventId}/tracks/zzzzzz/registrations`)).status).toBe(404);
	});

	test('payment status: 200 no body, or 207 listing unknown IDs; free ones skipped silently', async () => {
		const f = h.state(emu).fixtures;
		const path = `/events/${f.eventId}/tracks/${f.trackId}/registrations/payment_status`;
		const ok = await api('PUT', path, { body: { registration_ids: [f.payableRegistrationIds[0], f.freeRegistrationIds[0]], payment_status: 'Paid' } });
		expect(ok.status).toBe(200);
		expect(ok.text).toBe('');
		const partial = await api('PUT', path, { body: { registration_ids: [f.payableRegistrationIds[1], 'x'], payment_status: 'Paid' } });
		expect(partial.status).toBe(207);
		expect(partial.body).toEqual({ failed_registration_ids: ['x'] });
		const bad = await api('PUT', path, { body: { registration_ids: [], payment_status: 'Paid' } });
		expect(bad.status).toBe(400);
		expect(h.state(emu).bulkUpdates[0]).toMatchObject({ updated: [f.payableRegistrationIds[0]], skippedFree: [f.freeRegistrationIds[0]], failed: [] });
	});
});
