import { operationRouter } from '../../common';
import { createClient } from '../transport';
import * as event from './event';
import * as registration from './registration';

export const resources = { event: event.operations, registration: registration.operations };

// Update Payment Status and Update Status are batch operations: they merge items into bulk requests.
export const router = operationRouter(resources, createClient);
