'use strict';
// vivenu, continued (issue 22 item 5): Get Tickets, Get Cancellation Info, Get Many with Rich Results and
// both pickers fed answers generated from the published document; and every enum value of TransactionResource,
// TicketResource and the cancellation info (enumCover: one answer per value in turn, optional fields present)
// served through Get Many, Get Tickets and Get Cancellation Info. No crash, raw output is the answer without
// `secret`, Simplify keeps its fields, pickers list every record.
const vivenuSpec = require('./specs/vivenu.json');
const { generator, schemaNamed, enumCover } = require('./generated');
const { listSearch } = require('../support/list-search');
const { vivenuFixture, byId, NODE, CREDENTIAL_TYPES } = require('../vivenu/setup');
const { SIMPLE_FIELDS } = require('../../dist/nodes/Vivenu/helpers/output');

const SAMPLES = 3;
const samples = Array.from({ length: SAMPLES }, (_, k) => k);
const ctx = vivenuFixture();
const gen = generator(vivenuSpec, 2205);
const withoutSecret = ({ secret: _s, ...rest }) => rest;
const id = () => ctx.fixtures.completeTransactionId;
const serve = async (path, body, times = 1) => await ctx.client.fault({ provider: 'vivenu', method: 'GET', path, status: 200, body, times });
const picker = async (method) => await listSearch({ node: NODE, credentialTypes: CREDENTIAL_TYPES, credentials: ctx.credentials(), method });

describe('vivenu: generated answers for the other reads', () => {
	test.each(samples)('Get Tickets (sample %i)', async () => {
		const tickets = gen(schemaNamed('GET_Transactions_GetAllTransactionTickets_200_response'));
		await serve(`/api/transactions/${id()}/tickets`, tickets);
		const result = await ctx.run({ operation: 'getTickets', transactionId: byId(id()) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(tickets.map(withoutSecret));
	});

	test.each(samples)('Get Cancellation Info (sample %i)', async () => {
		const info = gen(schemaNamed('GET_Transactions_GetTransactionCancellationInfo_200_response'));
		await serve(`/api/transactions/${id()}/cancellations`, info);
		const result = await ctx.run({ operation: 'getCancellationInfo', transactionId: byId(id()) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ transactionId: id(), ...info }]);
	});

	test.each(samples)('Get Many with Rich Results (sample %i)', async () => {
		const page = gen(schemaNamed('GET_Transactions_GetAllTransactionsRich_200_response'));
		const docs = (page.docs || []).map((doc, k) => ({ ...doc, _id: `rich-${k}` }));
		await serve('/api/transactions/rich', { docs, total: docs.length });
		const result = await ctx.run({ operation: 'getAll', returnAll: true, rich: true, simplify: false });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(docs.map(withoutSecret));
	});

	// Two samples: the generated events and transactions are large (the slowest part of this file).
	test.each([0, 1])('event and transaction pickers (sample %i)', async () => {
		const events = gen(schemaNamed('GET_Events_GetAllEvents_200_response'));
		await serve('/api/events', events);
		const foundEvents = await picker('searchEvents');
		expect(foundEvents.results.map((r) => r.value)).toEqual((events.rows || []).map((e) => e._id));
		const page = gen(schemaNamed('GET_Transactions_GetAllTransactions_200_response'));
		await serve('/api/transactions', page);
		const foundTransactions = await picker('searchTransactions');
		expect(foundTransactions.results.map((r) => r.value)).toEqual((page.docs || []).map((t) => t._id));
		for (const r of [...foundEvents.results, ...foundTransactions.results]) expect(typeof r.name).toBe('string');
	});
});

describe('vivenu: every enum value', () => {
	test('TransactionResource through Get Many, raw and simplified', async () => {
		const cover = enumCover(vivenuSpec, schemaNamed('TransactionResource'));
		expect(cover.missing()).toEqual([]);
		// Get Many drops a repeated _id (pages shift while read); generated _ids are short words that repeat.
		const docs = cover.answers.map((doc, k) => ({ ...doc, _id: `tx-${k}` }));
		await serve('/api/transactions', { docs, total: docs.length }, 2);
		const raw = await ctx.run({ operation: 'getAll', returnAll: true, simplify: false });
		expect(raw.error).toBeUndefined();
		expect(raw.items.map((i) => i.json)).toEqual(docs.map(withoutSecret));
		const simple = await ctx.run({ operation: 'getAll', returnAll: true, simplify: true });
		expect(simple.error).toBeUndefined();
		expect(simple.items).toHaveLength(docs.length);
		docs.forEach((doc, k) => {
			for (const f of SIMPLE_FIELDS) if (doc[f] !== undefined) expect([k, f, simple.items[k].json[f]]).toEqual([k, f, doc[f]]);
		});
	});

	test('TicketResource through Get Tickets; the cancellation info through Get Cancellation Info', async () => {
		const tickets = enumCover(vivenuSpec, schemaNamed('GET_Transactions_GetAllTransactionTickets_200_response'));
		expect(tickets.missing()).toEqual([]);
		const all = tickets.answers.flat();
		await serve(`/api/transactions/${id()}/tickets`, all);
		const result = await ctx.run({ operation: 'getTickets', transactionId: byId(id()) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(all.map(withoutSecret));

		const infos = enumCover(vivenuSpec, schemaNamed('GET_Transactions_GetTransactionCancellationInfo_200_response'));
		expect(infos.missing()).toEqual([]);
		for (const info of infos.answers) await serve(`/api/transactions/${id()}/cancellations`, info);
		const input = infos.answers.map(() => ({ json: {} }));
		const out = await ctx.run({ operation: 'getCancellationInfo', transactionId: byId(id()) }, { input });
		expect(out.error).toBeUndefined();
		// Items may be sent concurrently: compared as a multiset.
		const sorted = (list) => list.map((x) => JSON.stringify(x)).sort();
		expect(sorted(out.items.map((i) => i.json))).toEqual(sorted(infos.answers.map((info) => ({ transactionId: id(), ...info }))));
	});
});
