'use strict';
// The RCP emulator module on its own (raw HTTP): URL forms, WordPress auth and errors, RCP core behaviour.
const { request } = require('../../emulators/client');
const rcpModule = require('../../emulators/providers/restrict-content-pro');
const { providerFixture } = require('../support/emulator');
const { ADMIN, BOOKKEEPER, PROVIDER } = require('./setup');

const ctx = providerFixture(PROVIDER, { providers: [rcpModule] });

const basic = (u, p) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const call = (method, path, { user = ADMIN, auth, body, headers = {} } = {}) =>
	request(method, `${ctx.emulator.url}/rcp${path}`, {
		headers: { ...(auth !== undefined ? (auth ? { authorization: auth } : {}) : { authorization: basic(user.username, user.password) }), ...headers },
		body,
	});

test('both URL forms reach the same route; trailing slashes do not matter', async () => {
	const pretty = await call('GET', '/wp-json/rcp/v1/payments/?number=3&offset=1');
	const query = await call('GET', '/?rest_route=/rcp/v1/payments&number=3&offset=1');
	const indexPhp = await call('GET', '/index.php?rest_route=%2Frcp%2Fv1%2Fpayments%2F&number=3&offset=1');
	expect(pretty.status).toBe(200);
	expect(pretty.body.map((p) => p.id)).toEqual(['59', '58', '57']);
	expect(query.body).toEqual(pretty.body);
	expect(indexPhp.body).toEqual(pretty.body);
});

test('values are strings in table column order; defaults number=20, order=DESC; orderby falls back to id', async () => {
	const r = await call('GET', '/wp-json/rcp/v1/payments');
	expect(r.body).toHaveLength(20);
	expect(Object.keys(r.body[0])).toEqual(rcpModule.constants.PAYMENT_COLUMNS);
	expect(Object.values(r.body[0]).every((v) => typeof v === 'string')).toBe(true);
	const byDate = await call('GET', '/wp-json/rcp/v1/payments?orderby=date&order=asc&number=3');
	expect(byDate.body.map((p) => p.id)).toEqual(['1', '2', '3']);
});

test('application password: spaces optional, e-mail login works; wrong ones are WordPress 401s', async () => {
	expect((await call('GET', '/wp-json/rcp/v1/payments/1', { user: { username: 'admin', password: ADMIN.password.replace(/ /g, '') } })).status).toBe(200);
	expect((await call('GET', '/wp-json/rcp/v1/payments/1', { user: { username: 'admin@membership.example.com', password: ADMIN.password } })).status).toBe(200);
	expect((await call('GET', '/wp-json/rcp/v1/payments/1', { user: { username: 'admin', password: 'nope' } })).body).toEqual({
		code: 'incorrect_password',
		message: 'The provided password is an invalid application password.',
		data: { status: 401 },
	});
	expect((await call('GET', '/wp-json/nothing/here', { user: { username: 'ghost', password: 'x' } })).body.code).toBe('invalid_username');
	expect((await call('GET', '/wp-json/rcp/v1/payments/1', { user: { username: 'ghost@x.example', password: 'x' } })).body.code).toBe('invalid_email');
	const anon = await call('GET', '/wp-json/rcp/v1/payments', { auth: '' });
	expect([anon.status, anon.body.code]).toEqual([401, 'rest_forbidden']);
	const bearer = await call('GET', '/wp-json/rcp/v1/payments', { auth: 'Bearer abc' });
	expect(bearer.status).toBe(401);
});

test('capabilities: 403 for a logged-in user without them; the bookkeeper reads but does not write', async () => {
	expect((await call('GET', '/wp-json/rcp/v1/payments', { user: BOOKKEEPER })).status).toBe(200);
	const w = await call('POST', '/wp-json/rcp/v1/payments/new', { user: BOOKKEEPER, body: { user_id: 1, amount: 1, subscription: 'Gold' } });
	expect([w.status, w.body.code]).toEqual([403, 'rest_forbidden']);
	expect((await call('GET', '/wp-json/rcp/v1/levels', { user: BOOKKEEPER })).status).toBe(403);
});

