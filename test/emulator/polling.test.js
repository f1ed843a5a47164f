'use strict';
// State changes injectable between polls (issue 12 item 8), for the polling triggers: Restrict Content Pro
// payments and Constant Contact registrations are added and changed through control calls, with chosen
// timestamps (several in one second), and the provider's own API then serves them.
const { startEmulator } = require('../../emulators');
const { EmulatorClient, request } = require('../../emulators/client');
const rcp = require('../../emulators/providers/restrict-content-pro');
const constantContact = require('../../emulators/providers/constant-contact');

const RCP_AUTH = `Basic ${Buffer.from('admin:Rcp1 Emu2 Adm3 InX4 Pa55 W0rd').toString('base64')}`;
const CC_TOKEN = 'cc_emulator_access_token';

let emu;
let client;
const ctl = (method, path, body) => request(method, `${emu.url}/_emulator${path}`, { body });
const wp = (path) => request('GET', `${emu.url}/rcp/wp-json/rcp/v1${path}`, { headers: { authorization: RCP_AUTH } });
const cc = (path) => request('GET', `${emu.url}/constant-contact/v3${path}`, { headers: { authorization: `Bearer ${CC_TOKEN}` } });

beforeAll(async () => {
	emu = await startEmulator({ port: 0, providers: [rcp, constantContact] });
	client = new EmulatorClient(emu.url);
});
afterAll(() => emu.close());
beforeEach(() => client.reset({ size: { 'constant-contact': { perSecond: 1000 } } }));

