'use strict';
const { rcpFixture, rl, byId, PROVIDER, BOOKKEEPER } = require('./setup');

const ctx = rcpFixture();

const sent = (requests) => requests.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`);
const byIdDesc = (a, b) => Number(b.id) - Number(a.id);
const MYSQL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('Get Many', () => {
	test('Limit: one request for the largest page, the newest payments as WordPress returns them (strings)', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 3 });
		expect(result.error).toBeUndefined();
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/wp-json/rcp/v1/payments?number=100&offset=0']);
		const expected = ctx.state.payments.slice().sort(byIdDesc).slice(0, 3);
		expect(result.items).toEqual(expected.map((p) => ({ json: p, pairedItem: { item: 0 } })));
		// the backdated payment recorded last comes first; values are strings, as WordPress sends them
		expect(result.items[0].json).toMatchObject({ id: '60', amount: '109.00', date: '2026-10-31 14:00:00', user_id: '14', status: 'complete' });
	});

	test('Return All pages with number/offset until a short page', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: true, options: { pageSize: 25 } });
		expect(sent(await ctx.requests())).toEqual([
			'GET /rcp/wp-json/rcp/v1/payments?number=25&offset=0',
			'GET /rcp/wp-json/rcp/v1/payments?number=25&offset=25',
			'GET /rcp/wp-json/rcp/v1/payments?number=25&offset=50',
		]);
		expect(result.items.map((i) => i.json.id)).toEqual(Array.from({ length: 60 }, (_, k) => String(60 - k)));
		expect(result.items.every((i) => i.pairedItem.item === 0)).toBe(true);
	});

	test('Return All when the count is a multiple of the page size: one more (empty) page ends the list', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: true, options: { pageSize: 20 } });
		expect(sent(await ctx.requests()).map((s) => s.replace(/^.*\?/, ''))).toEqual([
			'number=20&offset=0',
			'number=20&offset=20',
			'number=20&offset=40',
			'number=20&offset=60',
		]);
		expect(result.items).toHaveLength(60);
	});

	test('filters go to RCP as user_id, subscription (the level NAME) and status', async () => {
		const userId = ctx.fixtures.pendingMemberUserId;
		const result = await ctx.run({
			operation: 'getAll',
			returnAll: true,
			filters: { userId, level: rl('name', 'Silver'), status: 'pending' },
		});
		expect(result.error).toBeUndefined();
		expect(sent(await ctx.requests())).toEqual([
			`GET /rcp/wp-json/rcp/v1/payments?user_id=${userId}&subscription=Silver&status=pending&number=100&offset=0`,
		]);
		const expected = ctx.state.payments
			.filter((p) => p.user_id === userId && p.subscription === 'Silver' && p.status === 'pending')
			.sort(byIdDesc);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((i) => i.json)).toEqual(expected);
	});

	test('a level picked from the list is looked up once and filtered by its name', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: true, filters: { level: rl('list', '3') } });
		expect(sent(await ctx.requests())).toEqual([
			'GET /rcp/wp-json/rcp/v1/levels/3',
			'GET /rcp/wp-json/rcp/v1/payments?subscription=Gold&number=100&offset=0',
		]);
		expect(result.items.length).toBe(ctx.state.payments.filter((p) => p.subscription === 'Gold').length);
		expect(result.items.every((i) => i.json.subscription === 'Gold')).toBe(true);
	});

	test('Order By and Order are sent as orderby/order (core orders by id whatever orderby says)', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 5, options: { orderBy: 'date', order: 'ASC' } });
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/wp-json/rcp/v1/payments?orderby=date&order=ASC&number=100&offset=0']);
		expect(result.items.map((i) => i.json.id)).toEqual(['1', '2', '3', '4', '5']);
	});

	test('Date From / Date To keep exactly one day of completed payments, whatever their IDs', async () => {
		const result = await ctx.run({
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'complete', dateFrom: '2026-10-31T00:00:00', dateTo: '2026-11-01T00:00:00.000+01:00' },
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/wp-json/rcp/v1/payments?status=complete&number=100&offset=0']);
		const ids = ctx.fixtures.paymentIds;
		expect(result.items.map((i) => i.json.id)).toEqual([ids.backdated, ids.completeManual, ids.completePaypal, ids.completeStripe]);
		expect(result.items[1].json).toEqual({
			id: ids.completeManual,
			user_id: '13',
			subscription: 'Bronze',
			amount: '5.00',
			status: 'complete',
			date: '2026-10-31 23:59:59',
			gateway: 'manual',
			payment_type: 'manual',
			transaction_id: '',
		});
	});

	test('with a date filter the Limit counts matching payments and paging stops once it is reached', async () => {
		const result = await ctx.run({
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { dateFrom: '2026-10-31', dateTo: '2026-11-01' },
			options: { pageSize: 5 },
		});
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/wp-json/rcp/v1/payments?number=5&offset=0']);
		expect(result.items.map((i) => i.json.id)).toEqual([ctx.fixtures.paymentIds.backdated, ctx.fixtures.paymentIds.completeManual]);
	});

	test('a date filter that matches nothing on the first page keeps paging until it finds enough', async () => {
		const result = await ctx.run({
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { dateFrom: '2026-09-15 10:00:00', dateTo: '2026-09-15 10:00:01' },
			options: { pageSize: 25 },
		});
		// the only match (ID 13) is on the second page of 25 (IDs 35..11), so a third page is not needed
		expect(sent(await ctx.requests()).map((s) => s.replace(/^.*\?/, ''))).toEqual(['number=25&offset=0', 'number=25&offset=25']);
		expect(result.items.map((i) => i.json)).toEqual([{ ...ctx.state.payments.find((p) => p.id === ctx.fixtures.paymentIds.legacyEmptyStatus) }]);
		// the list route reports the stored empty status as is (only the single-payment route maps it to "complete")
		expect(result.items[0].json.status).toBe('');
	});

	test('Date To before Date From is an input error naming the field, before any request', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: true, filters: { dateFrom: '2026-10-31', dateTo: '2026-10-30' } });
		expect(result.error.message).toBe('Filters → Date To: must be after Date From (2026-10-31 00:00:00) [item 0]');
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('Output Typed Values: numbers and ISO dates', async () => {
		const result = await ctx.run({ operation: 'getAll', returnAll: false, limit: 1, options: { typedValues: true } });
		expect(result.items[0].json).toMatchObject({
			id: 60,
			customer_id: 5,
			object_id: 3,
			user_id: 14,
			amount: 109,
			subtotal: 99,
			fees: 10,
			credits: 0,
			discount_amount: 0,
			date: '2026-10-31T14:00:00',
			subscription_key: expect.any(String),
			transaction_id: '',
		});
	});

	test('plain permalinks: the route goes in ?rest_route= and the other parameters follow with &', async () => {
		const result = await ctx.run(
			{ operation: 'getAll', returnAll: true, filters: { status: 'failed' }, options: { pageSize: 1000 } },
			{ credentials: { urlStyle: 'restRoute', variant: 'plain' } },
		);
		expect(result.error).toBeUndefined();
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/plain/?rest_route=/rcp/v1/payments&status=failed&number=1000&offset=0']);
		expect(result.items.map((i) => i.json.id)).toEqual(ctx.state.payments.filter((p) => p.status === 'failed').sort(byIdDesc).map((p) => p.id));
	});

	test('Site URL ending in index.php and a custom REST prefix are respected', async () => {
		await ctx.run({ operation: 'get', paymentId: byId('7') }, { credentials: { urlStyle: 'restRoute', url: `${ctx.site()}/index.php/` } });
		const custom = await ctx.run({ operation: 'get', paymentId: byId('7') }, { credentials: { restPrefix: '/api/' } });
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/index.php?rest_route=/rcp/v1/payments/7', 'GET /rcp/api/rcp/v1/payments/7']);
		// the emulated site keeps the default prefix, so the custom one reaches no route
		expect(custom.error.message).toMatch(/^Restrict Content Pro error 404: HTML page instead of a REST API answer/);
	});
});

describe('Get', () => {
	test('gets one payment by ID; an empty stored status reads as "complete"', async () => {
		const id = ctx.fixtures.paymentIds.legacyEmptyStatus;
		const result = await ctx.run({ operation: 'get', paymentId: byId(id) });
		expect(sent(await ctx.requests())).toEqual([`GET /rcp/wp-json/rcp/v1/payments/${id}`]);
		expect(result.items).toEqual([{ json: { ...ctx.state.payments.find((p) => p.id === id), status: 'complete' }, pairedItem: { item: 0 } }]);
	});

	test('per item, from an expression, in input order, with Simplify and typed values', async () => {
		const ids = ctx.fixtures.paymentIds;
		const result = await ctx.run(
			{ operation: 'get', paymentId: rl('id', '={{ $json.pid }}'), simplify: true, options: { typedValues: true } },
			{ input: [{ json: { pid: ids.completeStripe } }, { json: { pid: Number(ids.completePaypal) } }, { json: { pid: ` ${ids.refundedGold} ` } }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.id, i.json.status, i.pairedItem.item])).toEqual([
			[Number(ids.completeStripe), 'complete', 0],
			[Number(ids.completePaypal), 'complete', 1],
			[Number(ids.refundedGold), 'refunded', 2],
		]);
		expect(result.items[0].json).toEqual({
			id: Number(ids.completeStripe),
			user_id: 10,
			subscription: 'Silver',
			amount: 10,
			status: 'complete',
			date: '2026-10-31T08:15:00',
			gateway: 'stripe',
			payment_type: 'Credit Card',
			transaction_id: ctx.fixtures.transactionIds.completeStripe,
		});
	});

	test('a static ID that is not a whole number is caught by the parameter\'s own validation', async () => {
		const result = await ctx.run({ operation: 'get', paymentId: byId('12a') });
		expect(result.error.message).toMatch(/A payment ID is a whole number/);
		expect(await ctx.requests()).toHaveLength(0);
	});

	test.each([
		['', 'Payment: is empty [item 0]'],
		['   ', 'Payment: is empty [item 0]'],
		['../5', 'Payment: "../5" is not a valid ID (it contains spaces, slashes or URL characters) [item 0]'],
		['5?x=1', 'Payment: "5?x=1" is not a valid ID (it contains spaces, slashes or URL characters) [item 0]'],
		['abc', 'Payment: "abc" is not a positive whole number [item 0]'],
		['0', 'Payment: "0" is not a positive whole number [item 0]'],
	])('bad Payment ID %j from the input is refused before any request', async (value, message) => {
		const result = await ctx.run({ operation: 'get', paymentId: byId('={{ $json.pid }}') }, { input: [{ json: { pid: value } }] });
		expect(result.error.message).toBe(message);
		expect(await ctx.requests()).toHaveLength(0);
	});
});

describe('Create', () => {
	test('required fields only: user_id, amount and the level name; the stored payment is read back', async () => {
		const before = ctx.state.payments.length;
		const result = await ctx.run({ operation: 'create', userId: '12', amount: 19.99, level: rl('name', 'Bronze') });
		expect(result.error).toBeUndefined();
		const requests = await ctx.requests();
		expect(sent(requests)).toEqual(['POST /rcp/wp-json/rcp/v1/payments/new', 'GET /rcp/wp-json/rcp/v1/payments/61']);
		expect(requests[0].body).toEqual({ user_id: 12, amount: 19.99, subscription: 'Bronze' });
		expect(requests[0].headers['content-type']).toBe('application/json');
		const stored = (await ctx.payments()).find((p) => p.id === '61');
		expect((await ctx.payments()).length).toBe(before + 1);
		expect(result.items).toEqual([{ json: stored, pairedItem: { item: 0 } }]);
		// RCP core fills object_id from the level name and customer_id from the user
		expect(stored).toMatchObject({ user_id: '12', amount: '19.99', subscription: 'Bronze', object_id: '1', customer_id: '3', status: 'complete' });
		expect(stored.date).toMatch(MYSQL);
	});

	test('every optional field of the seed, level from the list (name + object_id), typed output', async () => {
		const result = await ctx.run({
			operation: 'create',
			userId: '={{ $json.user }}',
			amount: '={{ $json.total }}',
			level: rl('list', '3'),
			additionalFields: {
				status: 'pending',
				object_type: 'subscription',
				subscription_key: 'abcdef0123456789abcdef0123456789',
				transaction_id: 'ext_pay_001',
				date: '2026-10-30T16:45:10.000+02:00',
				payment_type: 'Bank Transfer',
				subtotal: 99,
				credits: 5,
				fees: 10,
				discount_amount: 9.9,
				discount_code: 'WELCOME10',
				gateway: 'manual',
			},
			options: { typedValues: true },
		}, { input: [{ json: { user: 15, total: '94.10' } }] });
		expect(result.error).toBeUndefined();
		const requests = await ctx.requests();
		expect(sent(requests)).toEqual(['GET /rcp/wp-json/rcp/v1/levels/3', 'POST /rcp/wp-json/rcp/v1/payments/new', 'GET /rcp/wp-json/rcp/v1/payments/61']);
		expect(requests[1].body).toEqual({
			user_id: 15,
			amount: 94.1,
			subscription: 'Gold',
			object_id: 3,
			status: 'pending',
			object_type: 'subscription',
			subscription_key: 'abcdef0123456789abcdef0123456789',
			transaction_id: 'ext_pay_001',
			date: '2026-10-30 16:45:10',
			payment_type: 'Bank Transfer',
			subtotal: 99,
			credits: 5,
			fees: 10,
			discount_amount: 9.9,
			discount_code: 'WELCOME10',
			gateway: 'manual',
		});
		expect(result.items[0].json).toEqual({
			id: 61,
			customer_id: 6,
			membership_id: 0,
			subscription: 'Gold',
			object_id: 3,
			object_type: 'subscription',
			date: '2026-10-30T16:45:10',
			amount: 94.1,
			subtotal: 99,
			credits: 5,
			fees: 10,
			discount_amount: 9.9,
			discount_code: 'WELCOME10',
			user_id: 15,
			payment_type: 'Bank Transfer',
			transaction_type: 'new',
			subscription_key: 'abcdef0123456789abcdef0123456789',
			transaction_id: 'ext_pay_001',
			status: 'pending',
			gateway: 'manual',
		});
	});

	test('several items with the same level: the level is looked up once per execution', async () => {
		const result = await ctx.run(
			{ operation: 'create', userId: '={{ $json.u }}', amount: 10, level: rl('id', '2'), requestOptions: { concurrency: 3 } },
			{ input: [{ json: { u: 20 } }, { json: { u: 21 } }, { json: { u: 22 } }] },
		);
		expect(result.error).toBeUndefined();
		const requests = await ctx.requests();
		expect(requests.filter((r) => r.providerPath.includes('/levels/'))).toHaveLength(1);
		expect(requests.filter((r) => r.method === 'POST')).toHaveLength(3);
		expect(result.items.map((i) => [i.json.user_id, i.json.subscription, i.json.object_id, i.pairedItem.item])).toEqual([
			['20', 'Silver', '2', 0],
			['21', 'Silver', '2', 1],
			['22', 'Silver', '2', 2],
		]);
	});

	test('a transaction ID RCP already has is reported as a duplicate, sent once, nothing created', async () => {
		const before = ctx.state.payments.length;
		const txId = ctx.fixtures.transactionIds.completeStripe;
		const result = await ctx.run({ operation: 'create', userId: '10', amount: 10, level: rl('name', 'Silver'), additionalFields: { transaction_id: txId } });
		expect(result.error.message).toBe(`Restrict Content Pro refused the payment: transaction ID "${txId}" is already recorded (duplicate) [item 0]`);
		expect(result.error.description).toMatch(/was not created and the request was not repeated/);
		const requests = await ctx.requests();
		expect(sent(requests)).toEqual(['POST /rcp/wp-json/rcp/v1/payments/new']);
		expect(requests[0].status).toBe(200);
		expect(JSON.parse(requests[0].rawBody).transaction_id).toBe(txId);
		expect((await ctx.payments()).length).toBe(before);
	});

	test('continue on fail: the duplicate becomes an error item between the created payments', async () => {
		const txId = ctx.fixtures.transactionIds.completePaypal;
		const result = await ctx.run(
			{ operation: 'create', userId: '10', amount: 5, level: rl('name', 'Bronze'), additionalFields: { transaction_id: '={{ $json.tx }}' } },
			{ input: [{ json: { tx: 'new_1' } }, { json: { tx: txId } }, { json: { tx: 'new_2' } }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.transaction_id).toBe('new_1');
		expect(result.items[1]).toEqual({
			json: expect.objectContaining({ error: `Restrict Content Pro refused the payment: transaction ID "${txId}" is already recorded (duplicate) [item 1]`, itemIndex: 1 }),
			pairedItem: { item: 1 },
		});
		expect(result.items[2].json.transaction_id).toBe('new_2');
		expect((await ctx.requests()).filter((r) => r.method === 'POST')).toHaveLength(3);
	});

	test('a WordPress error that says "already exists" for a transaction ID is reported as a duplicate too', async () => {
		await ctx.client.fault({
			provider: PROVIDER,
			path: '/payments/new',
			status: 409,
			body: { code: 'rcp_payment_exists', message: 'A payment with this transaction ID already exists.', data: { status: 409 } },
		});
		const result = await ctx.run({ operation: 'create', userId: '10', amount: 5, level: rl('name', 'Bronze'), additionalFields: { transaction_id: 'x1' } });
		expect(result.error.message).toBe('Restrict Content Pro refused the payment: transaction ID "x1" is already recorded (duplicate) [item 0]');
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('"false" without a transaction ID is reported as "not created", not as a duplicate', async () => {
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/new', status: 200, body: false });
		const result = await ctx.run({ operation: 'create', userId: '10', amount: 5, level: rl('name', 'Bronze') });
		expect(result.error.message).toBe('Restrict Content Pro did not create the payment (it answered false) [item 0]');
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('an answer of {"id": …} is accepted too', async () => {
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/new', status: 201, body: { id: Number(ctx.fixtures.paymentIds.completeStripe) } });
		const result = await ctx.run({ operation: 'create', userId: '10', amount: 10, level: rl('name', 'Silver') });
		expect(result.items[0].json.id).toBe(ctx.fixtures.paymentIds.completeStripe);
		expect(sent(await ctx.requests())[1]).toBe(`GET /rcp/wp-json/rcp/v1/payments/${ctx.fixtures.paymentIds.completeStripe}`);
	});

	test('RCP core completes the member\'s matching pending payment instead of adding one (documented quirk)', async () => {
		const pendingId = ctx.fixtures.paymentIds.pendingSilver;
		const before = ctx.state.payments.length;
		const result = await ctx.run({
			operation: 'create',
			userId: ctx.fixtures.pendingMemberUserId,
			amount: 10,
			level: rl('name', 'Silver'),
			additionalFields: { transaction_id: 'ch_completed_elsewhere', status: 'complete' },
		});
		expect(result.items[0].json).toMatchObject({ id: pendingId, status: 'complete', transaction_id: 'ch_completed_elsewhere' });
		expect((await ctx.payments()).length).toBe(before);
	});

	test('reading the new payment back may fail (no view permission): the ID and the fields sent are output', async () => {
		await ctx.client.fault({ provider: PROVIDER, method: 'GET', path: '/payments/61', status: 403, body: { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 403 } } });
		const result = await ctx.run({ operation: 'create', userId: '12', amount: 3, level: rl('name', 'Bronze') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ id: '61', user_id: 12, amount: 3, subscription: 'Bronze' });
	});

	test.each([
		[{ userId: 'abc' }, 'User ID: "abc" is not a positive whole number [item 0]'],
		[{ userId: '={{ $json.nothing }}' }, 'User ID: is empty [item 0]'],
		[{ amount: '={{ "ten" }}' }, 'Amount: "ten" is not a number [item 0]'],
		[{ level: rl('list', '={{ "" }}') }, 'Membership Level: is empty [item 0]'],
		[{ level: rl('id', '={{ "2/3" }}') }, 'Membership Level: "2/3" is not a valid ID (it contains spaces, slashes or URL characters) [item 0]'],
		[{ additionalFields: { date: 'yesterday' } }, 'Additional Fields → Date: "yesterday" is not a date [item 0]'],
		[{ additionalFields: { object_id: 'x' } }, 'Additional Fields → Object ID: "x" is not a positive whole number [item 0]'],
	])('bad input %j is refused naming the field, before any request', async (override, message) => {
		const result = await ctx.run({ operation: 'create', userId: '12', amount: 1, level: rl('name', 'Bronze'), ...override });
		expect(result.error.message).toBe(message);
		expect(await ctx.requests()).toHaveLength(0);
	});

	test('an unknown level ID is reported with RCP\'s message before anything is created', async () => {
		const result = await ctx.run({ operation: 'create', userId: '12', amount: 1, level: rl('id', '99') });
		expect(result.error.message).toBe('Restrict Content Pro error 404: Invalid membership level ID. (rcp_invalid_level) [item 0]');
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/wp-json/rcp/v1/levels/99']);
	});
});

describe('Update', () => {
	test('fixes a status: only the changed field is sent, the stored payment is output', async () => {
		const id = ctx.fixtures.paymentIds.pendingSilver;
		const result = await ctx.run({ operation: 'update', paymentId: byId(id), updateFields: { status: 'complete', transaction_id: 'ch_late' } });
		expect(result.error).toBeUndefined();
		const requests = await ctx.requests();
		expect(sent(requests)).toEqual([`POST /rcp/wp-json/rcp/v1/payments/update/${id}`, `GET /rcp/wp-json/rcp/v1/payments/${id}`]);
		expect(requests[0].body).toEqual({ status: 'complete', transaction_id: 'ch_late' });
		const stored = (await ctx.payments()).find((p) => p.id === id);
		expect(stored).toMatchObject({ status: 'complete', transaction_id: 'ch_late' });
		expect(result.items).toEqual([{ json: stored, pairedItem: { item: 0 } }]);
	});

	test('any field: amount, user, level by ID (name + object_id), date, numbers', async () => {
		const id = ctx.fixtures.paymentIds.failedBronze;
		const result = await ctx.run({
			operation: 'update',
			paymentId: rl('list', id),
			updateFields: { amount: 99, user_id: '18', level: rl('id', '3'), date: '2026-10-31 10:05:00', fees: 0, gateway: 'stripe' },
			options: { typedValues: true },
		});
		const requests = await ctx.requests();
		expect(sent(requests)).toEqual([
			'GET /rcp/wp-json/rcp/v1/levels/3',
			`POST /rcp/wp-json/rcp/v1/payments/update/${id}`,
			`GET /rcp/wp-json/rcp/v1/payments/${id}`,
		]);
		expect(requests[1].body).toEqual({ amount: 99, user_id: 18, date: '2026-10-31 10:05:00', fees: 0, gateway: 'stripe', subscription: 'Gold', object_id: 3 });
		expect(result.items[0].json).toMatchObject({ id: Number(id), amount: 99, user_id: 18, subscription: 'Gold', object_id: 3, fees: 0, date: '2026-10-31T10:05:00', status: 'failed' });
	});

	test('writing the same value again (RCP answers 0 rows changed) is a success', async () => {
		const id = ctx.fixtures.paymentIds.refundedGold;
		const result = await ctx.run({ operation: 'update', paymentId: byId(id), updateFields: { status: 'refunded' } });
		expect(result.error).toBeUndefined();
		expect((await ctx.requests())[0]).toMatchObject({ status: 200, rawBody: '{"status":"refunded"}' });
		expect(result.items[0].json.status).toBe('refunded');
	});

	test('an answer of "true" is accepted; an answer of "false" with the values not stored is an error', async () => {
		const id = ctx.fixtures.paymentIds.completeStripe;
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/update/', status: 200, body: true });
		const ok = await ctx.run({ operation: 'update', paymentId: byId(id), updateFields: { discount_code: 'X' } });
		expect(ok.error).toBeUndefined();
		await ctx.client.fault({ provider: PROVIDER, path: '/payments/update/', status: 200, body: false });
		const failed = await ctx.run({ operation: 'update', paymentId: byId(id), updateFields: { status: 'refunded', amount: 10 } });
		expect(failed.error.message).toBe(`Restrict Content Pro did not update payment ${id} (it answered false) [item 0]`);
		expect(failed.error.description).toMatch(/^Not stored: status\./);
	});

	test('no field to change is an input error; an unknown payment is RCP\'s 404', async () => {
		const empty = await ctx.run({ operation: 'update', paymentId: byId('5'), updateFields: {} });
		expect(empty.error.message).toBe('Update Fields: no field to change [item 0]');
		expect(await ctx.requests()).toHaveLength(0);
		const unknown = await ctx.run({ operation: 'update', paymentId: byId('999'), updateFields: { status: 'failed' } });
		expect(unknown.error.message).toBe('Restrict Content Pro error 404: Invalid payment ID. (rcp_invalid_payment) [item 0]');
		expect(unknown.error.httpCode).toBe('404');
	});
});

describe('Delete', () => {
	test('outputs { deleted: true, id }; the ID goes to /payments/delete in the query and the body', async () => {
		const id = ctx.fixtures.paymentIds.failedBronze;
		const result = await ctx.run({ operation: 'delete', paymentId: byId(id) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { deleted: true, id }, pairedItem: { item: 0 } }]);
		const requests = await ctx.requests();
		expect(sent(requests)).toEqual([`GET /rcp/wp-json/rcp/v1/payments/${id}`, `DELETE /rcp/wp-json/rcp/v1/payments/delete?id=${id}`]);
		expect(requests[1].body).toEqual({ id: Number(id) });
		expect((await ctx.payments()).some((p) => p.id === id)).toBe(false);
	});

	test('an unknown ID is an error (RCP core would silently "delete" it), and nothing is sent to delete', async () => {
		const result = await ctx.run({ operation: 'delete', paymentId: byId('999') });
		expect(result.error.message).toBe('Restrict Content Pro error 404: Invalid payment ID. (rcp_invalid_payment) [item 0]');
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/wp-json/rcp/v1/payments/999']);
	});

	test('a single-payment answer of null (instead of a 404) also counts as not found', async () => {
		await ctx.client.fault({ provider: PROVIDER, method: 'GET', path: '/payments/', status: 200, body: 'null', headers: { 'content-type': 'application/json' } });
		const result = await ctx.run({ operation: 'delete', paymentId: byId('5') });
		expect(result.error.message).toBe('Restrict Content Pro has no payment with ID 5 [item 0]');
		expect(result.error.httpCode).toBe('404');
		expect(await ctx.requests()).toHaveLength(1);
	});
});

describe('"From list" pickers', () => {
	test('membership levels: all of them, inactive ones marked, filterable; works for a read-only user too? no: levels need their own capability', async () => {
		const all = await ctx.listSearch('searchLevels');
		expect(all).toEqual({
			results: [
				{ name: 'Bronze · 5.00', value: '1' },
				{ name: 'Silver · 10.00', value: '2' },
				{ name: 'Gold · 99.00', value: '3' },
				{ name: 'Free Trial · 0.00', value: '4' },
				{ name: 'Legacy Plan · 8.00 (inactive)', value: '5' },
			],
		});
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/wp-json/rcp/v1/levels?status=all&orderby=list_order']);
		expect((await ctx.listSearch('searchLevels', { filter: 'GOL' })).results).toEqual([{ name: 'Gold · 99.00', value: '3' }]);
		await expect(ctx.listSearch('searchLevels', { credentials: { user: BOOKKEEPER } })).rejects.toThrow(
			'Restrict Content Pro error 403: Sorry, you are not allowed to do that. (rest_forbidden)',
		);
	});

	test('levels in the ?rest_route= form', async () => {
		const r = await ctx.listSearch('searchLevels', { credentials: { urlStyle: 'restRoute' } });
		expect(r.results).toHaveLength(5);
		expect(sent(await ctx.requests())).toEqual(['GET /rcp/?rest_route=/rcp/v1/levels&status=all&orderby=list_order']);
	});

	test('payments: newest first, 100 per page with a pagination token, filter on ID/level/status/transaction', async () => {
		await ctx.client.reset({ size: { [PROVIDER]: { payments: 150 } } });
		const first = await ctx.listSearch('searchPayments');
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: '#150 · Gold · 109.00 · complete · 2026-10-31 14:00:00', value: '150' });
		expect(first.paginationToken).toBe('100');
		const second = await ctx.listSearch('searchPayments', { paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
		expect(sent(await ctx.requests())).toEqual([
			'GET /rcp/wp-json/rcp/v1/payments?number=100&offset=0&orderby=id&order=DESC',
			'GET /rcp/wp-json/rcp/v1/payments?number=100&offset=100&orderby=id&order=DESC',
		]);
		const refunded = await ctx.listSearch('searchPayments', { filter: 'REFUNDED' });
		expect(refunded.results.length).toBeGreaterThan(0);
		expect(refunded.results.every((r) => r.name.includes('refunded'))).toBe(true);
	});
});
