import { createHash } from 'crypto';

/**
 * Trust values, as reconstructed from Teljoy's WooCommerce plugin (UNVERIFIED against the API):
 *   trust value     = lowercase hex MD5 of the merchant's order id
 *   trust seed      = Base64 of the compact JSON of the product array sent at creation
 *   trust signature = lowercase hex SHA-256 of trust value + trust seed (plain concatenation)
 */
export function trustValueFromOrderId(orderId: string): string {
	return createHash('md5').update(orderId, 'utf8').digest('hex');
}

export function trustSeedFromProducts(products: unknown[]): string {
	return Buffer.from(JSON.stringify(products), 'utf8').toString('base64');
}

export function trustSignature(trustValue: string, trustSeed: string): string {
	return createHash('sha256').update(`${trustValue}${trustSeed}`, 'utf8').digest('hex');
}

/** Compares a returned signature with the expected one (hex, case-insensitive). */
export function signatureMatches(returned: unknown, trustValue: string, trustSeed: string): boolean {
	return typeof returned === 'string' && returned.trim().toLowerCase() === trustSignature(trustValue, trustSeed);
}
