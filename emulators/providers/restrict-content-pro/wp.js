'use strict';
// The WordPress part of the emulated site: both REST URL forms, application-password Basic auth,
// WordPress error bodies ({code, message, data: {status}}), route matching and permission checks.
const { HttpError } = require('../../core/http-error');
const C = require('./constants');

/** WordPress REST error body. */
function wpError(status, code, message, extraData) {
	return { status, body: { code, message, data: { status, ...(extraData || {}) } } };
}

/** Thrown by route handlers; rendered as a WordPress error. */
function fail(status, code, message, extraData) {
	const r = wpError(status, code, message, extraData);
	return new HttpError(status, message, { body: r.body });
}

/** Provider-level default error (faults, 429s): what WordPress / a host would send. */
function errorResult(status, message) {
	if (status === 429) return wpError(429, 'too_many_requests', message || 'Too many requests. Please slow down.');
	if (status >= 500) {
		return wpError(status, 'internal_server_error', message || '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>');
	}
	if (status === 404) return wpError(404, 'rest_no_route', message || 'No route was found matching the URL and request method.');
	if (status === 401) return wpError(401, 'rest_forbidden', message || 'Sorry, you are not allowed to do that.');
	if (status === 403) return wpError(403, 'rest_forbidden', message || 'Sorry, you are not allowed to do that.');
	return wpError(status, 'rest_error', message || `HTTP ${status}`);
}

const html = (status, title, text) => ({
	status,
	headers: { 'content-type': 'text/html; charset=UTF-8' },
	body: `<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
});

/**
 * Splits a provider path into { variant, route } where route is the REST route ('/rcp/v1/payments')
 * or null when the request does not reach the REST API.
 */
function resolveRoute(req) {
	const segs = req.providerPath.split('/').filter(Boolean);
	const variant = segs.length && C.VARIANTS.includes(segs[0]) ? segs.shift() : 'main';
	const restRoute = typeof req.query.rest_route === 'string' ? req.query.rest_route : undefined;
	let route = null;
	let form = null;
	if (segs[0] === 'wp-json') {
		if (variant === 'plain') return { variant, route: null, form: 'pretty', segs };
		route = `/${segs.slice(1).join('/')}`;
		form = 'pretty';
	} else if ((segs.length === 0 || (segs.length === 1 && segs[0] === 'index.php')) && restRoute !== undefined) {
		route = restRoute;
		form = 'rest_route';
	}
	if (route !== null) {
		// rest_api_loaded(): untrailingslashit(), '/' when empty.
		route = route.replace(/\/+$/, '') || '/';
		if (!route.startsWith('/')) route = `/${route}`;
	}
	return { variant, route, form, segs };
}

/** WordPress merges query and body parameters (WP_REST_Request::get_params); the body wins. */
function params(req) {
	const out = {};
	for (const [k, v] of Object.entries(req.query)) if (k !== 'rest_route') out[k] = v;
	if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) Object.assign(out, req.body);
	return out;
}

/**
 * Application-password Basic auth (WordPress 5.6+). Returns the user, null (not logged in), or throws
 * 401 incorrect_password / invalid_username / invalid_email as wp_authenticate_application_password() does.
 */
function authenticate(req, state, variant) {
	if (variant === 'strip-auth') return null; // the web server dropped the Authorization header
	const h = req.headers.authorization;
	if (typeof h !== 'string') return null;
	const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h);
	if (!m) return null;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return null;
	const login = decoded.slice(0, colon);
	const password = decoded.slice(colon + 1);
	const isEmail = login.includes('@');
	const user = state.users.find((u) => (isEmail ? u.email.toLowerCase() === login.toLowerCase() : u.login === login));
	if (!user) {
		throw isEmail
			? fail(401, 'invalid_email', 'Unknown email address. Check again or try your username.')
			: fail(401, 'invalid_username', 'Unknown username. Check again or try your email address.');
	}
	// WordPress strips everything but letters and digits before checking (the spaces it shows are cosmetic).
	const clean = (s) => s.replace(/[^a-z\d]/gi, '');
	if (clean(password) !== clean(user.appPassword)) {
		throw fail(401, 'incorrect_password', 'The provided password is an invalid application password.');
	}
	return user;
}

/** rest_forbidden: 401 when not logged in, 403 when logged in without the capability (WP 5.0+, changeset 42421). */
function requireCap(user, cap) {
	if (!user) throw fail(401, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
	if (!user.caps.includes(cap)) throw fail(403, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
}

/** A tiny WP route table: { methods, pattern (RegExp on the route), cap, namespace, handler(ctx) }. */
class WpRoutes {
	constructor() {
		this.routes = [];
	}

	add(methods, pattern, spec) {
		this.routes.push({ methods: methods.split(',').map((m) => m.trim()), pattern, ...spec });
	}

	match(method, route, variant) {
		for (const r of this.routes) {
			if (r.namespace === C.NAMESPACE && variant === 'no-addon') continue;
			const m = r.pattern.exec(route);
			if (!m) continue;
			if (!r.methods.includes(method) && !(method === 'HEAD' && r.methods.includes('GET'))) continue;
			return { route: r, groups: m.groups || {} };
		}
		return null;
	}
}

module.exports = { wpError, fail, errorResult, html, resolveRoute, params, authenticate, requireCap, WpRoutes };
