import type { IDataObject } from 'n8n-workflow';

function pick(record: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) if (record[field] !== undefined) out[field] = record[field];
	return out;
}

const asObject = (value: unknown): IDataObject => (value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {});

/** The payment fields a workflow usually needs, with `total` flattened to `amount` and `fees`. */
export function simplifyPayment(payment: IDataObject): IDataObject {
	const out = pick(payment, ['_id', 'status', 'organization_id', 'event_id', 'rate_id', 'resource_type', 'resource_ids']);
	const total = asObject(payment.total);
	if (total.amount !== undefined) out.amount = total.amount;
	if (total.fees !== undefined) out.fees = total.fees;
	Object.assign(out, pick(payment, ['currency', 'paid_at', 'expires_at']));
	return out;
}

export function simplifyEvent(event: IDataObject): IDataObject {
	const out = pick(event, ['_id', 'name', 'slug', 'display_date', 'start_date', 'end_date', 'organization_id', 'location_id']);
	const location = asObject(event.location);
	if (location.name !== undefined) out.location_name = location.name;
	if (location.city !== undefined) out.location_city = location.city;
	if (location.timezone !== undefined) out.timezone = location.timezone;
	Object.assign(out, pick(event, ['age', 'image_url']));
	if (Array.isArray(event.ticket_rates)) out.ticket_rate_count = event.ticket_rates.length;
	return out;
}

export function simplifyTicket(ticket: IDataObject): IDataObject {
	const out = pick(ticket, ['_id', 'event_id', 'ticket_rate_id', 'qr_code', 'status', 'full_name', 'email', 'phone']);
	const price = asObject(ticket.price);
	if (price.name !== undefined) out.price_name = price.name;
	Object.assign(out, pick(ticket, ['total_price', 'total_fees', 'payment_currency', 'refunded', 'enter', 'entry_time']));
	return out;
}
