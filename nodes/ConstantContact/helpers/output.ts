import type { IDataObject } from 'n8n-workflow';

function pick(source: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) if (source[field] !== undefined) out[field] = source[field];
	return out;
}

const EVENT_FIELDS = ['event_id', 'name', 'title', 'event_status', 'type', 'start_time', 'end_time', 'time_zone_id', 'currency_type', 'created_time', 'updated_time'];

export function simplifyEvent(event: IDataObject): IDataObject {
	const out = pick(event, EVENT_FIELDS);
	const metadata = (event.event_metadata ?? {}) as IDataObject;
	if (metadata.paid_event !== undefined) out.paid_event = metadata.paid_event;
	const track = event.default_track as IDataObject | undefined;
	if (track && typeof track === 'object' && track.track_id !== undefined) out.default_track_id = track.track_id;
	return out;
}

const REGISTRATION_LIST_FIELDS = [
	'registration_id',
	'registration_status',
	'payment_status',
	'first_name',
	'last_name',
	'email_address',
	'tickets',
	'total',
	'registration_time',
	'track_key',
];

export function simplifyRegistrationRecord(record: IDataObject): IDataObject {
	return pick(record, REGISTRATION_LIST_FIELDS);
}

/** The single-registration shape nests names in `contact[]` and payment data in `order_summary`. */
export function simplifyRegistration(registration: IDataObject): IDataObject {
	const out = pick(registration, ['registration_id', 'contact_id', 'registration_status', 'registration_date', 'checkin_status']);
	const contact = Array.isArray(registration.contact) ? (registration.contact as IDataObject[]) : [];
	for (const field of contact) {
		const name = String(field.field_name ?? '');
		if (['first_name', 'last_name', 'email_address'].includes(name)) out[name] = field.field_value;
	}
	const order = (registration.order_summary ?? {}) as IDataObject;
	for (const key of ['payment_method', 'payment_status', 'payment_time', 'payment_transaction_id']) {
		if (order[key] !== undefined) out[key] = order[key];
	}
	// Only the single GET shows whether a registration is free (no payment method).
	if (registration.order_summary && typeof registration.order_summary === 'object') out.free = !order.payment_method;
	const details = Array.isArray(order.details) ? (order.details as IDataObject[]) : [];
	out.total = details.reduce((sum, d) => sum + (typeof d.amount_unformatted === 'number' ? d.amount_unformatted : 0), 0);
	out.ticket_count = Array.isArray(registration.tickets) ? registration.tickets.length : 0;
	return out;
}
