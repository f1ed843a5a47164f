import { operationRouter } from '../../common';
import { createClient } from '../transport';
import * as payment from './payment';

export const resources = { payment: payment.operations };

export const router = operationRouter(resources, createClient);
