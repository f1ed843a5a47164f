'use strict';
// Fourvenues Channel Manager read routes: /auth, /organizations, /locations, /events, /ticket-rates,
// /tickets, /payments. Every route checks X-Api-Key and scopes data to the key's channel (its partner
// venues, "hosts"): another venue's data is a 404, as if it did not exist.
const { ok, authed, allowOnly, stringParam, intParam, dateParam, page, inRange, notFound, badRequest } = require('./common');

const publicOrg = (o) => ({ _id: o._id, name: o.name, slug: o.slug, created_at: o.created_at });

function visible(list, auth) {
	return list.filter((x) => auth.hostIds.has(x.organization_id));
}

function findVisible(list, auth, id, what) {
	const found = list.find((x) => x._id === id);
	if (!found || !auth.hostIds.has(found.organization_id)) throw notFound(what);
	return found;
}

function register(router) {
	// ---- Auth: documented credential check.
	router.get('/auth', authed('Auth', (req, c, auth) => {
		const hosts = c.state.organizations.filter((o) => auth.hostIds.has(o._id)).map(publicOrg);
		const { _id, name, slug } = auth.channel;
		return ok({ message: 'Authed', channel: { _id, name, slug, hosts } }, { successFirst: true });
	}));

	// ---- Organizations (fields UNVERIFIED: the partner venues, like /auth hosts).
	router.get('/organizations', authed('Organization', (req, c, auth) => {
		allowOnly(req.query, ['limit', 'offset']);
		const orgs = c.state.organizations.filter((o) => auth.hostIds.has(o._id)).map(publicOrg);
		return ok(req.query.limit !== undefined || req.query.offset !== undefined ? page(orgs, req.query, c.state) : orgs);
	}));

	// ---- Locations (fields UNVERIFIED: the event's `location` shape).
	router.get('/locations', authed('Location', (req, c, auth) => {
		allowOnly(req.query, ['organization_id', 'limit', 'offset']);
		const org = stringParam(req.query, 'organization_id');
		const list = visible(c.state.locations, auth).filter((l) => !org || l.organization_id === org);
		return ok(page(list, req.query, c.state));
	}));

	// ---- Events: start_date/end_date (YYYY-MM-DD) on the event start, organization_id, location_id;
	// limit/offset as independent integrations use them (UNVERIFIED on /events).
	router.get('/events', authed('Event', (req, c, auth) => {
		allowOnly(req.query, ['start_date', 'end_date', 'organization_id', 'location_id', 'limit', 'offset']);
		const start = dateParam(req.query, 'start_date');
		const end = dateParam(req.query, 'end_date');
		const org = stringParam(req.query, 'organization_id');
		const loc = stringParam(req.query, 'location_id');
		const list = visible(c.state.events, auth).filter(
			(e) => (!org || e.organization_id === org) && (!loc || e.location_id === loc) && inRange(Date.parse(e.start_date), start, end),
		);
		return ok(page(list, req.query, c.state));
	}));
	router.get('/events/by-slug/:slug', authed('Event', (req, c, auth) => {
		const ev = visible(c.state.events, auth).find((e) => e.slug === req.params.slug);
		if (!ev) throw notFound('Event');
		return ok(ev);
	}));
	router.get('/events/:id', authed('Event', (req, c, auth) => ok(findVisible(c.state.events, auth, req.params.id, 'Event'))));

	// ---- Ticket rates.
	router.get('/ticket-rates', authed('Ticket Rate', (req, c, auth) => {
		allowOnly(req.query, ['event_id']);
		const ids = new Set(String(stringParam(req.query, 'event_id', { required: true })).split(',').map((s) => s.trim()));
		return ok(visible(c.state.ticketRates, auth).filter((r) => ids.has(r.event_id)));
	}));
	router.get('/ticket-rates/by-slug/:slug', authed('Ticket Rate', (req, c, auth) => {
		const rate = visible(c.state.ticketRates, auth).find((r) => r.slug === req.params.slug);
		if (!rate) throw notFound('Ticket rate');
		return ok(rate);
	}));
	router.get('/ticket-rates/:id', authed('Ticket Rate', (req, c, auth) => ok(findVisible(c.state.ticketRates, auth, req.params.id, 'Ticket rate'))));
	router.get('/ticket-rates/:id/pricing-info', authed('Ticket Rate', (req, c, auth) => {
		allowOnly(req.query, ['quantity']);
		const quantity = intParam(req.query, 'quantity', { def: undefined, min: 1 });
		if (quantity === undefined) throw badRequest('"quantity" is required');
		const rate = findVisible(c.state.ticketRates, auth, req.params.id, 'Ticket rate');
		const p = rate.current_price;
		return ok([{ price_id: p._id, ticket_type_id: rate._id, quantity, price: p.price, total: Math.round(p.price * quantity * 100) / 100 }]);
	}));

	// ---- Tickets: GET /tickets?event_id= (the filter used in practice; required here), limit/offset.
	const ticketOrg = (c, t) => (c.state.events.find((e) => e._id === t.event_id) || {}).organization_id;
	router.get('/tickets', authed('Ticket', (req, c, auth) => {
		allowOnly(req.query, ['event_id', 'limit', 'offset']);
		const eventId = stringParam(req.query, 'event_id', { required: true });
		const ev = c.state.events.find((e) => e._id === eventId);
		if (!ev || !auth.hostIds.has(ev.organization_id)) throw notFound('Event');
		return ok(page(c.state.tickets.filter((t) => t.event_id === eventId), req.query, c.state));
	}));
	// by-code returns an ARRAY even for one ticket (documented).
	router.get('/tickets/by-code/:code', authed('Ticket', (req, c, auth) => {
		const found = c.state.tickets.filter((t) => t.qr_code === req.params.code && auth.hostIds.has(ticketOrg(c, t)));
		if (!found.length) throw notFound('Ticket');
		return ok(found);
	}));

	// ---- Payments (the seed): GET /payments/{id}; GET /payments with organization_id, event_id,
	// start_date/end_date on paid_at (end exclusive, UNVERIFIED), limit (default 50) / offset (default 0).
	router.get('/payments', authed('Payment', (req, c, auth) => {
		allowOnly(req.query, ['organization_id', 'event_id', 'start_date', 'end_date', 'limit', 'offset']);
		const org = stringParam(req.query, 'organization_id');
		const ev = stringParam(req.query, 'event_id');
		const start = dateParam(req.query, 'start_date');
		const end = dateParam(req.query, 'end_date');
		const list = visible(c.state.payments, auth).filter(
			(p) => (!org || p.organization_id === org) && (!ev || p.event_id === ev) && inRange(Date.parse(p.paid_at), start, end),
		);
		return ok(page(list, req.query, c.state));
	}));
	router.get('/payments/:id', authed('Payment', (req, c, auth) => ok(findVisible(c.state.payments, auth, req.params.id, 'Payment'))));
}

module.exports = { register };
