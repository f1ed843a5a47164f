'use strict';
// Seeding and resetting must be linear (issue 15): 50,000 vivenu transactions used to take minutes
// because tickets were appended with Array#concat. This test asserts the data, not the time.
const { startEmulator } = require('../../emulators');
const { EmulatorClient, request } = require('../../emulators/client');
const vivenu = require('../../emulators/providers/vivenu');

const N = 50000;
const KEY = 'key_emulator_vivenu_demo';

jest.setTimeout(240000);

test('resets to 50,000 vivenu transactions with consistent tickets, served by the API', async () => {
	const emu = await startEmulator({ port: 0, providers: [vivenu] });
	try {
		const client = new EmulatorClient(emu.url);
		const res = await client.reset({ size: { vivenu: { transactions: N } } });
		expect(res.sizes.vivenu).toEqual({ events: 3, transactions: N });

		const state = emu.state.vivenu;
		expect(state.transactions).toHaveLength(N);
		const ids = new Set(state.transactions.map((t) => t._id));
		expect(ids.size).toBe(N);
		// list order: createdAt descending, then _id descending
		let outOfOrder = 0;
		for (let i = 1; i < N; i++) {
			const a = state.transactions[i - 1];
			const b = state.transactions[i];
			if (!(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a._id > b._id))) outOfOrder++;
		}
		expect(outOfOrder).toBe(0);
		// one ticket document per ticket cart item, each pointing at its transaction
		const cartItems = state.transactions.reduce((s, t) => s + t.tickets.length, 0);
		expect(state.tickets).toHaveLength(cartItems);
		expect(state.tickets.every((t) => ids.has(t.transactionId))).toBe(true);
		for (const f of ['newTransactionId', 'completeTransactionId', 'canceledTransactionId', 'posTransactionId']) {
			expect(ids.has(state.fixtures[f])).toBe(true);
		}

		const auth = { headers: { authorization: `Bearer ${KEY}` } };
		const first = await request('GET', `${emu.url}/vivenu/api/transactions?top=1`, auth);
		expect(first.body.total).toBe(N);
		expect(first.body.docs[0]._id).toBe(state.transactions[0]._id);
		const last = await request('GET', `${emu.url}/vivenu/api/transactions?top=1000&skip=${N - 1}`, auth);
		expect(last.body.docs.map((t) => t._id)).toEqual([state.transactions[N - 1]._id]);
		const tx = state.transactions[N - 1];
		const tickets = await request('GET', `${emu.url}/vivenu/api/transactions/${tx._id}/tickets`, auth);
		expect(tickets.body.map((t) => t.cartItemId)).toEqual(tx.tickets.map((it) => it._id));

		// and back to the default size
		await client.reset();
		expect(emu.state.vivenu.transactions).toHaveLength(60);
	} finally {
		await emu.close();
	}
});
