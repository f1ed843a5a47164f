'use strict';
// The single-provider packages generated into packages/ by scripts/gen-packages.js (issue 25), one per provider:
// n8n verifies only packages that integrate exactly one service. The umbrella package at the top level keeps all five.
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const UMBRELLA = 'n8n-nodes-event-payments';

/**
 * name: the npm package; dir: the provider folder under nodes/; credential: the class (and file) under credentials/;
 * page: its node page under docs/nodes/; title: how README tables name the node; description and keywords: npm's.
 */
const PACKAGES = [
	{
		name: 'n8n-nodes-vivenu',
		dir: 'Vivenu',
		credential: 'VivenuApi',
		page: 'vivenu.md',
		title: 'vivenu',
		description:
			'n8n community node for vivenu ticketing: transactions (get, list, cancel, refund, complete, payment status, ticket and invitation mails) and a vivenu Trigger for transaction, checkout and ticket webhooks.',
		keywords: ['vivenu', 'ticketing', 'events', 'payments'],
	},
	{
		name: 'n8n-nodes-constant-contact-events',
		dir: 'ConstantContact',
		credential: 'ConstantContactOAuth2Api',
		page: 'constant-contact.md',
		title: 'Constant Contact',
		description:
			'n8n community node for Constant Contact Events: mark event registrations paid in bulk, update registration status, read events and registrations, and a trigger for new and changed registrations.',
		keywords: ['constant-contact', 'events', 'registrations', 'payments'],
	},
	{
		name: 'n8n-nodes-fourvenues',
		dir: 'Fourvenues',
		credential: 'FourvenuesApi',
		page: 'fourvenues.md',
		title: 'Fourvenues',
		description:
			'n8n community node for Fourvenues (Channel Manager API): payments, events, tickets and organizations, and a Fourvenues Trigger for signed payment and refund webhooks.',
		keywords: ['fourvenues', 'ticketing', 'events', 'payments'],
	},
	{
		name: 'n8n-nodes-flexiown',
		dir: 'Flexiown',
		credential: 'FlexiownApi',
		page: 'flexiown.md',
		title: 'Flexiown',
		description:
			'n8n community node for Flexiown (Teljoy) lease-to-own payments: create a payment, report an order\'s outcome, get its status, the merchant and product eligibility.',
		keywords: ['flexiown', 'teljoy', 'payments', 'lease-to-own'],
	},
	{
		name: 'n8n-nodes-restrict-content-pro',
		dir: 'RestrictContentPro',
		credential: 'RestrictContentProApi',
		page: 'restrict-content-pro.md',
		title: 'Restrict Content Pro',
		description:
			'n8n community node for Restrict Content Pro (WordPress memberships): list, get, create, update and delete payments, and a polling trigger for new payments and status changes.',
		keywords: ['restrict-content-pro', 'wordpress', 'membership', 'payments'],
	},
];

const packageDir = (pkg) => path.join(ROOT, 'packages', pkg.name);

module.exports = { ROOT, UMBRELLA, PACKAGES, packageDir };