describe('Restrict Content Pro payments between polls', () => {
	test('new payments in the same second get increasing IDs and appear at the top of the newest-first list', async () => {
		const before = (await wp('/payments?number=3')).body;
		const top = Number(before[0].id);
		const r = await ctl('POST', '/restrict-content-pro/payments', [
			{ date: '2026-12-01 10:00:00', status: 'complete', amount: '10.00' },
			{ date: '2026-12-01 10:00:00', status: 'pending', user_id: 11, subscription: 'Gold' },
			{ date: '2026-12-01T10:00:00.900Z', status: 'failed', gateway: 'paypal', transaction_id: '' },
		]);
		expect(r.status).toBe(201);
		expect(r.body.payments.map((p) => [p.id, p.date, p.status])).toEqual([
			[String(top + 1), '2026-12-01 10:00:00', 'complete'],
			[String(top + 2), '2026-12-01 10:00:00', 'pending'],
			[String(top + 3), '2026-12-01 10:00:00', 'failed'],
		]);
		expect(r.body.payments[1]).toEqual(expect.objectContaining({ user_id: '11', subscription: 'Gold', object_id: '3', amount: '99.00' }));
		const after = (await wp('/payments?number=4')).body;
		expect(after.map((p) => p.id)).toEqual([top + 3, top + 2, top + 1, top].map(String));
		expect(after[0]).toEqual(r.body.payments[2]);
		expect(Object.keys(after[0])).toEqual(Object.keys(before[0]));
		// a default date is "now", in MySQL format
		const now = (await ctl('POST', '/restrict-content-pro/payments', {})).body.payments[0];
		expect(now.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(now.id).toBe(String(top + 4));
	});

	test('a status change between polls shows in the single GET and the status filter', async () => {
		const { fixtures } = await client.state('restrict-content-pro');
		const id = fixtures.paymentIds.completeStripe;
		const r = await ctl('PATCH', `/restrict-content-pro/payments/${id}`, { status: 'refunded' });
		expect(r.status).toBe(200);
		expect(r.body.previous.status).toBe('complete');
		expect(r.body.payment.status).toBe('refunded');
		expect((await wp(`/payments/${id}`)).body.status).toBe('refunded');
		expect((await wp('/payments?status=refunded&number=100')).body.map((p) => p.id)).toContain(id);
		expect((await ctl('PATCH', `/restrict-content-pro/payments/${id}`, { status: 'weird' })).status).toBe(400);
		expect((await ctl('PATCH', `/restrict-content-pro/payments/${id}`, { id: '7' })).status).toBe(400);
		expect((await ctl('PATCH', '/restrict-content-pro/payments/99999', { status: 'failed' })).status).toBe(404);
		expect((await ctl('POST', '/restrict-content-pro/payments', { date: 'yesterday' })).status).toBe(400);
	});
});

describe('Constant Contact registrations between polls', () => {
	const list = async (fixtures, query = '') =>
		(await cc(`/events/${fixtures.eventId}/tracks/${fixtures.trackId}/registrations?limit=500${query}`)).body;

	test('new registrations with the same registration second are listed with their statuses', async () => {
		const { fixtures } = await client.state('constant-contact');
		const before = await list(fixtures);
		const at = '2026-12-01T10:00:00.000Z';
		const r = await ctl('POST', '/constant-contact/registrations', [
			{ registration_time: at, payment_method: 'DOOR', first_name: 'Ada' },
			{ registration_time: at, payment_method: 'STRIPE', tickets: 2 },
			{ registration_time: '2026-12-01T10:00:00.500Z', payment_method: null },
		]);
		expect(r.status).toBe(201);
		const made = r.body.registrations;
		expect(made.map((x) => [x.registration_time, x.payment_status, x.registration_status, x.total])).toEqual([
			[at, 'PENDING', 'REGISTERED', 25],
			[at, 'PAID', 'REGISTERED', 50],
			['2026-12-01T10:00:00.500Z', 'UNKNOWN', 'REGISTERED', 0],
		]);
		const after = await list(fixtures);
		expect(after.total_records).toBe(before.total_records + 3);
		const ids = made.map((x) => x.registration_id);
		const records = after.records.filter((x) => ids.includes(x.registration_id));
		expect(records.map((x) => x.registration_id)).toEqual(ids);
		expect(Object.keys(records[0])).toEqual(Object.keys(before.records[0]));
		expect(records[0]).toEqual(expect.objectContaining({ first_name: 'Ada', track_key: fixtures.trackId, tickets: 1 }));
		const detail = (await cc(`/events/${fixtures.eventId}/tracks/${fixtures.trackId}/registrations/${ids[1]}`)).body;
		expect(detail.order_summary).toEqual(expect.objectContaining({ payment_method: 'STRIPE', payment_status: 'PAID', payment_time: at }));
	});

	test('payment status and registration status changes between polls show in the list and its filters', async () => {
		const { fixtures } = await client.state('constant-contact');
		const [id] = fixtures.offlinePendingRegistrationIds;
		const paid = await ctl('PATCH', `/constant-contact/registrations/${id}`, { payment_status: 'PAID', payment_time: '2026-12-01T10:00:01.000Z' });
		expect(paid.status).toBe(200);
		expect(paid.body.previous.payment_status).toBe('PENDING');
		expect(paid.body.registration).toEqual(expect.objectContaining({ payment_status: 'PAID', payment_time: '2026-12-01T10:00:01.000Z' }));
		expect((await list(fixtures, '&payment_status=PAID')).records.map((x) => x.registration_id)).toContain(id);
		const canceled = await ctl('PATCH', `/constant-contact/registrations/${id}`, { registration_status: 'CANCELED' });
		expect(canceled.body.registration).toEqual(expect.objectContaining({ registration_status: 'CANCELED', eligible_checkin_tickets: 0 }));
		const rec = (await list(fixtures, '&registration_status=CANCELED')).records.find((x) => x.registration_id === id);
		expect(rec).toEqual(expect.objectContaining({ registration_status: 'CANCELED', payment_status: 'PAID' }));
		expect((await ctl('PATCH', `/constant-contact/registrations/${id}`, { payment_status: 'Paid' })).status).toBe(400);
		expect((await ctl('PATCH', `/constant-contact/registrations/${id}`, { total: 3 })).status).toBe(400);
		expect((await ctl('PATCH', '/constant-contact/registrations/nope', { payment_status: 'PAID' })).status).toBe(404);
		expect((await ctl('POST', '/constant-contact/registrations', { event_id: 'nope' })).status).toBe(400);
	});

	test('control calls cost no API quota and are not in the request log', async () => {
		await ctl('POST', '/constant-contact/registrations', {});
		expect(await client.requests('constant-contact')).toEqual([]);
		expect((await client.state('constant-contact')).quota).toEqual({});
	});
});
