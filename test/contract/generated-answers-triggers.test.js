'use strict';
// The polling triggers fed generated answers (issue 22 item 5): the RCP Trigger's payments list (our own
// derived schema, every status value) and the Constant Contact Trigger's registrations page (the published
// PaginatedRegistrations): a first poll with a back-fill emits each record whole, matched by ID. And the
// Fourvenues Trigger's two webhook payloads (our own derived schemas), each passed on whole.
const crypto = require('crypto');
const rcpSpec = require('./specs/restrict-content-pro.json');
const ccSpec = require('./specs/constant-contact.json');
const { generator, schemaNamed, enumCover } = require('./generated');
const { triggerHarness } = require('../harness/trigger');
const { rcpFixture, CREDENTIAL_TYPES: RCP_TYPES } = require('../restrict-content-pro/setup');
const cc = require('../constant-contact/helpers');
const { providerFixture } = require('../support/emulator');
const fourvenuesSpec = require('./specs/fourvenues.json');
const fv = require('../fourvenues/setup');

let t;
afterEach(async () => {
	if (t) await t.close();
	t = undefined;
});

describe('Restrict Content Pro Trigger: generated payments', () => {
	const ctx = rcpFixture();
	test('every status value; a back-filled first poll emits each payment whole, newest ID last', async () => {
		const schema = rcpSpec.paths['/rcp/v1/payments/{id}'].get.responses['200'].content['application/json'].schema;
		const cover = enumCover(rcpSpec, schema, { seed: 2209 });
		expect(cover.missing()).toEqual([]);
		// Newest first, IDs the AUTO_INCREMENT integers the trigger tracks.
		const payments = cover.answers.map((p, k) => ({ ...p, id: String(cover.answers.length - k) }));
		await ctx.client.fault({ provider: 'restrict-content-pro', method: 'GET', path: '/\\/rcp\\/v1\\/payments$/', status: 200, body: payments });
		t = await triggerHarness({ node: 'dist/nodes/RestrictContentPro/RestrictContentProTrigger.node.js', parameters: { events: ['newPayment'], backfill: 1000 }, credentials: ctx.credentials(), credentialTypes: RCP_TYPES });
		const { items } = await t.poll();
		expect(items.map((i) => i.payment)).toEqual(payments.slice().reverse());
	});
});

describe('Constant Contact Trigger: generated registrations', () => {
	const ctx = providerFixture(cc.PROVIDER);
	const gen = generator(ccSpec, 2210);
	test.each([0, 1, 2])('a back-filled first poll emits each registration whole (sample %i)', async () => {
		const page = gen(schemaNamed('PaginatedRegistrations'));
		delete page.next_cursor;
		delete page._links;
		// registration_id is optional in the document; a record without one cannot be tracked, so each gets one.
		const records = (page.records = Array.from({ length: 5 }, (_, k) => ({ ...gen(schemaNamed('RegistrantInformationLiteDto')), registration_id: `r-${k}` })));
		await ctx.client.fault({ provider: cc.PROVIDER, method: 'GET', path: '/registrations$/', status: 200, body: page });
		t = await triggerHarness({
			node: 'dist/nodes/ConstantContact/ConstantContactTrigger.node.js',
			parameters: { eventId: { __rl: true, mode: 'id', value: ctx.fixtures.eventId }, trackId: { __rl: true, mode: 'id', value: ctx.fixtures.trackId }, events: ['newRegistration'], pageSize: 500, backfill: 1000 },
			credentials: { constantContactOAuth2Api: cc.credentialData(ctx.emulator) },
			credentialTypes: cc.CREDENTIAL_TYPES,
		});
		const { items } = await t.poll();
		const byId = (list) => list.slice().sort((a, b) => (a.registration_id < b.registration_id ? -1 : 1));
		expect(byId(items.map((i) => i.registration))).toEqual(byId(records));
	});
});

describe('Fourvenues Trigger: generated webhook payloads', () => {
	const ctx = fv.fourvenuesFixture();
	const gen = generator(fourvenuesSpec, 2211);
	test('both webhook events, each payload passed on whole', async () => {
		t = await triggerHarness({ node: 'dist/nodes/Fourvenues/FourvenuesTrigger.node.js', parameters: { events: ['payment.success', 'ticket.request_refund'] }, credentials: ctx.credentials(), credentialTypes: fv.CREDENTIAL_TYPES });
		await t.activate();
		const secret = t.savedStaticData['node:Fourvenues Trigger'].signSecret;
		const sent = [];
		for (let k = 0; k < 6; k++) {
			const type = k % 2 ? 'ticket.request_refund' : 'payment.success';
			// Unique IDs: the trigger starts one execution per payment or ticket (exactly once).
			const payload = { ...gen(schemaNamed(`webhook.${type}`)), ...(k % 2 ? { ticket_id: `t-${k}` } : { payment_id: `p-${k}` }) };
			sent.push({ event: type, payload });
			// Signed and delivered here: the emulator's trigger reads a payload with an ID as a reference to its own record.
			const rawBody = JSON.stringify({ id: `evt_${k}`, event: type, payload });
			const r = await t.deliver({ rawBody, headers: { 'x-webhook-id': `evt_${k}`, 'x-webhook-signature': crypto.createHmac('sha256', secret).update(rawBody).digest('hex') } });
			expect([type, r.status]).toEqual([type, 200]);
		}
		expect(t.executions.map((e) => ({ event: e[0].event, payload: e[0].payload }))).toEqual(sent);
	});
});
