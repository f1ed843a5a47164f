'use strict';
// The operations the package calls, per provider, as the published documents name them (method + path
// template), with the node features that call each. scripts/derive-specs.js keeps exactly these (and the
// webhook payloads below) from the full documents; scripts/contract.js fails when one is never exercised.

const vivenu = {
	basePath: '',
	operations: [
		{ method: 'GET', path: '/api/transactions', usedBy: 'Vivenu: Get Many, transaction picker' },
		{ method: 'GET', path: '/api/transactions/rich', usedBy: 'Vivenu: Get Many (Rich Results)' },
		{ method: 'GET', path: '/api/transactions/{id}', usedBy: 'Vivenu: Get; vivenu Trigger (Fetch Full Transaction)' },
		{ method: 'GET', path: '/api/transactions/{id}/tickets', usedBy: 'Vivenu: Get Tickets' },
		{ method: 'POST', path: '/api/transactions/{id}/cancel', usedBy: 'Vivenu: Cancel' },
		{ method: 'GET', path: '/api/transactions/{id}/cancellations', usedBy: 'Vivenu: Get Cancellation Info' },
		{ method: 'POST', path: '/api/transactions/{id}/cancellations', usedBy: 'Vivenu: Create Cancellation' },
		{ method: 'POST', path: '/api/transactions/{id}/complete', usedBy: 'Vivenu: Complete' },
		{ method: 'POST', path: '/api/transactions/{id}/ticket-mail', usedBy: 'Vivenu: Send Ticket Mail' },
		{ method: 'POST', path: '/api/transactions/{id}/invitationmail', usedBy: 'Vivenu: Send Invitation Mail' },
		{ method: 'POST', path: '/api/transactions/{id}/paymentstatus', usedBy: 'Vivenu: Update Payment Status' },
		{ method: 'GET', path: '/api/events', usedBy: 'Vivenu: event picker' },
		{ method: 'GET', path: '/api/keys/info', usedBy: 'Vivenu API credential test' },
		{ method: 'GET', path: '/api/webhooks', usedBy: 'vivenu Trigger: registration' },
		{ method: 'POST', path: '/api/webhooks', usedBy: 'vivenu Trigger: registration' },
		{ method: 'PUT', path: '/api/webhook/{id}', usedBy: 'vivenu Trigger: registration' },
		{ method: 'DELETE', path: '/api/webhook/{id}', usedBy: 'vivenu Trigger: deregistration' },
	],
	// Webhook payloads: component schemas named `webhook.<type>` in the document.
	webhooks: [
		'transaction.complete',
		'transaction.canceled',
		'transaction.partiallyCanceled',
		'transaction.reservedBySystem',
		'checkout.completed',
		'checkout.aborted',
		'checkout.detailsSubmitted',
		'ticket.created',
		'ticket.updated',
	],
};

const constantContact = {
	basePath: '/v3',
	operations: [
		{ method: 'GET', path: '/events', usedBy: 'Constant Contact: Event Get Many, event picker' },
		{ method: 'GET', path: '/events/{event_id}', usedBy: 'Constant Contact: Event Get, track lookups, event picker' },
		{ method: 'GET', path: '/events/{event_id}/tracks/{track_id}/registrations', usedBy: 'Constant Contact: Registration Get Many; Constant Contact Trigger' },
		{ method: 'GET', path: '/events/{event_id}/tracks/{track_id}/registrations/{registration_id}', usedBy: 'Constant Contact: Registration Get' },
		{ method: 'PUT', path: '/events/{event_id}/tracks/{track_id}/registrations', usedBy: 'Constant Contact: Registration Update Status' },
		{ method: 'PUT', path: '/events/{event_id}/tracks/{track_id}/registrations/payment_status', usedBy: 'Constant Contact: Registration Update Payment Status' },
		{ method: 'GET', path: '/account/user/privileges', usedBy: 'Constant Contact OAuth2 API credential test' },
	],
	webhooks: [],
};

module.exports = { vivenu, 'constant-contact': constantContact };
