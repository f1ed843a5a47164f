'use strict';
// Fourvenues, Flexiown and Restrict Content Pro (issue 22 item 5): answers generated from OUR OWN derived
// schemas (test/contract/own/*.js; optional fields absent or present, every enum value through enumCover)
// served to every read operation, the pickers and the RCP Trigger's poll. No crash, raw output is the answer.
const fourvenuesSpec = require('./specs/fourvenues.json');
const flexiownSpec = require('./specs/flexiown.json');
const rcpSpec = require('./specs/restrict-content-pro.json');
const { generator, schemaNamed, enumCover } = require('./generated');
const fv = require('../fourvenues/setup');
const { rcpFixture } = require('../restrict-content-pro/setup');
const { flexiownFixture } = require('../flexiown/setup');

const SAMPLES = 3;
const samples = Array.from({ length: SAMPLES }, (_, k) => k);
/** The 200 answer schema the derived document gives an operation. */
const answerOf = (spec, path, method = 'get') => spec.paths[path][method].responses['200'].content['application/json'].schema;
const json = (result) => result.items.map((i) => i.json);
/** Keeps each field Simplify lists that the answer has (`renamed`: output name → where it is read). */
function expectKept(out, answer, fields, renamed = {}) {
	expect(Object.keys(out).filter((k) => !fields.includes(k) && !(k in renamed))).toEqual([]);
	for (const f of fields) if (answer[f] !== undefined) expect([f, out[f]]).toEqual([f, answer[f]]);
	for (const [name, read] of Object.entries(renamed)) {
		const value = read(answer);
		if (value !== undefined) expect([name, out[name]]).toEqual([name, value]);
	}
}
/** Lists get unique IDs: the nodes drop a repeated one (pages shift while read); generated IDs are short words. */
const uniqueIds = (list, key, prefix) => list.map((x, k) => ({ ...x, [key]: `${prefix}${k}` }));

describe('Fourvenues: generated answers', () => {
	const ctx = fv.fourvenuesFixture();
	const gen = generator(fourvenuesSpec, 2206);
	const serve = async (path, data) => await ctx.client.fault({ provider: 'fourvenues', method: 'GET', path, status: 200, body: { success: true, data } });
	// The node confirms the end of a list whose pages are not known to be served in full by an empty page.
	const serveList = async (path, data) => {
		await serve(path, data);
		await serve(path, []);
	};

	test.each(samples)('payment, event, ticket and organization reads (sample %i)', async () => {
		const payment = gen(schemaNamed('Payment'));
		await serve('/^\\/payments\\/[^/]+$/', payment);
		const one = await ctx.run({ resource: 'payment', operation: 'get', paymentId: fv.byId('p1') });
		expect(one.error).toBeUndefined();
		expect(json(one)).toEqual([payment]);

		const event = gen(schemaNamed('Event'));
		await serve('/^\\/events\\/[^/]+$/', event);
		const ev = await ctx.run({ resource: 'event', operation: 'get', eventId: fv.byId('e1') });
		expect(ev.error).toBeUndefined();
		expect(json(ev)).toEqual([event]);

		await serve('/^\\/events\\/by-slug\\/[^/]+$/', event);
		const bySlug = await ctx.run({ resource: 'event', operation: 'get', eventId: fv.bySlug('gala') });
		expect(bySlug.error).toBeUndefined();
		expect(json(bySlug)).toEqual([event]);

		const byCode = gen({ type: 'array', items: schemaNamed('Ticket') });
		await serve('/^\\/tickets\\/by-code\\/[^/]+$/', byCode);
		const tk = await ctx.run({ resource: 'ticket', operation: 'get', code: 'ABCDE12345' });
		expect(tk.error).toBeUndefined();
		expect(json(tk)).toEqual(byCode);

		const events = uniqueIds(gen({ type: 'array', items: schemaNamed('Event') }), '_id', 'e');
		await serveList('/^\\/events$/', events);
		const evs = await ctx.run({ resource: 'event', operation: 'getAll', returnAll: true });
		expect(evs.error).toBeUndefined();
		expect(json(evs)).toEqual(events);

		const tickets = uniqueIds(gen({ type: 'array', items: schemaNamed('Ticket') }), '_id', 't');
		await serveList('/^\\/tickets$/', tickets);
		const tks = await ctx.run({ resource: 'ticket', operation: 'getAll', eventId: fv.byId(ctx.state.events[0]._id), returnAll: true });
		expect(tks.error).toBeUndefined();
		expect(json(tks)).toEqual(tickets);

		const orgs = uniqueIds(gen({ type: 'array', items: schemaNamed('Organization') }), '_id', 'o');
		await serveList('/^\\/organizations$/', orgs);
		const os = await ctx.run({ resource: 'organization', operation: 'getAll', returnAll: true });
		expect(os.error).toBeUndefined();
		expect(json(os)).toEqual(orgs);
	});

	test('every enum value of Payment through Get Many; the pickers list every record', async () => {
		const cover = enumCover(fourvenuesSpec, schemaNamed('Payment'));
		expect(cover.missing()).toEqual([]);
		const payments = uniqueIds(cover.answers, '_id', 'p');
		await serve('/^\\/payments$/', payments);
		const all = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(json(all)).toEqual(payments);
		await serve('/^\\/payments$/', payments);
		const simple = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true, simplify: true });
		expect(simple.error).toBeUndefined();
		expect(simple.items).toHaveLength(payments.length);
		const total = (p) => (p.total && typeof p.total === 'object' ? p.total : {});
		payments.forEach((p, k) =>
			expectKept(simple.items[k].json, p, ['_id', 'status', 'organization_id', 'event_id', 'rate_id', 'resource_type', 'resource_ids', 'currency', 'paid_at', 'expires_at'], {
				amount: (x) => total(x).amount,
				fees: (x) => total(x).fees,
			}),
		);

		await serve('/^\\/payments$/', payments);
		expect((await ctx.listSearch('searchPayments')).results.map((r) => r.value)).toEqual(payments.map((p) => p._id));
		const events = uniqueIds(gen({ type: 'array', items: schemaNamed('Event') }), '_id', 'e');
		await serve('/^\\/events$/', events);
		expect((await ctx.listSearch('searchEvents')).results.map((r) => r.value)).toEqual(events.map((e) => e._id));
		// The organization picker reads the partner venues of GET /auth (channel.hosts).
		const auth = gen(answerOf(fourvenuesSpec, '/auth').properties.data);
		auth.channel.hosts = uniqueIds(gen({ type: 'array', items: schemaNamed('Organization') }), '_id', 'o');
		await serve('/^\\/auth$/', auth);
		expect((await ctx.listSearch('searchOrganizations')).results.map((r) => r.value)).toEqual(auth.channel.hosts.map((o) => o._id));
	});
});

