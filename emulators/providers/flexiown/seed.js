'use strict';
// Deterministic seeded Flexiown state: two merchants, their API keys, and payments in every status,
// each with the order id, product list and trust values a merchant would have stored at creation.
// Everything derives from rng + REFERENCE_DATE, never from the wall clock.
const C = require('./constants');
const { trustValueFor, trustSeedFor } = require('./trust');
const { round2 } = require('./common');

const PRODUCTS = [
	{ name: 'HISENSE 100L5F 100" LASER TV', sku: '100L5F', price: 12657 },
	{ name: 'Samsung 65" Crystal UHD Smart TV', sku: 'UA65DU7010', price: 11999 },
	{ name: 'Defy 13 Place Dishwasher', sku: 'DDW232', price: 6499 },
	{ name: 'LG 9kg Front Loader Washing Machine', sku: 'F4R3VYG6P', price: 8999 },
	{ name: 'Apple iPhone 15 128GB', sku: 'MTP03AA', price: 16999 },
	{ name: 'Lenovo IdeaPad Slim 3 15"', sku: '83ER0069SA', price: 9499 },
	{ name: 'Bosch Serie 4 Fridge Freezer', sku: 'KGN36VLEC', price: 13999 },
	{ name: 'Sony PlayStation 5 Slim', sku: 'CFI-2016', price: 10999 },
	{ name: 'Russell Hobbs 30L Microwave', sku: 'RHEM30', price: 2199 },
	{ name: 'Dyson V15 Detect Vacuum', sku: 'SV47', price: 14999 },
];
const FIRST = ['Thandi', 'Sipho', 'Lerato', 'Johan', 'Ayesha', 'Pieter', 'Nomsa', 'Kagiso', 'Zanele', 'Ruan'];
const LAST = ['Nkosi', 'Dlamini', 'van der Merwe', 'Naidoo', 'Botha', 'Mokoena', 'Pillay', 'Khumalo', 'Smith', 'Mahlangu'];

/** Present whatever the size, so tests find every case with any seed. */
const GUARANTEED = [
	{ status: 'pending', fixture: 'pendingPaymentId' },
	{ status: 'confirmed', fixture: 'confirmedPaymentId' },
	{ status: 'confirmed', fixture: 'confirmedPaymentId2' },
	{ status: 'processing', fixture: 'processingPaymentId' },
	{ status: 'completed', fixture: 'completedPaymentId' },
	{ status: 'cancelled', fixture: 'cancelledPaymentId' },
	{ status: 'expired', fixture: 'expiredPaymentId' },
	{ status: 'confirmed', fixture: 'otherMerchantPaymentId', merchant: 1 },
];
const RANDOM_STATUS = [['confirmed', 30], ['completed', 30], ['pending', 15], ['cancelled', 15], ['expired', 5], ['failed', 5]];

const iso = (ms) => new Date(ms).toISOString();

/** One product as the vendor plugin builds it (build_product_list), literal "string" placeholders included. */
function productLine(rng, p, merchantProductId) {
	return {
		name: p.name,
		sku: p.sku,
		quantity: String(rng.weighted([[1, 85], [2, 15]])),
		price: p.price.toFixed(2),
		description: 'string',
		brand: 'string',
		merchant_product_id: String(merchantProductId),
		vendor: { vendor_id: 'string', url: 'string', name: 'string' },
		images: [`https://shop.emulator.example.co.za/wp-content/uploads/${p.sku}.jpeg`],
		barcodes: [''],
		categories: [],
		properties: [{ key: 'string', value: 'string' }],
	};
}

function makeMerchants() {
	return [
		{ id: 'merchant-emulator-appliances', name: 'Emulator Appliances (Pty) Ltd', activationPeriodExpiry: 600, completionPeriodExpiry: 86400 },
		{ id: 'merchant-emulator-other', name: 'Other Emulator Store', activationPeriodExpiry: 900, completionPeriodExpiry: 172800 },
	];
}

function makeKeys(merchants) {
	return [
		{ key: C.DEMO_KEY, merchantId: merchants[0].id, active: true, name: 'Emulator demo key' },
		{ key: C.OTHER_MERCHANT_KEY, merchantId: merchants[1].id, active: true, name: 'Other merchant key' },
		{ key: C.REVOKED_KEY, merchantId: merchants[0].id, active: false, name: 'Revoked key' },
	];
}

function makePayment(rng, spec, merchant, index, ref) {
	const createdAt = ref - (index + 1) * 3 * 3600 * 1000 - rng.int(0, 3000) * 1000;
	const orderId = String(41000 + index * 7 + rng.int(0, 6));
	const count = rng.weighted([[1, 70], [2, 25], [3, 5]]);
	const picked = rng.shuffle([...PRODUCTS]).slice(0, count);
	const products = picked.map((p, j) => productLine(rng, p, 5000 + PRODUCTS.indexOf(p) * 13 + j));
	const total = round2(products.reduce((s, p) => s + Number(p.price) * Number(p.quantity), 0));
	const first = rng.pick(FIRST);
	const last = rng.pick(LAST);
	return {
		id: rng.uuid(),
		merchantId: merchant.id,
		orderId,
		status: spec.status,
		trustValue: trustValueFor(orderId),
		trustSeed: trustSeedFor(products),
		altTrustValue: '',
		products,
		customer: {
			first_Name: first,
			last_Name: last,
			email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.co.za',
			mobile: `08${rng.digits(8)}`,
		},
		finalAmount: total.toFixed(2),
		successRedirectUrl: `https://shop.emulator.example.co.za/checkout/order-received/${orderId}/?order_id=${orderId}`,
		failureRedirectUrl: `https://shop.emulator.example.co.za/checkout/order-received/${orderId}/?status=cancelled`,
		createdAt: iso(createdAt),
		updatedAt: iso(createdAt),
		activationBy: iso(createdAt + merchant.activationPeriodExpiry * 1000),
		expiresOn: iso(createdAt + merchant.completionPeriodExpiry * 1000),
		history: [],
	};
}

function createState({ rng, size = {} }) {
	const ref = Date.parse(C.REFERENCE_DATE);
	const merchants = makeMerchants();
	const apiKeys = makeKeys(merchants);
	const n = Math.max(GUARANTEED.length, size.payments ?? 16);
	const specs = GUARANTEED.map((g) => ({ ...g }));
	while (specs.length < n) specs.push({ status: rng.weighted(RANDOM_STATUS) });

	const fixtures = {
		apiKey: C.DEMO_KEY,
		otherMerchantApiKey: C.OTHER_MERCHANT_KEY,
		revokedApiKey: C.REVOKED_KEY,
		merchantId: merchants[0].id,
	};
	const payments = specs.map((spec, i) => {
		const p = makePayment(rng, spec, merchants[spec.merchant || 0], i, ref);
		if (spec.fixture) fixtures[spec.fixture] = p.id;
		return p;
	});

	// The payment of the docs' JavaScript example: its trust seed is the docs' hand-formatted fragment
	// (not derivable from a product array), so it exercises "provide as is".
	const d = C.DOCS_PAYMENT;
	payments.push({
		...makePayment(rng, { status: 'confirmed' }, merchants[0], specs.length, ref),
		id: d.id,
		orderId: d.orderId,
		trustValue: d.trustValue,
		trustSeed: d.trustSeed,
	});
	fixtures.docsPaymentId = d.id;

	return { referenceDate: C.REFERENCE_DATE, merchants, apiKeys, payments, lookups: 0, fixtures };
}

module.exports = { createState, PRODUCTS };
