'use strict';
// Deterministic seeded vivenu state: seller, API keys, events, transactions (with cart items) and tickets.
// Everything derives from rng + REFERENCE_DATE, never from the wall clock.
const C = require('./constants');
const P = require('./pools');
const { sortTransactions } = require('./order');

const DAY = 24 * 3600 * 1000;
const round2 = (x) => Math.round(x * 100) / 100;
const iso = (ms) => new Date(ms).toISOString();
const asciiFold = (s) =>
	s.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/ı/g, 'i')
		.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Weighted paymentStatus per transaction status. */
const PAYMENT_BY_STATUS = {
	COMPLETE: [['RECEIVED', 70], ['POS-RECEIVED', 10], ['LOCAL-RECEIVED', 8], ['EXTERNAL', 5], ['DISPUTE', 4], ['CHARGEBACK', 3]],
	NEW: [['AWAITING', 50], ['PENDING', 25], ['LOCAL-AWAITING', 15], ['LOCAL-PENDING', 10]],
	'RESERVED-BY-SYSTEM': [['AWAITING', 1]],
	ABORTED: [['FAILED', 60], ['CANCELED', 40]],
	CANCELED: [['REFUND', 55], ['CANCELED', 25], ['POS-CANCELED', 10], ['RECEIVED', 10]],
};
const STATUS_WEIGHTS = [['COMPLETE', 55], ['NEW', 15], ['CANCELED', 12], ['RESERVED-BY-SYSTEM', 8], ['ABORTED', 10]];

/** Always present (when size allows), so tests find every case with any seed. */
const GUARANTEED = [
	{ status: 'NEW', paymentStatus: 'AWAITING', fixture: 'newTransactionId' },
	{ status: 'COMPLETE', paymentStatus: 'RECEIVED', tickets: 3, product: true, fixture: 'completeTransactionId' },
	{ status: 'CANCELED', paymentStatus: 'REFUND', fixture: 'canceledTransactionId' },
	{ status: 'RESERVED-BY-SYSTEM', paymentStatus: 'AWAITING', fixture: 'reservedTransactionId' },
	{ status: 'ABORTED', paymentStatus: 'FAILED', fixture: 'abortedTransactionId' },
	{ status: 'COMPLETE', paymentStatus: 'RECEIVED', tickets: 2, fixture: 'completeTransactionId2' },
	{ status: 'NEW', paymentStatus: 'PENDING', fixture: 'newTransactionId2' },
	{ status: 'COMPLETE', paymentStatus: 'POS-RECEIVED', fixture: 'posTransactionId' },
];

