import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { checkMoney, checkNumber, checkText, inputError } from '../../common';

/** Product fields shared by Payment → Create (one entry per product) and Product → Look Up. */
export const productCoreFields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Product name as shown to the customer' },
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		default: '',
		required: true,
		description: "Your shop's stock-keeping unit for the product; Flexiown matches lease offers and results by it",
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'How many units of this product: a whole number of at least 1',
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Unit price in ZAR (sent with 2 decimals). Must be above 0; negative values are refused. At most 1,000,000,000 (this package\'s own upper bound for an amount, not the provider\'s).',
	},
];

export const productExtraFields: INodeProperties[] = [
	{
		displayName: 'Barcodes',
		name: 'barcodes',
		type: 'string',
		default: '',
		description: 'Comma-separated barcodes (EAN/UPC)',
	},
	{ displayName: 'Brand', name: 'brand', type: 'string', default: '' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{
		displayName: 'Image URLs',
		name: 'imageUrls',
		type: 'string',
		default: '',
		description: 'Comma-separated image URLs',
	},
	{
		displayName: 'Merchant Product ID',
		name: 'merchantProductId',
		type: 'string',
		default: '',
		description: "Your shop's own product ID, sent as merchant_product_id",
	},
	{ displayName: 'Product URL', name: 'url', type: 'string', default: '', description: 'Link to the product page' },
];

/** All product fields in one list, core fields first (for a fixedCollection entry). */
export const productFieldOptions: INodeProperties[] = [...productCoreFields, ...productExtraFields];

/** Quantity (whole, at least 1; absent = 1) and unit price (above 0) of one product, checked (inputChecks.ts). */
export function checkProductAmounts(node: INode, values: IDataObject, itemIndex: number, label: string): { quantity: number; price: number } {
	const quantity = values.quantity === undefined ? 1 : checkNumber({ node, field: `${label} → Quantity`, itemIndex }, values.quantity, { integer: true, min: 1 });
	const price = checkMoney({ node, field: `${label} → Price`, itemIndex }, values.price, { zero: false });
	return { quantity, price };
}

export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

/**
 * Builds one product in the API's shape from field values, validating them. Strings as the vendor
 * plugin sends them: quantity "1", price "12657.00".
 */
export function productFromFields(node: INode, values: IDataObject, itemIndex: number, label: string): IDataObject {
	const name = checkText({ node, field: `${label} → Name`, itemIndex }, values.name);
	const sku = checkText({ node, field: `${label} → SKU`, itemIndex }, values.sku);
	if (!name) throw inputError({ node, field: `${label} → Name`, problem: 'is empty', itemIndex });
	if (!sku) throw inputError({ node, field: `${label} → SKU`, problem: 'is empty', itemIndex });
	const { quantity, price } = checkProductAmounts(node, values, itemIndex, label);
	const product: IDataObject = { name, sku, quantity: String(quantity), price: price.toFixed(2) };
	if (values.description) product.description = String(values.description);
	if (values.brand) product.brand = String(values.brand);
	if (values.merchantProductId) product.merchant_product_id = String(values.merchantProductId);
	if (values.url) product.url = String(values.url);
	const images = splitList(values.imageUrls);
	if (images.length) product.images = images;
	const barcodes = splitList(values.barcodes);
	if (barcodes.length) product.barcodes = barcodes;
	return product;
}