describe('Restrict Content Pro: generated answers', () => {
	const ctx = rcpFixture();
	const gen = generator(rcpSpec, 2207);
	const serve = async (path, body) => await ctx.client.fault({ provider: 'restrict-content-pro', method: 'GET', path, status: 200, body });
	const paymentSchema = answerOf(rcpSpec, '/rcp/v1/payments/{id}');

	test.each(samples)('Get and Get Many (sample %i)', async () => {
		const payment = gen(paymentSchema);
		await serve('/\\/rcp\\/v1\\/payments\\/[^/]+$/', payment);
		const one = await ctx.run({ operation: 'get', paymentId: '7' });
		expect(one.error).toBeUndefined();
		expect(json(one)).toEqual([payment]);
		const list = uniqueIds(gen(answerOf(rcpSpec, '/rcp/v1/payments')), 'id', '');
		await serve('/\\/rcp\\/v1\\/payments$/', list);
		const all = await ctx.run({ operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(json(all)).toEqual(list);
	});

	test('every status value through Get Many and the pickers', async () => {
		const cover = enumCover(rcpSpec, paymentSchema);
		expect(cover.missing()).toEqual([]);
		const list = uniqueIds(cover.answers, 'id', '');
		await serve('/\\/rcp\\/v1\\/payments$/', list);
		const all = await ctx.run({ operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(json(all)).toEqual(list);
		await serve('/\\/rcp\\/v1\\/payments$/', list);
		const simple = await ctx.run({ operation: 'getAll', returnAll: true, simplify: true });
		expect(simple.error).toBeUndefined();
		expect(simple.items).toHaveLength(list.length);
		list.forEach((p, k) => expectKept(simple.items[k].json, p, ['id', 'user_id', 'subscription', 'amount', 'status', 'date', 'gateway', 'payment_type', 'transaction_id']));
		await serve('/\\/rcp\\/v1\\/payments$/', list);
		expect((await ctx.listSearch('searchPayments')).results.map((r) => r.value)).toEqual(list.map((p) => p.id));
		const levels = uniqueIds(gen(answerOf(rcpSpec, '/rcp/v1/levels')), 'id', '');
		await serve('/\\/rcp\\/v1\\/levels$/', levels);
		expect((await ctx.listSearch('searchLevels')).results.map((r) => r.value)).toEqual(levels.map((l) => l.id));
	});
});

describe('Flexiown: generated answers', () => {
	const ctx = flexiownFixture();
	const gen = generator(flexiownSpec, 2208);
	const serve = async (path, body) => await ctx.client.fault({ provider: 'flexiown', method: 'GET', path, status: 200, body });

	test.each(samples)('Get Status and Merchant Get (sample %i)', async () => {
		const status = gen(answerOf(flexiownSpec, '/status/{id}'));
		await serve('/\\/status\\/[^/]+$/', status);
		const st = await ctx.run({ resource: 'payment', operation: 'getStatus', paymentId: '3f1c2b7e-9d4a-4e8b-a1c2-5d6e7f809a1b' });
		expect(st.error).toBeUndefined();
		expect(json(st)).toEqual([expect.objectContaining(status)]);
		const merchant = gen(answerOf(flexiownSpec, '/merchant'));
		await serve('/\\/merchant$/', merchant);
		const m = await ctx.run({ resource: 'merchant', operation: 'get' });
		expect(m.error).toBeUndefined();
		expect(json(m)).toEqual([expect.objectContaining(merchant)]);
	});
});