function pspFor(rng, method) {
	switch (method) {
		case 'stripe': return `pi_3${rng.alnum(23)}`;
		case 'adyen': return rng.digits(16);
		case 'paypal': return `PAYID-${rng.chars(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
		case 'vivenu-payments': return `vp_${rng.hex(24)}`;
		default: return undefined;
	}
}

function fee(rng, createdAt, name, type, amount, value, total) {
	return { _id: rng.objectId(createdAt), amount, value, total: round2(total), type, name, exposed: true };
}

function makeSeller(rng) {
	const created = Date.parse('2023-03-14T09:26:53.589Z');
	const orgId = rng.objectId(created);
	return {
		_id: rng.objectId(created),
		orgId,
		name: 'Emulator Events GmbH',
		slug: 'emulator-events',
		email: 'tickets@emulator-events.example.com',
		currency: 'EUR',
		locale: 'de-DE',
		country: 'DE',
		timezone: 'Europe/Berlin',
		taxRate: 0.19,
		street: 'Am Sandtorkai 50',
		city: 'Hamburg',
		postal: '20457',
		createdAt: iso(created),
		updatedAt: '2026-06-02T11:04:12.000Z',
	};
}

function makeKeys(rng, seller) {
	const created = Date.parse('2026-01-10T08:00:00.000Z');
	const userId = rng.objectId(created - 400 * DAY);
	const mk = (key, name, active, offsetDays) => ({
		_id: rng.objectId(created + offsetDays * DAY),
		active,
		name,
		sellerId: seller._id,
		orgId: seller.orgId,
		key,
		createdBy: { type: 'USER', id: userId },
		createdAt: iso(created + offsetDays * DAY),
		updatedAt: iso(created + offsetDays * DAY),
	});
	return [mk(C.DEMO_KEY, 'Emulator demo key', true, 0), mk(C.SECOND_KEY, 'Emulator second key', true, 1), mk(C.INACTIVE_KEY, 'Revoked key', false, 2)];
}

function makeEvents(rng, seller, count, ref) {
	const events = [];
	for (let i = 0; i < count; i++) {
		const tpl = P.EVENTS[i % P.EVENTS.length];
		const created = ref - (60 + rng.int(0, 90)) * DAY;
		const start = ref + (10 + i * 14 + rng.int(0, 6)) * DAY + 18 * 3600 * 1000;
		const categories = [];
		const ticketTypes = [];
		const types = rng.shuffle(P.TICKET_TYPES.slice()).slice(0, 2 + (i % 3));
		for (const t of types) {
			let cat = categories.find((c) => c.name === t.category);
			if (!cat) {
				cat = { _id: rng.objectId(created), name: t.category, ref: rng.hex(8), amount: rng.int(2, 20) * 100 };
				categories.push(cat);
			}
			ticketTypes.push({ _id: rng.objectId(created), name: t.name, price: t.price, amount: rng.int(1, 10) * 100, active: true, categoryRef: cat.ref, sortingKey: ticketTypes.length });
		}
		const name = i < P.EVENTS.length ? tpl.name : `${tpl.name} (${Math.floor(i / P.EVENTS.length) + 1})`;
		events.push({
			_id: rng.objectId(created),
			sellerId: seller._id,
			name,
			slug: asciiFold(name).slice(0, 40),
			eventType: 'SINGLE',
			locationName: tpl.venue,
			locationStreet: tpl.street,
			locationCity: tpl.city,
			locationPostal: tpl.postal,
			locationCountry: tpl.country || 'DE',
			timezone: 'Europe/Berlin',
			start: iso(start),
			end: iso(start + 5 * 3600 * 1000),
			sellStart: iso(created + DAY),
			sellEnd: iso(start),
			maxAmount: categories.reduce((s, c) => s + c.amount, 0),
			maxAmountPerOrder: 10,
			visible: true,
			currency: 'EUR',
			categories,
			ticketTypes,
			createdAt: iso(created),
			updatedAt: iso(created + rng.int(1, 20) * DAY),
		});
	}
	return events;
}

function makeCustomers(rng, count) {
	const customers = [];
	for (let i = 0; i < count; i++) {
		const prename = rng.pick(P.PRENAMES);
		const lastname = rng.pick(P.LASTNAMES);
		const addr = rng.pick(P.ADDRESSES);
		customers.push({
			_id: rng.objectId(Date.parse('2025-01-01T00:00:00Z') + i * DAY),
			prename,
			lastname,
			email: `${asciiFold(prename)}.${asciiFold(lastname)}${i % 7 === 0 ? rng.int(1, 99) : ''}@${rng.pick(P.EMAIL_DOMAINS)}`,
			company: rng.pick(P.COMPANIES),
			...addr,
		});
	}
	return customers;
}

/** historyEntries[].type of a status change, from the document's enum. */
const HISTORY_TYPE_FOR_STATUS = { COMPLETE: 'completed', CANCELED: 'canceled', ABORTED: 'aborted' };

function makeTransaction(rng, spec, ctx) {
	const { seller, event, customer, ref } = ctx;
	const { status, paymentStatus } = spec;
	// spec.createdMs / spec.updatedMs: fixed times for transactions made by a control call (never by the seeder).
	const createdMs = spec.createdMs ?? ref - Math.floor(rng.next() * 30 * DAY) - 60 * 1000;
	const maxLag = Math.min(ref - createdMs, status === 'COMPLETE' || status === 'NEW' ? 2 * 3600 * 1000 : 6 * DAY);
	const updatedMs = spec.updatedMs ?? createdMs + Math.floor(rng.next() * maxLag);
	const createdAt = iso(createdMs);
	const updatedAt = iso(updatedMs);
	const _id = rng.objectId(createdMs);

	const isPos = paymentStatus.startsWith('POS-');
	const isLocal = paymentStatus.startsWith('LOCAL-');
	const origin = isPos ? 'pos' : 'yourticket';
	// vivenu's document has no "adyen" payment method: vivenu Payments runs on Adyen, so an Adyen reference
	// belongs to paymentMethod "vivenu-payments" (one pick, as before, keeps the seeded data unchanged otherwise).
	const processor = isPos || isLocal ? 'local' : paymentStatus === 'EXTERNAL' ? 'external' : rng.pick(['stripe', 'adyen', 'paypal', 'vivenu-payments']);
	const paymentMethod = processor === 'adyen' ? 'vivenu-payments' : processor;
	const psp = pspFor(rng, processor);

	// cart items
	const nTickets = spec.tickets || rng.int(1, 3);
	const ticketItems = [];
	for (let i = 0; i < nTickets; i++) {
		const tt = rng.pick(event.ticketTypes);
		ticketItems.push({ type: 'ticket', _id: rng.objectId(createdMs), ticketTypeId: tt._id, name: tt.name, amount: 1, price: tt.price, categoryRef: tt.categoryRef, triggeredBy: [] });
	}
	const products = [];
	if (spec.product || rng.bool(0.2)) {
		const pr = rng.pick(P.PRODUCTS);
		const _id = rng.objectId(createdMs);
		rng.objectId(createdMs - 30 * DAY); // was the product's ID, which the document's cart line does not have: drawn still, so the rest of the seed stays the same
		products.push({ type: 'product', _id, productVariantId: pr.variantId, name: pr.name, amount: 1, price: pr.price, taxRate: 0.19 });
	}
	const coupon = rng.bool(0.12) ? { _id: rng.objectId(createdMs - 10 * DAY), code: rng.pick(['EARLY10', 'FRIENDS10', 'PRESS10']) } : null;
	const itemsTotal = [...ticketItems, ...products].reduce((s, it) => s + it.price * it.amount, 0);
	const discount = coupon ? round2(itemsTotal * 0.1) : 0;
	const serviceFee = isPos ? 0 : 1.5;
	const outerCharge = round2(serviceFee * nTickets);
	const regularPrice = round2(itemsTotal + outerCharge);
	const realPrice = round2(regularPrice - discount);
	const innerCharge = round2(realPrice * 0.03);
	const paymentCharge = isPos || isLocal ? 0 : round2(0.25 + realPrice * 0.014);

	const histories = [{ _id: rng.objectId(createdMs), date: createdAt, title: 'Transaction created', message: `Order via ${origin}`, type: 'YOURTICKET', risk: 'NEUTRAL' }];
	const entries = [{ _id: rng.objectId(createdMs), date: createdAt, data: {}, type: 'created', risk: 'NEUTRAL' }];
	if (status !== 'NEW' && status !== 'RESERVED-BY-SYSTEM') {
		histories.push({ _id: rng.objectId(updatedMs), date: updatedAt, title: `Status changed to ${status}`, message: '', type: 'YOURTICKET', risk: 'NEUTRAL' });
		entries.push({ _id: rng.objectId(updatedMs), date: updatedAt, data: { status }, type: HISTORY_TYPE_FOR_STATUS[status] || 'created', risk: 'NEUTRAL' });
	}
	const ipBlock = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
	const ua = rng.pick(P.USER_AGENTS);

	const tx = {
		_id,
		sellerId: seller._id,
		customerId: customer._id,
		eventId: event._id,
		company: customer.company,
		name: `${customer.prename} ${customer.lastname}`,
		prename: customer.prename,
		lastname: customer.lastname,
		email: customer.email,
		street: customer.street,
		line2: '',
		city: customer.city,
		state: '',
		country: customer.country,
		postal: customer.postal,
		tickets: ticketItems,
		products,
		additionalItems: [],
		currency: 'EUR',
		regularPrice,
		realPrice,
		paymentCharge,
		innerCharge,
		outerCharge,
		innerFeeComponents: { _id: rng.objectId(createdMs), fix: [], var: [fee(rng, createdMs, 'Ticketing fee', 'onCart', 1, 0.03, innerCharge)] },
		outerFeeComponents: { _id: rng.objectId(createdMs), fix: outerCharge ? [fee(rng, createdMs, 'Service fee', 'onTicket', nTickets, serviceFee, outerCharge)] : [], var: [] },
		taxRate: 0.19,
		createdAt,
		updatedAt,
		status,
		psp,
		paymentMethod,
		paymentInfo: {
			_id: rng.objectId(createdMs),
			psp,
			gateway: 'managed',
			providerType: 'vivenu',
			providerId: rng.objectId(createdMs - 90 * DAY),
			method: paymentMethod === 'paypal' ? 'paypal' : isPos || isLocal ? 'cash' : rng.pick(['card', 'card', 'sepa_debit', 'giropay']),
			locale: 'de-DE',
			riskLevel: 'normal',
			riskScore: rng.int(0, 40),
		},
		paymentStatus,
		origin,
		history: histories,
		historyEntries: entries,
		ticketMailSend: status === 'COMPLETE' || status === 'CANCELED',
		orderMailSend: status === 'COMPLETE' || status === 'CANCELED',
		extraFields: {},
		channel: isPos ? 'pos' : 'web',
		secret: rng.hex(32),
		vouchers: [],
		redeemedVouchers: { totalRedeemedAmount: 0, vouchers: [] },
		appliedCoupons: coupon ? [coupon] : [],
		appliedDiscountGroups: [],
		posDiscounts: [],
		preferredLanguage: rng.pick(['de', 'de', 'en']),
		invoiceVersion: 'v2',
	};
	if (!psp) {
		delete tx.psp;
		delete tx.paymentInfo.psp;
	}
	if (isPos) {
		tx.posId = rng.objectId(createdMs - 200 * DAY);
		tx.posInfo = { _id: rng.objectId(createdMs), sessionId: rng.objectId(createdMs), billingNo: `B-${rng.digits(6)}`, taxId: 'DE123456789', paymentMethod: rng.pick(['cash', 'card']) };
	} else {
		tx.userAgent = { _id: rng.objectId(createdMs), ua: ua.ua, browser: ua.browser, device: ua.device, engine: {}, os: ua.os, cpu: {} };
		tx.ipLookup = { ip: `${ipBlock}.${rng.int(1, 254)}`, lookup: { range: [], country: customer.country, region: '', eu: '1', timezone: 'Europe/Berlin', city: customer.city, ll: [], metro: 0, area: 20 } };
	}
	if (status === 'CANCELED') tx.cancellationReason = rng.pick(C.CANCELLATION_REASON.slice(0, 3));

	const ticketStatus = status === 'COMPLETE' ? 'VALID' : status === 'NEW' || status === 'RESERVED-BY-SYSTEM' ? 'RESERVED' : 'INVALID';
	const tickets = ticketItems.map((item) => {
		const tt = event.ticketTypes.find((t) => t._id === item.ticketTypeId);
		const cat = event.categories.find((c) => c.ref === tt.categoryRef);
		return {
			_id: rng.objectId(createdMs),
			sellerId: seller._id,
			email: customer.email,
			name: `${customer.prename} ${customer.lastname}`,
			firstname: customer.prename,
			lastname: customer.lastname,
			eventId: event._id,
			rootEventId: event._id,
			transactionId: _id,
			categoryRef: tt.categoryRef,
			categoryName: cat.name,
			ticketTypeId: tt._id,
			cartItemId: item._id,
			triggeredBy: [],
			ticketName: tt.name,
			currency: 'EUR',
			regularPrice: tt.price,
			realPrice: coupon ? round2(tt.price * 0.9) : tt.price,
			completed: status === 'COMPLETE',
			createdAt,
			updatedAt,
			status: ticketStatus,
			secret: rng.hex(24),
			barcode: rng.chars(12, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'),
			type: 'SINGLE',
			origin,
			extraFields: {},
			deliveryType: 'VIRTUAL',
			readyForDelivery: status === 'COMPLETE',
			customerId: customer._id,
			personalized: false,
			history: [],
			__v: 0,
		};
	});
	return { tx, tickets };
}

function createState({ size, rng }) {
	const ref = Date.parse(C.REFERENCE_DATE);
	const nEvents = Math.max(1, size.events ?? 3);
	const nTx = Math.max(0, size.transactions ?? 60);
	const seller = makeSeller(rng);
	const apiKeys = makeKeys(rng, seller);
	const events = makeEvents(rng, seller, nEvents, ref);
	const customers = makeCustomers(rng, Math.max(1, Math.ceil(nTx / 2)));

	const specs = GUARANTEED.slice(0, nTx).map((g) => ({ ...g }));
	while (specs.length < nTx) {
		const status = rng.weighted(STATUS_WEIGHTS);
		specs.push({ status, paymentStatus: rng.weighted(PAYMENT_BY_STATUS[status]) });
	}
	rng.shuffle(specs);

	let transactions = [];
	const tickets = [];
	const fixtureTx = {};
	specs.forEach((spec, i) => {
		// the first events get at least one transaction each; afterwards random
		const event = i < events.length ? events[i] : rng.pick(events);
		const { tx, tickets: t } = makeTransaction(rng, spec, { seller, event, customer: rng.pick(customers), ref });
		if (spec.fixture) fixtureTx[spec.fixture] = tx._id;
		transactions.push(tx);
		// push, not concat: concat copies the whole array each time, which made 50,000 transactions take minutes.
		for (const ticket of t) tickets.push(ticket);
	});
	// Keep list order (createdAt desc, then _id desc): the list endpoints rely on it.
	transactions = sortTransactions(transactions);

	return {
		referenceDate: C.REFERENCE_DATE,
		seller,
		apiKeys,
		events,
		transactions,
		tickets,
		cancellations: [],
		webhooks: [],
		/** Control-API settings: { refuseLocalUrls?, mode? } (POST /_emulator/vivenu/webhook-settings). */
		webhookSettings: { refuseLocalUrls: false, mode: 'dev' },
		mails: [],
		fixtures: {
			apiKey: C.DEMO_KEY,
			secondApiKey: C.SECOND_KEY,
			inactiveApiKey: C.INACTIVE_KEY,
			sellerId: seller._id,
			eventIds: events.map((e) => e._id),
			...Object.fromEntries(GUARANTEED.filter((g) => fixtureTx[g.fixture]).map((g) => [g.fixture, fixtureTx[g.fixture]])),
		},
	};
}

module.exports = { createState, round2, makeTransaction, makeCustomers, PAYMENT_BY_STATUS };
