'use strict';
const { fourvenuesFixture, byId, fromList, bySlug, json, API_KEY, SEED_RESPONSE } = require('./setup');

const ctx = fourvenuesFixture();

const SEED_ID = 'abcdefghi1234567890';
const pathsOf = (requests) => requests.map((r) => `${r.method} ${r.providerPath}${r.rawQuery ? `?${r.rawQuery}` : ''}`);
/** The payments the demo key's channel may see, in the API's order (paid_at descending). */
const visiblePayments = () => {
	const hosts = new Set(ctx.state.channels[0].host_ids);
	return ctx.state.payments.filter((p) => hosts.has(p.organization_id));
};
/** The request offsets the Return All reader asks for when the server serves `served` per page. */
function expectedOffsets(total, served, servedInFull) {
	const offsets = [];
	let offset = 0;
	for (;;) {
		offsets.push(offset);
		const n = Math.max(0, Math.min(served, total - offset));
		offset += n;
		if (n === 0 || n < Math.min(servedInFull, 100)) break;
	}
	return offsets;
}

describe('Payment → Get (the seed: GET /payments/{id})', () => {
	test('outputs exactly the payment object of the seed document, paired with its input item', async () => {
		const result = await ctx.run(
			{ resource: 'payment', operation: 'get', paymentId: byId('={{ $json.paymentId }}') },
			{ input: [{ json: { paymentId: SEED_RESPONSE.data._id } }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: SEED_RESPONSE.data, pairedItem: { item: 0 } }]);
		const requests = await ctx.requests();
		expect(pathsOf(requests)).toEqual([`GET /payments/${SEED_ID}`]);
		expect(requests[0].headers['x-api-key']).toBe(API_KEY);
		expect(requests[0].status).toBe(200);
	});

	test('passes fields the docs do not list (sale_type, is_channel_manager, total_discount) through untouched', async () => {
		const id = ctx.fixtures.extraFieldsPaymentId;
		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: fromList(id) });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([ctx.payment(id)]);
		expect(json(result)[0]).toMatchObject({ sale_type: 'online', is_channel_manager: true, total_discount: 0 });
	});

	test('Resolve Tickets adds the ticket the seed payment bought, found through GET /tickets?event_id=', async () => {
		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: byId(SEED_ID), resolveTickets: true });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([{ ...SEED_RESPONSE.data, resolved_tickets: [ctx.ticket(SEED_ID)], unresolved_ticket_ids: [] }]);
		expect(json(result)[0].resolved_tickets[0].qr_code).toBe('ABCDE12345');
		expect(pathsOf(await ctx.requests())).toEqual([`GET /payments/${SEED_ID}`, `GET /tickets?event_id=${SEED_ID}&limit=100&offset=0`]);
	});

	test('Resolve Tickets on a multi-ticket payment reads event tickets page by page and stops once all are found', async () => {
		// Many payments for few events, so the payment's tickets sit beyond the first page of its event.
		await ctx.reset({ payments: 3000 });
		const eventTickets = (eventId) => ctx.state.tickets.filter((t) => t.event_id === eventId);
		const candidates = ctx.state.payments.filter((p) => {
			if (p.resource_type !== 'ticket' || p.resource_ids.length < 2 || !ctx.state.channels[0].host_ids.includes(p.organization_id)) return false;
			const list = eventTickets(p.event_id);
			const last = Math.max(...p.resource_ids.map((id) => list.findIndex((t) => t._id === id)));
			return last >= 150 && list.length > (Math.floor(last / 100) + 1) * 100;
		});
		expect(candidates.length).toBeGreaterThan(0);
		const payment = candidates[0];
		const list = eventTickets(payment.event_id);
		const last = Math.max(...payment.resource_ids.map((id) => list.findIndex((t) => t._id === id)));
		const pages = Math.floor(last / 100) + 1;

		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: byId(payment._id), resolveTickets: true });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([
			{ ...payment, resolved_tickets: payment.resource_ids.map((id) => ctx.ticket(id)), unresolved_ticket_ids: [] },
		]);
		const expected = [`GET /payments/${payment._id}`];
		for (let k = 0; k < pages; k++) expected.push(`GET /tickets?event_id=${payment.event_id}&limit=100&offset=${k * 100}`);
		expect(pathsOf(await ctx.requests())).toEqual(expected);
		expect(list.length).toBeGreaterThan(pages * 100); // it stopped before the end of the event's tickets
	});

	test('Resolve Tickets does nothing for other resource types (here a guest-list payment)', async () => {
		const id = ctx.fixtures.listPaymentId;
		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: byId(id), resolveTickets: true });
		expect(json(result)).toEqual([ctx.payment(id)]);
		expect(pathsOf(await ctx.requests())).toEqual([`GET /payments/${id}`]);
	});

	test('Resolve Tickets lists ticket ids that the event does not have', async () => {
		const id = ctx.fixtures.multiTicketPaymentId;
		const payment = ctx.payment(id);
		await ctx.client.fault({
			provider: 'fourvenues',
			path: `/payments/${id}`,
			status: 200,
			body: { data: { ...payment, resource_ids: [...payment.resource_ids, 'ghostticket000000001'] }, success: true },
		});
		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: byId(id), resolveTickets: true, simplify: true });
		expect(result.error).toBeUndefined();
		const [out] = json(result);
		expect(out.resolved_tickets.map((t) => t._id)).toEqual(payment.resource_ids);
		expect(out.unresolved_ticket_ids).toEqual(['ghostticket000000001']);
		expect(Object.keys(out.resolved_tickets[0]).sort()).toEqual(
			['_id', 'email', 'enter', 'entry_time', 'event_id', 'full_name', 'payment_currency', 'phone', 'price_name', 'qr_code', 'refunded', 'status', 'ticket_rate_id', 'total_fees', 'total_price'].sort(),
		);
	});

	test('Simplify flattens the total into amount and fees', async () => {
		const result = await ctx.run({ resource: 'payment', operation: 'get', paymentId: byId(SEED_ID), simplify: true });
		expect(json(result)).toEqual([
			{
				_id: SEED_ID,
				status: 'pending',
				organization_id: SEED_ID,
				event_id: SEED_ID,
				rate_id: SEED_ID,
				resource_type: 'ticket',
				resource_ids: [SEED_ID],
				amount: 20.6,
				fees: 0.6,
				currency: 'EUR',
				paid_at: '2023-12-31T00:00:00.000Z',
				expires_at: '2024-01-01T00:00:00.000Z',
			},
		]);
	});

	test('several input items: one Get each, outputs in input order and paired', async () => {
		const ids = [SEED_ID, ctx.fixtures.multiTicketPaymentId, ctx.fixtures.listPaymentId];
		const result = await ctx.run(
			{ resource: 'payment', operation: 'get', paymentId: byId('={{ $json.id }}') },
			{ input: ids.map((id) => ({ json: { id } })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json._id, i.pairedItem.item])).toEqual(ids.map((id, k) => [id, k]));
		expect(pathsOf(await ctx.requests()).sort()).toEqual(ids.map((id) => `GET /payments/${id}`).sort());
	});
});

