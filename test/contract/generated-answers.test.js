'use strict';
// Nodes cope with any answer the published documents allow: answers generated from the schemas (optional
// fields absent, nulls where allowed, any enum value) are served to Get, Get Many and the vivenu Trigger.
// No crash, and no field silently lost: raw output is the answer (without the secret), Simplify keeps every
// field it lists that the answer has. The emulator serves them as injected answers (left out of the contract log).
const vivenuSpec = require('./specs/vivenu.json');
const { generator, schemaNamed } = require('./generated');
const { triggerHarness } = require('../harness/trigger');
const { vivenuFixture, byId, CREDENTIAL_TYPES } = require('../vivenu/setup');
const { SIMPLE_FIELDS } = require('../../dist/nodes/Vivenu/helpers/output');

const SAMPLES = 6;
const SEED = 22;
const ctx = vivenuFixture();
const gen = generator(vivenuSpec, SEED);
const withoutSecret = ({ secret: _s, ...rest }) => rest;
/** The trigger removes provider `secret` tokens at every depth of its output (issue 21). */
const withoutSecrets = (v) =>
	Array.isArray(v) ? v.map(withoutSecrets)
		: v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'secret').map(([k, x]) => [k, withoutSecrets(x)]))
			: v;

function expectSimplified(out, answer) {
	for (const f of SIMPLE_FIELDS) if (answer[f] !== undefined) expect([f, out[f]]).toEqual([f, answer[f]]);
	expect(out.ticketCount).toBe(Array.isArray(answer.tickets) ? answer.tickets.length : 0);
}

describe('vivenu: generated TransactionResource answers', () => {
	test.each(Array.from({ length: SAMPLES }, (_, k) => k))('Get, raw and simplified (sample %i)', async () => {
		const answer = gen(schemaNamed('TransactionResource'));
		const id = ctx.fixtures.completeTransactionId;
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', path: `/api/transactions/${id}`, status: 200, body: answer, times: 2 });
		const raw = await ctx.run({ operation: 'get', transactionId: byId(id), simplify: false });
		expect(raw.error).toBeUndefined();
		expect(raw.items.map((i) => i.json)).toEqual([withoutSecret(answer)]);
		const simple = await ctx.run({ operation: 'get', transactionId: byId(id), simplify: true });
		expect(simple.error).toBeUndefined();
		expectSimplified(simple.items[0].json, answer);
	});

	test.each(Array.from({ length: SAMPLES }, (_, k) => k))('Get Many, one page (sample %i)', async () => {
		const docs = [gen(schemaNamed('TransactionResource')), gen(schemaNamed('TransactionResource'))];
		await ctx.client.fault({ provider: 'vivenu', method: 'GET', path: '/api/transactions', status: 200, body: { docs, total: docs.length } });
		const result = await ctx.run({ operation: 'getAll', returnAll: true, simplify: false });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(docs.map(withoutSecret));
	});
});

describe('vivenu Trigger: generated webhook payloads', () => {
	let t;
	afterEach(async () => {
		if (t) await t.close();
		t = undefined;
	});
	const TYPES = ['transaction.complete', 'transaction.canceled', 'transaction.partiallyCanceled', 'transaction.reservedBySystem', 'checkout.completed', 'checkout.aborted', 'checkout.detailsSubmitted', 'ticket.created', 'ticket.updated'];
	test('every webhook type, its documented payload passed on whole but for secret tokens', async () => {
		t = await triggerHarness({ node: 'dist/nodes/Vivenu/VivenuTrigger.node.js', parameters: { events: TYPES }, credentials: ctx.credentials(), credentialTypes: CREDENTIAL_TYPES });
		await t.activate();
		const key = t.savedStaticData['node:vivenu Trigger'].hmacKey;
		const sent = [];
		for (const type of TYPES) {
			const data = gen(schemaNamed(`webhook.${type}`));
			sent.push({ type, data: withoutSecrets(data) });
			const r = await ctx.client.triggerWebhook({ provider: 'vivenu', type, targetUrl: t.url, hmacKey: key, data });
			expect([type, r.status]).toEqual([type, 200]);
		}
		expect(t.executions.map((e) => ({ type: e[0].type, data: e[0].data }))).toEqual(sent);
	});
});
