import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../common';

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
		description: 'How many units of this product',
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Unit price in ZAR (sent with 2 decimals)',
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
	const name = String(values.name ?? '').trim();
	const sku = String(values.sku ?? '').trim();
	const quantity = values.quantity === undefined || values.quantity === '' ? 1 : Number(values.quantity);
	const price = Number(values.price);
	if (!name) throw inputError({ node, field: `${label} → Name`, problem: 'is empty', itemIndex });
	if (!sku) throw inputError({ node, field: `${label} → SKU`, problem: 'is empty', itemIndex });
	if (!Number.isInteger(quantity) || quantity < 1) {
		throw inputError({ node, field: `${label} → Quantity`, problem: `"${String(values.quantity)}" is not a whole number of at least 1`, itemIndex });
	}
	if (!Number.isFinite(price) || price <= 0) {
		throw inputError({ node, field: `${label} → Price`, problem: `"${String(values.price)}" is not a price above 0`, itemIndex, fix: 'Enter the unit price in ZAR, e.g. 11999.00.' });
	}
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
