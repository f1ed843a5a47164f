import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerError, checkEmail, checkMoney, checkText, checkUrl, inputError, MAX_MONEY } from '../../../common';
import { notConfirmedError } from '../../transport/errors';
import { paymentWrites } from '../../helpers/output';
import { checkProductAmounts, productFieldOptions, productFromFields } from '../../helpers/products';
import { signatureMatches, trustSeedFromProducts, trustValueFromOrderId } from '../../helpers/trust';
import type { FlexiownClient } from '../../transport';
import { optionString } from './fields';

const addressFields: INodeProperties[] = [
	{ displayName: 'Building', name: 'building', type: 'string', default: '' },
	{ displayName: 'Street', name: 'street', type: 'string', default: '' },
	{ displayName: 'Suburb', name: 'suburb', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Province', name: 'province', type: 'string', default: '' },
	{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: 'ZA', description: 'Flexiown supports South Africa (ZA) only' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Merchant Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '41009',
		description: 'Your own order ID, sent as order_Id. The trust value is derived from it (MD5) unless overridden under Additional Fields.',
	},
	{
		displayName: 'Products Input',
		name: 'productsInput',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter each product with the fields below' },
			{ name: 'JSON', value: 'json', description: 'Send a product array exactly as given' },
		],
		default: 'fields',
	},
	{
		displayName: 'Products',
		name: 'products',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Product',
		default: {},
		displayOptions: { show: { productsInput: ['fields'] } },
		options: [{ displayName: 'Product', name: 'product', values: productFieldOptions }],
	},
	{
		displayName: 'Products (JSON)',
		name: 'productsJson',
		type: 'json',
		default: '[\n  {\n    "name": "Samsung 65\\" Crystal UHD Smart TV",\n    "sku": "UA65DU7010",\n    "quantity": "1",\n    "price": "11999.00"\n  }\n]',
		description:
			'The products array as Flexiown expects it (name, sku, quantity, price, description, brand, images, barcodes, categories, properties, …). The trust seed is the Base64 of exactly this array as compact JSON.',
		displayOptions: { show: { productsInput: ['json'] } },
	},
	{
		displayName: 'Success Redirect URL',
		name: 'successRedirectUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://shop.example.co.za/checkout/success?order_id=41009',
		description: 'Where Flexiown sends the customer after a successful application',
	},
	{
		displayName: 'Failure Redirect URL',
		name: 'failureRedirectUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://shop.example.co.za/checkout/failed?status=cancelled',
		description: 'Where Flexiown sends the customer when the application is cancelled or declined',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Billing Address',
				name: 'billingAddress',
				type: 'fixedCollection',
				default: {},
				options: [{ displayName: 'Address', name: 'address', values: addressFields }],
			},
			{ displayName: 'Customer Email', name: 'customerEmail', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Customer First Name', name: 'customerFirstName', type: 'string', default: '' },
			{ displayName: 'Customer Last Name', name: 'customerLastName', type: 'string', default: '' },
			{ displayName: 'Customer Mobile', name: 'customerMobile', type: 'string', default: '', placeholder: '0821234567' },
			{
				displayName: 'Discount',
				name: 'discount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Discount in ZAR, sent as discount. 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
			},
			{
				displayName: 'Final Amount',
				name: 'finalAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Order total in ZAR. 0 (default) sends the sum of price × quantity of the products plus shipping minus discount. Negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
			},
			{ displayName: 'Merchant Store', name: 'merchantStore', type: 'string', default: '', description: 'Store or branch name, sent as merchant_Store' },
			{
				displayName: 'Shipping Address',
				name: 'shippingAddress',
				type: 'fixedCollection',
				default: {},
				options: [{ displayName: 'Address', name: 'address', values: addressFields }],
			},
			{
				displayName: 'Shipping Amount',
				name: 'shippingAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Shipping in ZAR. 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
			},
			{
				displayName: 'Tax Amount',
				name: 'taxAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Tax in ZAR. 0 or more; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
			},
			{
				displayName: 'Trust Seed (Override)',
				name: 'trustSeed',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Send this trust seed instead of the Base64 of the products JSON',
			},
			{
				displayName: 'Trust Value (Override)',
				name: 'trustValue',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Send this trust value instead of the MD5 of the merchant order ID',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['create'] } }, properties);

const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

function readProducts(ctx: IExecuteFunctions, i: number): IDataObject[] {
	const node = ctx.getNode();
	const mode = ctx.getNodeParameter('productsInput', i, 'fields') as string;
	if (mode === 'json') {
		let raw = ctx.getNodeParameter('productsJson', i, '[]') as unknown;
		if (typeof raw === 'string') {
			try {
				raw = JSON.parse(raw);
			} catch (error) {
				throw inputError({ node, field: 'Products (JSON)', problem: `is not valid JSON (${(error as Error).message})`, itemIndex: i, fix: 'Enter a JSON array of product objects.' });
			}
		}
		if (raw && typeof raw === 'object' && !Array.isArray(raw)) raw = [raw];
		if (!Array.isArray(raw) || raw.length === 0) {
			throw inputError({ node, field: 'Products (JSON)', problem: 'must be a non-empty array of products', itemIndex: i });
		}
		raw.forEach((p, k) => {
			if (!p || typeof p !== 'object' || Array.isArray(p)) {
				throw inputError({ node, field: 'Products (JSON)', problem: `entry ${k} is not an object`, itemIndex: i });
			}
			checkProductAmounts(node, p as IDataObject, i, `Products (JSON) → entry ${k}`);
		});
		return raw as IDataObject[];
	}
	const collection = ctx.getNodeParameter('products', i, {}) as IDataObject;
	const entries = (Array.isArray(collection.product) ? collection.product : []) as IDataObject[];
	if (!entries.length) {
		throw inputError({ node, field: 'Products', problem: 'has no product', itemIndex: i, fix: 'Add at least one product (name, SKU, quantity and price).' });
	}
	return entries.map((entry, k) => productFromFields(node, entry, i, `Products → Product ${k + 1}`));
}

function readAddress(value: unknown): IDataObject | undefined {
	const address = (value as IDataObject | undefined)?.address as IDataObject | undefined;
	if (!address) return undefined;
	const out: IDataObject = {
		building: address.building ?? '',
		street: address.street ?? '',
		suburb: address.suburb ?? '',
		city: address.city ?? '',
		province: address.province ?? '',
		postal_Code: address.postalCode ?? '',
		country: address.country || 'ZA',
	};
	return out;
}

function productTotal(products: IDataObject[]): number {
	let total = 0;
	for (const p of products) {
		const price = Number(p.price);
		const quantity = p.quantity === undefined || p.quantity === '' ? 1 : Number(p.quantity);
		if (Number.isFinite(price) && Number.isFinite(quantity)) total += price * quantity;
	}
	return total;
}

export const writes = paymentWrites;

export async function execute(this: IExecuteFunctions, i: number, client: FlexiownClient): Promise<IDataObject> {
	const node = this.getNode();
	const text = (name: string, field: string) => checkText({ node, field, itemIndex: i }, this.getNodeParameter(name, i, ''));
	const orderId = text('orderId', 'Merchant Order ID');
	if (!orderId) throw inputError({ node, field: 'Merchant Order ID', problem: 'is empty', itemIndex: i, fix: 'Enter your own order ID; it identifies the order on the success redirect.' });
	const successUrl = text('successRedirectUrl', 'Success Redirect URL');
	const failureUrl = text('failureRedirectUrl', 'Failure Redirect URL');
	checkUrl({ node, field: 'Success Redirect URL', itemIndex: i }, successUrl);
	checkUrl({ node, field: 'Failure Redirect URL', itemIndex: i }, failureUrl);
	const products = readProducts(this, i);
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;

	const trustValue = optionString(extra, 'trustValue') || trustValueFromOrderId(orderId);
	const trustSeed = optionString(extra, 'trustSeed') || trustSeedFromProducts(products);
	const amount = (name: string, label: string) => checkMoney({ node, field: `Additional Fields → ${label}`, itemIndex: i }, extra[name] ?? 0);
	const shipping = amount('shippingAmount', 'Shipping Amount');
	const discount = amount('discount', 'Discount');
	const tax = amount('taxAmount', 'Tax Amount');
	const finalAmount = amount('finalAmount', 'Final Amount') || productTotal(products) + shipping - discount;
	if (finalAmount > MAX_MONEY) {
		throw inputError({ node, field: 'Products', problem: `add up to an order total of ${money(finalAmount)}, above ${MAX_MONEY} (this package's upper bound for an amount)`, itemIndex: i, fix: 'Check the prices and quantities.' });
	}
	if (finalAmount <= 0) {
		throw inputError({ node, field: 'Additional Fields → Discount', problem: `leaves an order total of ${money(finalAmount)}`, itemIndex: i, fix: 'The discount must be smaller than the products plus shipping.' });
	}

	const body: IDataObject = {};
	const customer: IDataObject = {};
	if (extra.customerFirstName) customer.first_Name = extra.customerFirstName;
	if (extra.customerLastName) customer.last_Name = extra.customerLastName;
	const email = checkEmail({ node, field: 'Additional Fields → Customer Email', itemIndex: i }, extra.customerEmail);
	if (email) customer.email = email;
	if (extra.customerMobile) customer.mobile = extra.customerMobile;
	if (Object.keys(customer).length) body.customer = customer;
	const billing = readAddress(extra.billingAddress);
	const shippingAddress = readAddress(extra.shippingAddress);
	if (billing) body.billing_Address = billing;
	if (shippingAddress) body.shipping_Address = shippingAddress;
	body.products = products;
	const redirects: IDataObject = {
		order_Id: orderId,
		success_Redirect_Url: successUrl,
		failure_Redirect_Url: failureUrl,
		final_Amount: money(finalAmount),
		tax_Amount: money(tax),
		shipping_Amount: money(shipping),
		discount: money(discount),
		trust_Value: trustValue,
		trust_Seed: trustSeed,
	};
	if (extra.merchantStore) redirects.merchant_Store = extra.merchantStore;
	body.redirects = redirects;

	const secrets = [trustSeed, trustValue];
	// Creating a payment twice would open two payments: never retried unless the server provably did not act.
	const { body: answer } = await client.request<IDataObject>('POST', 'payment/create', { body, itemIndex: i, idempotent: false, secrets });
	const paymentId = answer?.id ?? answer?.paymentId ?? answer?.payment_id;
	if (!answer || typeof answer !== 'object' || answer.success !== true) {
		throw notConfirmedError({ node, what: 'payment creation', body: answer, secrets: [...client.secrets, ...secrets], itemIndex: i });
	}
	if (!paymentId) {
		// Flexiown said it succeeded: the payment exists, only its ID is missing. Never "not created".
		throw answerError({
			node,
			message: 'Flexiown created the payment but its answer holds no payment ID',
			body: answer,
			secrets: [...client.secrets, ...secrets],
			itemIndex: i,
			httpCode: '200',
			description: ['The payment was created ("success": true). Do not run this item again: find the payment at Flexiown by its merchant order ID.'],
			outcome: 'done',
		});
	}
	const returnedSignature = answer.trust_signature ?? answer.trustSignature;
	const out: IDataObject = {
		success: true,
		paymentId: String(paymentId),
		redirectUrl: answer.redirect_url ?? answer.redirectUrl ?? answer.redirect_Url ?? null,
		orderId,
		// Returned on purpose: every later status update needs exactly these values. Store them with the order.
		trustSeed,
		trustValue,
	};
	if (returnedSignature !== undefined) {
		out.trustSignature = returnedSignature;
		out.trustSignatureMatches = signatureMatches(returnedSignature, trustValue, trustSeed);
	}
	if (answer.products !== undefined) out.products = answer.products;
	return out;
}
