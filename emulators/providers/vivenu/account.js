'use strict';
// vivenu key info, seller and event routes.
const { authed, intParam, stringParam, notFound, errorResult } = require('./common');

/**
 * An event as the document's EventResource has it: the ticket types are `tickets`; the emulator's own slug,
 * visibility flag and currency stay in the state.
 */
function publicEvent(ev) {
	const { ticketTypes, slug: _slug, visible: _visible, currency: _currency, ...rest } = ev;
	return { ...rest, tickets: ticketTypes };
}

function register(router) {
	// API key only; echoes the key itself (real behaviour — callers must not log it).
	router.get('/api/keys/info', authed((req, c, key) => {
		const rec = c.state.apiKeys.find((k) => k.key === key.key);
		if (!rec) return errorResult(401, 'Unauthorized');
		return { status: 200, body: rec };
	}));

	router.get('/api/sellers/me', authed((req, c) => ({ status: 200, body: c.state.seller })));

	router.get('/api/events', authed((req, c, key) => {
		const top = intParam(req.query, 'top', { def: 25, min: 1, max: 1000 });
		const skip = intParam(req.query, 'skip', { def: 0, min: 0 });
		const name = stringParam(req.query, 'name');
		const all = c.state.events
			.filter((e) => e.sellerId === key.sellerId && (!name || e.name.toLowerCase().includes(name.toLowerCase())))
			.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a._id < b._id ? -1 : 1));
		// The document's envelope for events is {rows, total} (transactions use {docs, total}).
		return { status: 200, body: { rows: all.slice(skip, skip + top).map(publicEvent), total: all.length } };
	}));

	router.get('/api/events/:id', authed((req, c, key) => {
		const ev = c.state.events.find((e) => e._id === req.params.id && e.sellerId === key.sellerId);
		if (!ev) throw notFound('Event not found');
		return { status: 200, body: publicEvent(ev) };
	}));
}

module.exports = { register };
