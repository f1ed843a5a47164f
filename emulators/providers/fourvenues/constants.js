'use strict';
// Fourvenues Channel Manager ("Channels") API: enumerations and fixed values.
// Source: docs/providers/fourvenues.md and the docs' "Get a payment by id" page.
// Anything marked UNVERIFIED there is modelled here the way that page suggests, and commented as such.

module.exports = {
	/** Seeded data is generated relative to this fixed date (except the "recent" demo payments, see seed.js). */
	REFERENCE_DATE: '2026-11-01T00:00:00.000Z',

	/** A channel key that sees every partner venue of the demo channel (permission "Read: All"). */
	DEMO_KEY: 'sk_test_emulator_fourvenues_demo',
	/** A key of another channel: it sees a different venue, so the demo channel's data is a 404 for it. */
	OTHER_CHANNEL_KEY: 'sk_test_emulator_fourvenues_other',
	/** Expired key: 401 (keys expire and must be rotated, per the docs). */
	EXPIRED_KEY: 'sk_test_emulator_fourvenues_expired',
	/** Key with only the Event and Organization permissions (granular permissions: UNVERIFIED): 403 elsewhere. */
	EVENTS_ONLY_KEY: 'sk_test_emulator_fourvenues_events_only',

	/** The seed's example payment, served verbatim under its own id (see seed.js SEED_PAYMENT). */
	SEED_ID: 'abcdefghi1234567890',

	/** resource_type enum (documented). */
	RESOURCE_TYPES: ['ticket', 'name-change', 'list', 'pass', 'plan', 'booking'],
	/** Payment status is a free string: only "pending" is documented; the rest are UNVERIFIED examples. */
	PAYMENT_STATUSES: ['pending', 'paid', 'expired', 'cancelled', 'refunded'],
	/** Ticket status: "active" documented; the others reported by independent integrations (UNVERIFIED). */
	TICKET_STATUSES: ['active', 'processing', 'voided', 'filled_client', 'pending_payment'],

	/** Documented default page size of GET /payments. */
	DEFAULT_LIMIT: 50,
	/** Largest limit the emulator honours (the real maximum is UNVERIFIED); larger values are capped silently. */
	DEFAULT_MAX_LIMIT: 100,

	/** The per-key rate docs/providers/fourvenues.md reports (about 10 requests per second, UNVERIFIED). Off unless enabled. */
	RATE_LIMIT: { limit: 10, windowMs: 1000, mode: 'sliding' },

	/** Permission names (UNVERIFIED granular list); '*' stands for "Read: All / Write: All". */
	PERMISSIONS: ['Auth', 'Event', 'List Rate', 'List', 'Location', 'Organization', 'Ticket Rate', 'Ticket', 'Payment', 'Webhook', 'Preregister'],

	WEBHOOK_EVENTS: ['payment.success', 'ticket.request_refund'],
	SIGNATURE_HEADER: 'x-webhook-signature',
	WEBHOOK_ID_HEADER: 'x-webhook-id',
};
