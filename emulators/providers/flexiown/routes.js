'use strict';
// Flexiown Payments API routes, served under both /api and /api/v1 (relative to the /flexiown prefix).
//   GET  merchant            merchant settings (vendor plugin only; used as the credential test)
//   POST payment/create      request a payment
//   GET  status/:id          payment merchant status (trust_signature = SHA-256(trust_Value + trust_Seed))
//   POST status/:id          update payment status (the seed document)
//   POST product             real-time product lookup (one product or an array)
const crypto = require('crypto');
const C = require('./constants');
const {
	authed, field, objectBody, validationError, notFoundError, unauthorized, isUuid, isBlank, toAmount, round2, isAbsoluteUrl, titleCase,
} = require('./common');
const { trustSignature } = require('./trust');

const ok = (body, status = 200) => ({ status, body });

function merchantOf(state, key) {
	return state.merchants.find((m) => m.id === key.merchantId);
}

/** The payment, if it exists and belongs to the key's merchant; otherwise the API's 404 problem. */
function requirePayment(state, id, key, dtoName) {
	const p = state.payments.find((x) => x.id.toLowerCase() === String(id).toLowerCase());
	if (!p || p.merchantId !== key.merchantId) throw notFoundError(`Can't find an ${dtoName} with Id: ${id}`);
	return p;
}

function requireUuidParam(id) {
	if (!isUuid(id)) throw validationError({ id: [`The value '${id}' is not valid.`] });
}

/** Emulator rule for the "cheapest monthly price": 36 months with a fixed 45% cost of credit. */
const monthlyPrice = (unitPrice, quantity) => round2((unitPrice * quantity * 1.45) / 36);

function lookupOne(product, path, errors) {
	const sku = field(product, 'sku');
	const price = toAmount(field(product, 'price'));
	const quantityRaw = field(product, 'quantity');
	const quantity = isBlank(quantityRaw) ? 1 : Number(quantityRaw);
	if (!product || typeof product !== 'object' || Array.isArray(product)) {
		errors[path || '$'] = ['A product object is required.'];
		return null;
	}
	if (isBlank(sku)) errors[`${path}sku`] = ['The sku field is required.'];
	if (price === undefined) errors[`${path}price`] = ['The price field is required and must be a number.'];
	if (!Number.isInteger(quantity) || quantity < 1) errors[`${path}quantity`] = ['The quantity must be a whole number of at least 1.'];
	if (isBlank(sku) || price === undefined || !Number.isInteger(quantity) || quantity < 1) return null;
	const accepted =
		price >= C.MIN_PRICE && price <= C.MAX_PRICE && !String(sku).toUpperCase().startsWith(C.REJECT_SKU_PREFIX);
	return { sku: String(sku), accepted, price: accepted ? monthlyPrice(price, quantity) : 0 };
}

function validateCreate(body) {
	const errors = {};
	const products = field(body, 'products');
	const redirects = field(body, 'redirects');
	const customer = field(body, 'customer');
	if (!Array.isArray(products) || products.length === 0) errors.products = ['The products field is required.'];
	if (!redirects || typeof redirects !== 'object' || Array.isArray(redirects)) {
		errors.redirects = ['The redirects field is required.'];
	} else {
		for (const name of ['order_Id', 'trust_Value', 'trust_Seed']) {
			if (isBlank(field(redirects, name))) errors[`redirects.${name}`] = [`The ${name} field is required.`];
		}
		for (const name of ['success_Redirect_Url', 'failure_Redirect_Url']) {
			const v = field(redirects, name);
			if (isBlank(v)) errors[`redirects.${name}`] = [`The ${name} field is required.`];
			else if (!isAbsoluteUrl(v)) errors[`redirects.${name}`] = [`The ${name} field is not a valid fully-qualified http or https URL.`];
		}
		for (const name of ['final_Amount', 'tax_Amount', 'shipping_Amount', 'discount']) {
			const v = field(redirects, name);
			if (!isBlank(v) && toAmount(v) === undefined) errors[`redirects.${name}`] = [`The value '${v}' is not valid for ${name}.`];
		}
	}
	if (customer !== undefined && customer !== null) {
		const email = field(customer, 'email');
		if (!isBlank(email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(email))) errors['customer.email'] = ['The email field is not a valid e-mail address.'];
	}
	const results = [];
	if (Array.isArray(products)) {
		products.forEach((p, i) => {
			if (isBlank(field(p, 'name'))) errors[`products[${i}].name`] = ['The name field is required.'];
			results.push(lookupOne(p, `products[${i}].`, errors));
		});
	}
	return { errors, results, products, redirects, customer };
}

