import type { IDataObject } from 'n8n-workflow';

function pick(source: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) if (source[field] !== undefined) out[field] = source[field];
	return out;
}

/**
 * Output field → the names it is read from, first found wins. The published document names an event's facts
 * one way in a single event (EventDto: event_start, time_zone, last_update_time…) and another in the list
 * (EventListingDto: start_time, end_time); the last names are an older reading of the API, kept because which
 * ones the live API sends is UNVERIFIED (docs/providers/constant-contact.md).
 */
export const EVENT_FIELDS: ReadonlyArray<readonly [string, readonly string[]]> = [
	['event_id', ['event_id']],
	['name', ['name']],
	['title', ['title']],
	['status', ['status', 'event_status']],
	['event_type', ['event_type', 'type']],
	['event_start', ['event_start', 'start_time']],
	['event_end', ['event_end', 'end_time']],
	['time_zone', ['time_zone', 'time_zone_id']],
	['currency_type', ['currency_type']],
	['create_time', ['create_time', 'created_time']],
	['last_update_time', ['last_update_time', 'updated_time']],
];

/** An event's status under either name (EventDto/EventListingDto `status`, or `event_status`). */
export function eventStatusOf(event: IDataObject): unknown {
	return event.status ?? event.event_status;
}

/** An event's start under either name (EventDto `event_start`, EventListingDto `start_time`). */
export function eventStartOf(event: IDataObject): unknown {
	return event.event_start ?? event.start_time;
}

export function simplifyEvent(event: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [field, names] of EVENT_FIELDS) {
		const name = names.find((n) => event[n] !== undefined && event[n] !== null);
		if (name !== undefined) out[field] = event[name];
	}
	const metadata = (event.event_metadata ?? {}) as IDataObject;
	if (metadata.paid_event !== undefined) out.paid_event = metadata.paid_event;
	const track = event.default_track as IDataObject | undefined;
	if (track && typeof track === 'object' && track.track_id !== undefined) out.default_track_id = track.track_id;
	return out;
}

export const REGISTRATION_LIST_FIELDS = [
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