test('site variants: plain permalinks, add-on missing, Authorization stripped; unknown routes', async () => {
	const plain = await call('GET', '/plain/wp-json/rcp/v1/payments');
	expect(plain.status).toBe(404);
	expect(plain.headers['content-type']).toMatch(/text\/html/);
	expect((await call('GET', '/plain/?rest_route=/rcp/v1/payments')).status).toBe(200);
	const noAddon = await call('GET', '/no-addon/wp-json/rcp/v1/payments');
	expect([noAddon.status, noAddon.body.code]).toEqual([404, 'rest_no_route']);
	expect((await call('GET', '/no-addon/wp-json/')).body.namespaces).toEqual(['oembed/1.0', 'wp/v2']);
	const stripped = await call('GET', '/strip-auth/wp-json/rcp/v1/payments');
	expect([stripped.status, stripped.body.code]).toEqual([401, 'rest_forbidden']);
	expect((await call('GET', '/strip-auth/wp-json/wp/v2/users/me')).body.code).toBe('rest_not_logged_in');
	expect((await call('GET', '/wp-json/wp/v2/users/me')).body).toMatchObject({ id: 1, slug: 'admin' });
	expect((await call('PUT', '/wp-json/rcp/v1/payments')).body.code).toBe('rest_no_route');
	expect((await call('GET', '/wp-json/rcp/v1/payments/abc')).body.code).toBe('rest_no_route');
	expect((await call('GET', '/')).headers['content-type']).toMatch(/text\/html/);
});

test('create: required parameters, types, duplicate transaction ID answers false, form bodies accepted', async () => {
	const missingAll = await call('POST', '/wp-json/rcp/v1/payments/new', { body: {} });
	expect(missingAll.body).toEqual({ code: 'rest_missing_callback_param', message: 'Missing parameter(s): user_id, amount, subscription', data: { status: 400, params: ['user_id', 'amount', 'subscription'] } });
	const invalid = await call('POST', '/wp-json/rcp/v1/payments/new', { body: { user_id: 'x', amount: 'y', subscription: 'Gold', status: 'paid', date: '31.10.2026' } });
	expect(invalid.body.code).toBe('rest_invalid_param');
	expect(Object.keys(invalid.body.data.params)).toEqual(['user_id', 'amount', 'status', 'date']);
	const bad = await call('POST', '/wp-json/rcp/v1/payments/new', { body: '{"user_id":', headers: { 'content-type': 'application/json' } });
	expect(bad.body.code).toBe('rest_invalid_json');

	const created = await call('POST', '/?rest_route=/rcp/v1/payments/new', {
		body: 'user_id=11&amount=7.5&subscription=Bronze&transaction_id=tx-9',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
	expect(created.body).toBe(61);
	const row = (await call('GET', '/wp-json/rcp/v1/payments/61')).body;
	expect(row).toMatchObject({ id: '61', user_id: '11', amount: '7.5', subscription: 'Bronze', object_id: '1', customer_id: '2', status: 'complete', transaction_id: 'tx-9', subtotal: '0' });
	const dup = await call('POST', '/wp-json/rcp/v1/payments/new', { body: { user_id: 12, amount: 1, subscription: 'Gold', transaction_id: 'tx-9' } });
	expect([dup.status, dup.text]).toEqual([200, 'false']);
	expect((await ctx.client.state(PROVIDER)).payments).toHaveLength(61);
});

test('update answers rows changed; delete answers true even for an unknown ID; id from query or body', async () => {
	expect((await call('POST', '/wp-json/rcp/v1/payments/update/5', { body: { status: 'refunded' } })).body).toBe(1);
	expect((await call('POST', '/wp-json/rcp/v1/payments/update/5', { body: { status: 'refunded' } })).body).toBe(0);
	expect((await call('POST', '/wp-json/rcp/v1/payments/update/5', { body: {} })).body).toBe(false);
	expect((await call('POST', '/wp-json/rcp/v1/payments/update/999', { body: { status: 'failed' } })).body.code).toBe('rcp_invalid_payment');
	expect((await call('DELETE', '/wp-json/rcp/v1/payments/delete', { body: { id: 5 } })).body).toBe(true);
	expect((await call('DELETE', '/wp-json/rcp/v1/payments/delete?id=6')).body).toBe(true);
	expect((await call('DELETE', '/wp-json/rcp/v1/payments/delete?id=999')).body).toBe(true);
	expect((await call('DELETE', '/wp-json/rcp/v1/payments/delete')).body.code).toBe('rest_missing_callback_param');
	const ids = (await ctx.client.state(PROVIDER)).payments.map((p) => p.id);
	expect(ids).not.toContain('5');
	expect(ids).not.toContain('6');
	expect(ids).toHaveLength(58);
});

test('seeded data is deterministic per seed and sized on request', async () => {
	const a = (await ctx.client.state(PROVIDER)).payments;
	await ctx.client.reset({});
	expect((await ctx.client.state(PROVIDER)).payments).toEqual(a);
	await ctx.client.reset({ seed: 2, size: { [PROVIDER]: { payments: 30 } } });
	const b = (await ctx.client.state(PROVIDER)).payments;
	expect(b).toHaveLength(30);
	expect(b.map((p) => p.subscription_key)).not.toEqual(a.slice(0, 30).map((p) => p.subscription_key));
	const fixtureDay = b.filter((p) => p.date.startsWith('2026-10-31') && p.status === 'complete');
	expect(fixtureDay).toHaveLength(4);
});