function registerApi(router, prefix) {
	router.get(`${prefix}/merchant`, authed((req, c, key) => {
		const m = merchantOf(c.state, key);
		return ok({ name: m.name, activationPeriodExpiry: m.activationPeriodExpiry, completionPeriodExpiry: m.completionPeriodExpiry });
	}));

	router.post(`${prefix}/payment/create`, authed((req, c, key) => {
		const body = objectBody(req);
		const { errors, results, products, redirects, customer } = validateCreate(body);
		if (Object.keys(errors).length) throw validationError(errors);
		const rejected = results.map((r, i) => ({ r, i })).filter(({ r }) => !r.accepted);
		if (rejected.length) {
			const errs = {};
			for (const { r, i } of rejected) errs[`products[${i}].sku`] = [`Product '${r.sku}' is not eligible for Flexiown.`];
			return ok({ success: false, id: null, redirect_url: null, errors: errs, products: results });
		}
		const merchant = merchantOf(c.state, key);
		const now = c.now().getTime();
		const id = crypto.randomUUID();
		const trustValue = String(field(redirects, 'trust_Value'));
		const trustSeed = String(field(redirects, 'trust_Seed'));
		const total = round2(products.reduce((s, p) => s + toAmount(field(p, 'price')) * Number(field(p, 'quantity') ?? 1), 0));
		const finalAmount = toAmount(field(redirects, 'final_Amount'));
		const payment = {
			id,
			merchantId: merchant.id,
			orderId: String(field(redirects, 'order_Id')),
			status: 'pending',
			trustValue,
			trustSeed,
			altTrustValue: '',
			products,
			customer: customer || null,
			finalAmount: (finalAmount ?? total).toFixed(2),
			successRedirectUrl: String(field(redirects, 'success_Redirect_Url')),
			failureRedirectUrl: String(field(redirects, 'failure_Redirect_Url')),
			merchantStore: field(redirects, 'merchant_Store') ?? null,
			createdAt: new Date(now).toISOString(),
			updatedAt: new Date(now).toISOString(),
			activationBy: new Date(now + merchant.activationPeriodExpiry * 1000).toISOString(),
			expiresOn: new Date(now + merchant.completionPeriodExpiry * 1000).toISOString(),
			history: [],
		};
		c.state.payments.push(payment);
		return ok({
			success: true,
			id,
			redirect_url: `${c.baseUrl}/flexiown/pay/${id}`,
			trust_signature: trustSignature(trustValue, trustSeed),
			products: results,
		});
	}));

	router.get(`${prefix}/status/:id`, authed((req, c, key) => {
		requireUuidParam(req.params.id);
		const p = requirePayment(c.state, req.params.id, key, 'GetPaymentMerchantStatusDTO');
		return ok({
			activation_by: p.activationBy,
			expires_on: p.expiresOn,
			order_id: p.orderId,
			trust_signature: trustSignature(p.trustValue, p.trustSeed),
			status: titleCase(p.status),
		});
	}));

	router.post(`${prefix}/status/:id`, authed((req, c, key) => {
		requireUuidParam(req.params.id);
		const body = objectBody(req);
		const errors = {};
		const value = (name) => field(body, name);
		// Every field but alt_Trust_Value is required (the docs mark all six required, yet their own
		// JavaScript example omits alt_Trust_Value, and the vendor plugin sends it as "").
		for (const name of ['apiKey', 'id', 'status', 'trust_Seed', 'trust_Value']) {
			if (isBlank(value(name))) errors[name] = [`The ${name} field is required.`];
		}
		for (const name of ['apiKey', 'id', 'status', 'trust_Seed', 'trust_Value', 'alt_Trust_Value']) {
			const v = value(name);
			if (v !== undefined && v !== null && typeof v !== 'string') errors[name] = [`The JSON value could not be converted to System.String. Path: $.${name}`];
		}
		if (Object.keys(errors).length) throw validationError(errors);
		if (value('apiKey') !== req.headers['api-key']) throw unauthorized();
		if (value('id').toLowerCase() !== req.params.id.toLowerCase()) {
			throw validationError({ id: ['The id does not match the payment id in the URL.'] });
		}
		const p = requirePayment(c.state, req.params.id, key, 'Payment');
		const trustErrors = {};
		if (value('trust_Seed') !== p.trustSeed) trustErrors.trust_Seed = ['The trust seed does not match the one used at payment creation.'];
		if (value('trust_Value') !== p.trustValue) trustErrors.trust_Value = ['The trust value does not match the one used at payment creation.'];
		if (Object.keys(trustErrors).length) throw validationError(trustErrors);
		const status = value('status').trim().toLowerCase();
		if (!C.MERCHANT_STATUSES.includes(status)) {
			throw validationError({ status: [`'${value('status')}' is not a valid status. Valid values: ${C.MERCHANT_STATUSES.join(', ')}.`] });
		}
		if (status !== p.status) {
			const allowed = C.TRANSITIONS[p.status] || [];
			if (!allowed.includes(status)) {
				throw validationError({ status: [`A payment in status ${titleCase(p.status)} cannot be changed to ${status}.`] });
			}
			const at = c.now().toISOString();
			p.history.push({ at, from: p.status, to: status });
			p.status = status;
			p.updatedAt = at;
		}
		p.altTrustValue = value('alt_Trust_Value') ?? '';
		return ok({ success: true });
	}));

	router.post(`${prefix}/product`, authed((req, c) => {
		if (req.bodyError) throw validationError({ $: [req.bodyError] });
		const body = req.body;
		if (body === null || body === undefined || typeof body !== 'object') throw validationError({ '': ['A non-empty request body is required.'] });
		const errors = {};
		c.state.lookups++;
		if (Array.isArray(body)) {
			if (body.length === 0) throw validationError({ '': ['At least one product is required.'] });
			const results = body.map((p, i) => lookupOne(p, `[${i}].`, errors));
			if (Object.keys(errors).length) throw validationError(errors);
			return ok(results);
		}
		const result = lookupOne(body, '', errors);
		if (Object.keys(errors).length) throw validationError(errors);
		return ok(result);
	}));
}

