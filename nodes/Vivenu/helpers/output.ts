import type { IDataObject } from 'n8n-workflow';

import type { Writes } from '../../common';

/** What the transaction writes change: the transaction, named by its ID (sideEffects.ts). */
export const transactionWrites: Writes = { noun: 'transaction', idOf: (json) => json.transactionId ?? json._id };

/**
 * The fields a workflow usually needs from the 60+ field transaction object, people and money first
 * (n8n's table view shows them in this order), IDs last.
 */
export const SIMPLE_FIELDS = [
	'name',
	'prename',
	'lastname',
	'email',
	'company',
	'status',
	'paymentStatus',
	'realPrice',
	'regularPrice',
	'currency',
	'paymentMethod',
	'psp',
	'origin',
	'cancellationReason',
	'createdAt',
	'updatedAt',
	'_id',
	'eventId',
	'customerId',
	'sellerId',
];

export function simplifyTransaction(transaction: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const field of SIMPLE_FIELDS) if (transaction[field] !== undefined) out[field] = transaction[field];
	out.ticketCount = Array.isArray(transaction.tickets) ? transaction.tickets.length : 0;
	out.productCount = Array.isArray(transaction.products) ? transaction.products.length : 0;
	return out;
}

/** The secret and the rest of the record, a new object without it. */
const splitSecret = ({ secret, ...rest }: IDataObject): [unknown, IDataObject] => [secret, rest];

/** vivenu's `secret` tokens grant access to a transaction or ticket; they are dropped unless asked for. */
export function withoutSecret(record: IDataObject, includeSecret: boolean): IDataObject {
	if (includeSecret || !('secret' in record)) return record;
	// Not a copy and `delete`: deleting a property turns an object into a slow dictionary, which every later
	// read and serialization of the item pays for. Leaving it out of the copy keeps the object fast and costs half.
	return splitSecret(record)[1];
}

export function shapeTransaction(transaction: IDataObject, simplify: boolean, includeSecret: boolean): IDataObject {
	return simplify ? simplifyTransaction(transaction) : withoutSecret(transaction, includeSecret);
}
