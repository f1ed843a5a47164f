import { operationRouter } from '../../common';
import { createClient } from '../transport';
import * as transaction from './transaction';

export const resources = { transaction: transaction.operations };

export const router = operationRouter(resources, createClient);