/** The emulated Teljoy payment page: the customer's side of the redirect flow (no api-key). */
function registerCheckout(router) {
	const find = (c, id) => c.state.payments.find((p) => p.id === id);
	router.get('/pay/:id', (req, c) => {
		const p = find(c, req.params.id);
		if (!p) return { status: 404, body: 'Payment not found' };
		return { status: 200, body: `Flexiown payment ${p.id} for order ${p.orderId}: R ${p.finalAmount} (${p.status})` };
	});
	const finish = (outcome) => (req, c) => {
		const p = find(c, req.params.id);
		if (!p) return { status: 404, body: 'Payment not found' };
		if (p.status !== 'pending') return { status: 409, body: `Payment is ${p.status}` };
		const at = c.now().toISOString();
		const to = outcome === 'confirm' ? 'confirmed' : 'cancelled';
		p.history.push({ at, from: p.status, to, by: 'customer' });
		p.status = to;
		p.updatedAt = at;
		const target = new URL(outcome === 'confirm' ? p.successRedirectUrl : p.failureRedirectUrl);
		target.searchParams.set('order_id', p.orderId);
		target.searchParams.set('status', to);
		target.searchParams.set('trust_signature', trustSignature(p.trustValue, p.trustSeed));
		return { status: 302, headers: { location: target.toString() } };
	};
	router.post('/pay/:id/confirm', finish('confirm'));
	router.post('/pay/:id/decline', finish('decline'));
}

function register(router) {
	for (const prefix of C.API_PREFIXES) registerApi(router, prefix);
	registerCheckout(router);
}

module.exports = { register, monthlyPrice };
