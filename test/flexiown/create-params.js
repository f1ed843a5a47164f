'use strict';
/** Flexiown Payment → Create for one product, the order ID mapped from each item (side-effects test and reliability soak). */
const createPaymentParams = (requestOptions) => ({
	resource: 'payment',
	operation: 'create',
	orderId: '={{ $json.orderId }}',
	productsInput: 'fields',
	products: { product: [{ name: 'Wall Bracket', sku: 'WB-100', quantity: 1, price: 650.5 }] },
	successRedirectUrl: 'https://shop.example.co.za/ok',
	failureRedirectUrl: 'https://shop.example.co.za/failed',
	...(requestOptions ? { requestOptions } : {}),
});

module.exports = { createPaymentParams };