describe('Payment → Get Many', () => {
	test('Return All reads limit=100 pages until a short page and returns every visible payment in API order', async () => {
		const visible = visiblePayments();
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual(visible);
		expect(result.items.every((i) => i.pairedItem.item === 0)).toBe(true);
		const offsets = expectedOffsets(visible.length, 100, 50);
		expect(pathsOf(await ctx.requests())).toEqual(offsets.map((o) => `GET /payments?limit=100&offset=${o}`));
	});

	test('Return All over a larger data set (1,000+ payments)', async () => {
		await ctx.reset({ payments: 1200 });
		const visible = visiblePayments();
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true, simplify: true });
		expect(result.items).toHaveLength(visible.length);
		expect(new Set(json(result).map((p) => p._id)).size).toBe(visible.length);
		expect(pathsOf(await ctx.requests())).toEqual(expectedOffsets(visible.length, 100, 50).map((o) => `GET /payments?limit=100&offset=${o}`));
	});

	test('a server that caps limit below 100 does not truncate Return All (short pages of 50 are read on)', async () => {
		await ctx.reset({ maxLimit: 50 });
		const visible = visiblePayments();
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: true });
		expect(json(result)).toEqual(visible);
		expect(pathsOf(await ctx.requests())).toEqual(expectedOffsets(visible.length, 50, 50).map((o) => `GET /payments?limit=100&offset=${o}`));
	});

	test('Limit asks only for what it needs', async () => {
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: false, limit: 7 });
		expect(json(result)).toEqual(visiblePayments().slice(0, 7));
		expect(pathsOf(await ctx.requests())).toEqual(['GET /payments?limit=7&offset=0']);
	});

	test('Limit above one page: a full page, then only the rest', async () => {
		const result = await ctx.run({ resource: 'payment', operation: 'getAll', returnAll: false, limit: 130 });
		expect(json(result)).toEqual(visiblePayments().slice(0, 130));
		expect(pathsOf(await ctx.requests())).toEqual(['GET /payments?limit=100&offset=0', 'GET /payments?limit=30&offset=100']);
	});

	test('filters: event (from list), organization (by ID) and a whole-day date range are sent as the API expects', async () => {
		const eventId = ctx.fixtures.demoEventId;
		const orgId = ctx.fixtures.demoOrganizationId;
		const ev = ctx.state.events.find((e) => e._id === eventId);
		const start = '2026-09-01';
		const end = '2026-11-01';
		const result = await ctx.run({
			resource: 'payment',
			operation: 'getAll',
			returnAll: true,
			filters: { event: fromList(eventId), organization: byId(orgId), startDate: `${start}T00:00:00`, endDate: end },
		});
		expect(result.error).toBeUndefined();
		const [request] = await ctx.requests();
		expect(request.query).toEqual({ organization_id: orgId, event_id: eventId, start_date: start, end_date: end, limit: '100', offset: '0' });
		const expected = ctx.state.payments.filter(
			(p) => p.event_id === eventId && p.paid_at >= `${start}T00:00:00.000Z` && p.paid_at < `${end}T00:00:00.000Z`,
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(ev.organization_id).toBe(orgId);
		expect(json(result)).toEqual(expected);
	});

	test('date filters with a time are sent as ISO 8601 UTC', async () => {
		const result = await ctx.run({
			resource: 'payment',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { startDate: '2026-10-05T12:30:00.000+02:00', endDate: '2026-10-20T08:00:00Z' },
		});
		expect(result.error).toBeUndefined();
		const [request] = await ctx.requests();
		expect(request.query).toMatchObject({ start_date: '2026-10-05T10:30:00.000Z', end_date: '2026-10-20T08:00:00.000Z' });
		for (const p of json(result)) expect(p.paid_at >= '2026-10-05T10:30:00.000Z' && p.paid_at < '2026-10-20T08:00:00.000Z').toBe(true);
	});

	test('the recent payments of the demo event: yesterday (UTC), as the example workflow asks', async () => {
		const day = 24 * 3600 * 1000;
		const today = new Date(Math.floor(Date.now() / day) * day).toISOString().slice(0, 10);
		const yesterday = new Date(Math.floor(Date.now() / day) * day - day).toISOString().slice(0, 10);
		const result = await ctx.run({
			resource: 'payment',
			operation: 'getAll',
			returnAll: true,
			filters: { event: byId(ctx.fixtures.demoEventId), startDate: yesterday, endDate: today },
		});
		const statuses = json(result).map((p) => p.status);
		expect(statuses.length).toBe(12);
		expect(new Set(statuses)).toEqual(new Set(['paid', 'pending', 'expired', 'refunded', 'cancelled']));
		expect(json(result).every((p) => p.paid_at.startsWith(yesterday))).toBe(true);
	});
});

