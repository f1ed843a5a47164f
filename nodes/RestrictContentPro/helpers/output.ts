import type { IDataObject } from 'n8n-workflow';

import type { Writes } from '../../common';

/** What the payment writes change: the payment, named by its ID (sideEffects.ts). */
export const paymentWrites: Writes = { noun: 'payment', idOf: (json) => json.id };

/** Integer columns of a payment row (WordPress returns them as strings). */
const INT_FIELDS = ['id', 'customer_id', 'membership_id', 'object_id', 'user_id'];
/** Decimal columns of a payment row. */
const FLOAT_FIELDS = ['amount', 'subtotal', 'credits', 'fees', 'discount_amount'];

const SIMPLE_FIELDS = ['id', 'user_id', 'subscription', 'amount', 'status', 'date', 'gateway', 'payment_type', 'transaction_id'];

const MYSQL_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;

function toInt(value: unknown): unknown {
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return value;
}

function toFloat(value: unknown): unknown {
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return value;
}

/**
 * MySQL DATETIME in the site's time zone → ISO 8601 without an offset (WordPress does not say which zone
 * the value is in; it is the site's local time). The zero date becomes null.
 */
export function mysqlToIso(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (/^0000-00-00/.test(value)) return null;
	const m = MYSQL_DATE.exec(value.trim());
	return m ? `${m[1]}T${m[2]}` : value;
}

/** Converts WordPress's string columns of a payment to numbers and its date to ISO 8601. */
export function typedPayment(payment: IDataObject): IDataObject {
	const out: IDataObject = { ...payment };
	for (const f of INT_FIELDS) if (f in out) out[f] = toInt(out[f]) as IDataObject[string];
	for (const f of FLOAT_FIELDS) if (f in out) out[f] = toFloat(out[f]) as IDataObject[string];
	if ('date' in out) out.date = mysqlToIso(out.date) as IDataObject[string];
	return out;
}


export function simplifyPayment(payment: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const f of SIMPLE_FIELDS) if (payment[f] !== undefined) out[f] = payment[f];
	return out;
}

export interface PaymentShape {
	simplify: boolean;
	typed: boolean;
}

export function shapePayment(payment: IDataObject, shape: PaymentShape): IDataObject {
	const picked = shape.simplify ? simplifyPayment(payment) : payment;
	return shape.typed ? typedPayment(picked) : { ...picked };
}
