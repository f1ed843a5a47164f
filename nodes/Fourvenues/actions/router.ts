import { operationRouter } from '../../common';
import { createClient } from '../transport';
import * as event from './event';
import * as organization from './organization';
import * as payment from './payment';
import * as ticket from './ticket';

export const resources = {
	event: event.operations,
	organization: organization.operations,
	payment: payment.operations,
	ticket: ticket.operations,
};

export const router = operationRouter(resources, createClient);
