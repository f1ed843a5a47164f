'use strict';
// vivenu enumerations and fixed values (from docs/providers/vivenu.md, OAS-based).

module.exports = {
	/** Seeded data is generated relative to this fixed date so every run is identical. */
	REFERENCE_DATE: '2026-11-01T00:00:00.000Z',
	DEMO_KEY: 'key_emulator_vivenu_demo',
	SECOND_KEY: 'key_emulator_vivenu_second',
	INACTIVE_KEY: 'key_emulator_vivenu_inactive',

	TRANSACTION_STATUS: ['NEW', 'RESERVED-BY-SYSTEM', 'ABORTED', 'COMPLETE', 'CANCELED'],
	PAYMENT_STATUS: [
		'AWAITING', 'PENDING', 'RECEIVED', 'REFUND', 'CANCELED', 'FAILED', 'DISPUTE', 'CHARGEBACK',
		'POS-RECEIVED', 'POS-CANCELED', 'LOCAL-PENDING', 'LOCAL-AWAITING', 'LOCAL-RECEIVED', 'EXTERNAL',
	],
	CANCELLATION_REASON: ['REQUESTED_BY_CUSTOMER', 'CLAIM', 'COMMUNICATION_ERROR', 'TRAINING/TEST'],
	REFUND_TARGET: ['origin', 'voucher'],
	TICKET_STATUS: ['VALID', 'INVALID', 'RESERVED', 'DETAILSREQUIRED', 'BLANK'],
	UPDATED_AT_OPS: ['$gt', '$gte', '$lt', '$lte', '$eq', '$ne'],

	/** Query params of GET /api/transactions (OAS). */
	LIST_PARAMS: [
		'id', 'name', 'email', 'coupon', 'customer', 'subscriptionId', 'posPaymentMethods', 'status',
		'paymentStatus', 'event', 'start', 'end', 'updatedAt', 'psp', 'top', 'skip',
	],
	/** /rich: same minus id/posPaymentMethods/subscriptionId, plus seller. */
	RICH_EXCLUDED_PARAMS: ['id', 'posPaymentMethods', 'subscriptionId'],
	/** Not in the OAS; the real API reportedly answers 400 to ?eventId= (on /api/tickets). */
	REJECTED_PARAMS: ['eventId'],

	WEBHOOK_EVENT_TYPES: [
		'transaction.complete', 'transaction.reservedBySystem', 'transaction.canceled', 'transaction.partiallyCanceled',
		'checkout.completed', 'checkout.aborted', 'checkout.detailsSubmitted', 'ticket.created', 'ticket.updated',
	],
};