describe('Event → Get / Get Many', () => {
	test('Get by ID returns the event', async () => {
		const result = await ctx.run({ resource: 'event', operation: 'get', eventId: byId(SEED_ID) });
		expect(json(result)).toEqual([ctx.state.events.find((e) => e._id === SEED_ID)]);
		expect(pathsOf(await ctx.requests())).toEqual([`GET /events/${SEED_ID}`]);
	});

	test('Get by slug uses /events/by-slug/{slug}; Simplify keeps the useful fields', async () => {
		const ev = ctx.state.events.find((e) => e._id === ctx.fixtures.demoEventId);
		const result = await ctx.run({ resource: 'event', operation: 'get', eventId: bySlug(ev.slug), simplify: true });
		expect(json(result)).toEqual([
			{
				_id: ev._id,
				name: ev.name,
				slug: ev.slug,
				display_date: ev.display_date,
				start_date: ev.start_date,
				end_date: ev.end_date,
				organization_id: ev.organization_id,
				location_id: ev.location_id,
				location_name: ev.location.name,
				location_city: ev.location.city,
				timezone: ev.location.timezone,
				age: ev.age,
				image_url: ev.image_url,
				ticket_rate_count: 2,
			},
		]);
		expect(pathsOf(await ctx.requests())).toEqual([`GET /events/by-slug/${ev.slug}`]);
	});

	test('Get Many with organization and days: YYYY-MM-DD, and the end of an unpaged list confirmed once', async () => {
		const orgId = ctx.fixtures.demoOrganizationId;
		const result = await ctx.run({
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
			filters: { organization: fromList(orgId), startDate: '2026-10-15T00:00:00', endDate: '2026-11-30T21:00:00+01:00' },
		});
		expect(result.error).toBeUndefined();
		const expected = ctx.state.events.filter(
			(e) => e.organization_id === orgId && e.start_date >= '2026-10-15T00:00:00.000Z' && e.start_date < '2026-11-30T00:00:00.000Z',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(json(result)).toEqual(expected);
		const requests = await ctx.requests();
		expect(requests[0].query).toEqual({ start_date: '2026-10-15', end_date: '2026-11-30', organization_id: orgId, limit: '100', offset: '0' });
		expect(pathsOf(requests)).toHaveLength(2);
		expect(requests[1].query.offset).toBe(String(expected.length));
	});

	test('Get Many with a Limit', async () => {
		const result = await ctx.run({ resource: 'event', operation: 'getAll', returnAll: false, limit: 2 });
		const hosts = new Set(ctx.state.channels[0].host_ids);
		expect(json(result)).toEqual(ctx.state.events.filter((e) => hosts.has(e.organization_id)).slice(0, 2));
		expect(pathsOf(await ctx.requests())).toEqual(['GET /events?limit=2&offset=0']);
	});
});

describe('Ticket → Get / Get Many', () => {
	test('Get by QR code: GET /tickets/by-code/{code} answers an array, one output item per ticket', async () => {
		const result = await ctx.run({ resource: 'ticket', operation: 'get', code: '={{ $json.code }}' }, { input: [{ json: { code: 'ABCDE12345' } }] });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: ctx.ticket(SEED_ID), pairedItem: { item: 0 } }]);
		expect(pathsOf(await ctx.requests())).toEqual(['GET /tickets/by-code/ABCDE12345']);
	});

	test('Get Many with Return All reads all tickets of the event', async () => {
		await ctx.reset({ payments: 1500 });
		const eventId = ctx.fixtures.demoEventId;
		const expected = ctx.state.tickets.filter((t) => t.event_id === eventId);
		expect(expected.length).toBeGreaterThan(100);
		const result = await ctx.run({ resource: 'ticket', operation: 'getAll', eventId: fromList(eventId), returnAll: true });
		expect(json(result)).toEqual(expected);
		expect(pathsOf(await ctx.requests())).toEqual(
			expectedOffsets(expected.length, 100, 1).map((o) => `GET /tickets?event_id=${eventId}&limit=100&offset=${o}`),
		);
	});

	test('Get Many with a Limit and Simplify', async () => {
		const eventId = ctx.fixtures.demoEventId;
		const result = await ctx.run({ resource: 'ticket', operation: 'getAll', eventId: byId(eventId), returnAll: false, limit: 3, simplify: true });
		const expected = ctx.state.tickets.filter((t) => t.event_id === eventId).slice(0, 3);
		expect(json(result).map((t) => t._id)).toEqual(expected.map((t) => t._id));
		expect(json(result)[0]).toEqual({
			_id: expected[0]._id,
			event_id: eventId,
			ticket_rate_id: expected[0].ticket_rate_id,
			qr_code: expected[0].qr_code,
			status: expected[0].status,
			full_name: expected[0].full_name,
			email: expected[0].email,
			phone: expected[0].phone,
			price_name: expected[0].price.name,
			total_price: expected[0].total_price,
			total_fees: expected[0].total_fees,
			payment_currency: 'EUR',
			refunded: expected[0].refunded,
			enter: 0,
			entry_time: null,
		});
		expect(pathsOf(await ctx.requests())).toEqual([`GET /tickets?event_id=${eventId}&limit=3&offset=0`]);
	});
});

describe('Organization → Get Many', () => {
	test('returns the partner venues of the key’s channel in one request; Limit slices', async () => {
		const hosts = ctx.state.channels[0].host_ids;
		const all = await ctx.run({ resource: 'organization', operation: 'getAll', returnAll: true });
		expect(json(all).map((o) => o._id)).toEqual(hosts);
		expect(json(all)[0]).toEqual({ _id: SEED_ID, name: 'Docs Example Venue', slug: 'docs-example-venue', created_at: '2023-06-01T00:00:00.000Z' });
		const two = await ctx.run({ resource: 'organization', operation: 'getAll', returnAll: false, limit: 2 });
		expect(json(two).map((o) => o._id)).toEqual(hosts.slice(0, 2));
		expect(pathsOf(await ctx.requests())).toEqual(['GET /organizations', 'GET /organizations']);
	});

	test('another channel’s key sees only its own venue', async () => {
		const result = await ctx.run({ resource: 'organization', operation: 'getAll', returnAll: true }, { apiKey: 'sk_test_emulator_fourvenues_other' });
		expect(json(result).map((o) => o._id)).toEqual([ctx.fixtures.otherChannelOrganizationId]);
	});
});
