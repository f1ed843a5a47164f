'use strict';
// Issue 21, item 8 in n8n's engine against the emulators: control characters in e-mails and URLs, money above
// the package's bound, and vivenu Create Cancellation's missing amount are refused naming the field and the
// item, before anything is sent.
const { flexiownFixture } = require('../flexiown/setup');
const { createPaymentParams } = require('../flexiown/create-params');
const { rcpFixture, rl } = require('../restrict-content-pro/setup');
const { vivenuFixture, byId } = require('../vivenu/setup');

const writesOf = (requests) => requests.filter((r) => r.method !== 'GET');

describe('Flexiown Create: URLs, e-mail and money', () => {
	const ctx = flexiownFixture();

	test.each([
		['Success Redirect URL', { successRedirectUrl: 'https://shop.example/ok\u0007' }, /^Success Redirect URL: contains a control or invisible character \(U\+0007\) \[item 0\]$/],
		['Failure Redirect URL', { failureRedirectUrl: 'https://shop.example/\u202efailed' }, /^Failure Redirect URL: contains a control or invisible character \(U\+202E\) \[item 0\]$/],
		['Customer Email', { additionalFields: { customerEmail: 'ann\u0000@example.com' } }, /^Additional Fields → Customer Email: contains a control or invisible character \(U\+0000\) \[item 0\]$/],
		['Shipping Amount', { additionalFields: { shippingAmount: 1e21 } }, /^Additional Fields → Shipping Amount: 1e\+21 is above 1000000000/],
		['Price', { products: { product: [{ name: 'TV', sku: 'TV-1', quantity: 1, price: 1e21 }] } }, /^Products → Product 1 → Price: 1e\+21 is above 1000000000/],
		['order total', { products: { product: [{ name: 'TV', sku: 'TV-1', quantity: 3, price: 900000000 }] } }, /^Products: add up to an order total of 2700000000\.00, above 1000000000/],
	])('%s is refused naming the field; nothing is sent', async (_name, over, message) => {
		const result = await ctx.run({ ...createPaymentParams(), ...over }, { input: [{ json: { orderId: 'gap-1' } }], continueOnFail: true });
		expect(result.items[0].json.error).toMatch(message);
		expect(result.items[0].json.outcome).toBe('not-done');
		expect(writesOf(await ctx.requests())).toEqual([]);
	});
});

describe('Restrict Content Pro Create: money above the bound', () => {
	const ctx = rcpFixture();

	test('an amount of 1e21 is refused naming Amount; nothing is sent', async () => {
		const result = await ctx.run({ operation: 'create', userId: '10', amount: 1e21, level: rl('id', '2') }, { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/^Amount: 1e\+21 is above 1000000000 \(this package's upper bound for an amount\) \[item 0\]$/);
		expect(writesOf(await ctx.requests())).toEqual([]);
	});
});

describe('vivenu: e-mail control characters and Create Cancellation amounts (money, UNVERIFIED)', () => {
	const ctx = vivenuFixture();
	const cancellation = (amount) => ({
		operation: 'createCancellation',
		transactionId: byId(ctx.fixtures.completeTransactionId),
		itemsMode: 'amounts',
		itemAmounts: { item: [{ _id: 'cart1', amount }] },
	});

	test('Send Ticket Mail to an address with a right-to-left override is refused', async () => {
		const result = await ctx.run({ operation: 'sendTicketMail', transactionId: byId(ctx.fixtures.completeTransactionId), email: 'moc.elpmaxe@\u202enna' }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Email: contains a control or invisible character (U+202E) [item 0]');
		expect(writesOf(await ctx.requests())).toEqual([]);
	});

	test('a missing amount is refused, never sent as 0', async () => {
		const result = await ctx.run(cancellation('={{ $json.nothing }}'), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Items → Item 1 → Amount: is empty [item 0]');
		expect(writesOf(await ctx.requests())).toEqual([]);
	});

	test('an amount above the bound is refused', async () => {
		const result = await ctx.run(cancellation(1e21), { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/^Items → Item 1 → Amount: 1e\+21 is above 1000000000/);
		expect(writesOf(await ctx.requests())).toEqual([]);
	});
});
