'use strict';
// Route handlers: the RCP REST add-on's payments and levels routes (rcp/v1) and the two WordPress core
// routes a client may touch (the index and users/me). Behaviour of the payments table follows RCP core's
// RCP_Payments (insert/update/delete/get_payment/get_payments); what the add-on itself answers is
// UNVERIFIED in places and marked so below.
const C = require('./constants');
const { fail, requireCap, WpRoutes } = require('./wp');
const { mysqlDate } = require('./seed');

const ok = (body, status = 200) => ({ status, body });

/** PHP absint(). */
function absint(v) {
	const n = parseInt(String(v ?? ''), 10);
	return Number.isFinite(n) ? Math.abs(n) : 0;
}

/** PHP float-to-string as $wpdb stores it with %s: 10.0 -> "10", 19.99 -> "19.99". */
function phpNumberString(n) {
	return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e10) / 1e10);
}

function invalid(problems) {
	const names = Object.keys(problems);
	return fail(400, 'rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, {
		params: problems,
		details: Object.fromEntries(names.map((n) => [n, { code: 'rest_invalid_type', message: problems[n], data: null }])),
	});
}

function missing(names) {
	return fail(400, 'rest_missing_callback_param', `Missing parameter(s): ${names.join(', ')}`, { params: names });
}

const isBlank = (v) => v === undefined || v === null || v === '';
const DATE_RE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

/**
 * Validates and sanitizes the documented payment fields present in `p` as WordPress's argument schema would
 * (types from the seed: int, float, string; status enum; date in MySQL format). Returns stored (string) values.
 */
function sanitizePaymentFields(p) {
	const out = {};
	const problems = {};
	for (const field of C.WRITABLE) {
		if (!(field in p)) continue;
		const v = p[field];
		if (C.INT_FIELDS.includes(field)) {
			if (typeof v === 'number' ? !Number.isInteger(v) || v < 0 : !/^\d+$/.test(String(v ?? ''))) {
				problems[field] = `${field} is not of type integer.`;
				continue;
			}
			out[field] = String(Number(v));
		} else if (C.FLOAT_FIELDS.includes(field)) {
			const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
			if (!Number.isFinite(n)) {
				problems[field] = `${field} is not of type number.`;
				continue;
			}
			out[field] = typeof v === 'string' ? v.trim() : phpNumberString(n);
		} else if (field === 'status') {
			if (!C.STATUSES.includes(String(v))) {
				problems[field] = `${field} is not one of ${C.STATUSES.slice(0, -1).join(', ')}, and ${C.STATUSES[C.STATUSES.length - 1]}.`;
				continue;
			}
			out[field] = String(v);
		} else if (field === 'date') {
			if (typeof v !== 'string' || !DATE_RE.test(v.trim()) || Number.isNaN(Date.parse(`${v.trim().replace(' ', 'T')}Z`))) {
				problems[field] = `${field} is not a valid date in the format YYYY-MM-DD HH:MM:SS.`;
				continue;
			}
			out[field] = v.trim().length === 10 ? `${v.trim()} 00:00:00` : v.trim();
		} else {
			if (v !== null && typeof v === 'object') {
				problems[field] = `${field} is not of type string.`;
				continue;
			}
			out[field] = v === null || v === undefined ? '' : String(v).trim();
		}
	}
	if (Object.keys(problems).length) throw invalid(problems);
	return out;
}

function findPayment(state, id) {
	return state.payments.find((p) => p.id === String(id)) || null;
}

/** RCP_Payments::get_payment(): an empty status reads as "complete". */
function readPayment(row) {
	return row.status ? { ...row } : { ...row, status: 'complete' };
}

const lc = (s) => String(s ?? '').toLowerCase();

function register(routes, ctx) {
	// ---- WordPress core ------------------------------------------------------------------------
	routes.add('GET', /^\/$/, {
		namespace: '',
		handler: ({ site, variant }) =>
			ok({
				name: C.SITE_NAME,
				description: 'An emulated WordPress site with Restrict Content Pro',
				url: site,
				home: site,
				gmt_offset: 0,
				timezone_string: 'UTC',
				namespaces: variant === 'no-addon' ? ['oembed/1.0', 'wp/v2'] : ['oembed/1.0', 'rcp/v1', 'wp/v2'],
				authentication: { 'application-passwords': { endpoints: { authorization: `${site}/wp-admin/authorize-application.php` } } },
			}),
	});

	routes.add('GET', /^\/wp\/v2\/users\/me$/, {
		namespace: 'wp/v2',
		handler: ({ user }) => {
			if (!user) throw fail(401, 'rest_not_logged_in', 'You are not currently logged in.');
			return ok({ id: user.id, name: user.name, url: '', description: '', link: '', slug: user.login });
		},
	});

	// ---- RCP levels (membership levels; used by the node's level picker) ----------------------------
	routes.add('GET', /^\/rcp\/v1\/levels$/, {
		namespace: C.NAMESPACE,
		cap: 'rcp_view_levels',
		handler: ({ state, p }) => {
			const status = isBlank(p.status) ? 'all' : String(p.status);
			let levels = state.levels.filter((l) => status === 'all' || l.status === status);
			const orderby = ['list_order', 'id', 'name', 'price'].includes(String(p.orderby)) ? String(p.orderby) : 'list_order';
			const key = (l) => (orderby === 'name' ? l.name.toLowerCase() : Number(l[orderby]));
			levels = levels.slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : Number(a.id) - Number(b.id)));
			const limit = absint(p.limit);
			if (limit) levels = levels.slice(0, limit);
			return ok(levels);
		},
	});

	routes.add('GET', /^\/rcp\/v1\/levels\/(?<id>\d+)$/, {
		namespace: C.NAMESPACE,
		cap: 'rcp_view_levels',
		handler: ({ state, groups }) => {
			const level = state.levels.find((l) => l.id === String(Number(groups.id)));
			// UNVERIFIED: the add-on's answer for an unknown level.
			if (!level) throw fail(404, 'rcp_invalid_level', 'Invalid membership level ID.');
			return ok(level);
		},
	});

	// ---- RCP payments (seed) ---------------------------------------------------------------------
	routes.add('GET', /^\/rcp\/v1\/payments$/, {
		namespace: C.NAMESPACE,
		cap: 'rcp_view_payments',
		handler: ({ state, p }) => {
			// RCP_Payments::get_payments(): number=20, offset=0, order=DESC; orderby is checked with
			// array_key_exists() against a plain list, so every named value falls back to `id` (INFERENCE).
			const number = isBlank(p.number) ? 20 : absint(p.number);
			const offset = isBlank(p.offset) ? 0 : absint(p.offset);
			const desc = isBlank(p.order) || String(p.order).toUpperCase() === 'DESC';
			let rows = state.payments;
			if (!isBlank(p.subscription)) rows = rows.filter((r) => lc(r.subscription) === lc(p.subscription));
			const userId = parseInt(String(p.user_id ?? ''), 10);
			if (Number.isFinite(userId) && userId !== 0) rows = rows.filter((r) => Number(r.user_id) === userId);
			if (!isBlank(p.status)) rows = rows.filter((r) => lc(r.status) === lc(p.status));
			rows = rows.slice().sort((a, b) => (Number(a.id) - Number(b.id)) * (desc ? -1 : 1));
			return ok(rows.slice(offset, offset + number).map((r) => ({ ...r })));
		},
	});

	routes.add('GET', /^\/rcp\/v1\/payments\/(?<id>\d+)$/, {
		namespace: C.NAMESPACE,
		cap: 'rcp_view_payments',
		handler: ({ state, groups }) => {
			const row = findPayment(state, Number(groups.id));
			// UNVERIFIED: the add-on's answer for an unknown payment (core returns null).
			if (!row) throw fail(404, 'rcp_invalid_payment', 'Invalid payment ID.');
			return ok(readPayment(row));
		},
	});

	routes.add('POST', /^\/rcp\/v1\/payments\/new$/, {
		namespace: C.NAMESPACE,
		cap: 'rcp_manage_payments',
		handler: ({ state, p }) => {
			const absent = ['user_id', 'amount', 'subscription'].filter((f) => isBlank(p[f]));
			if (absent.length) throw missing(absent);
			const given = sanitizePaymentFields(p);
			// RCP_Payments::insert() defaults.
			const args = {
				subscription: '', object_id: '0', object_type: 'subscription', date: mysqlDate(ctx.now().getTime()), amount: '0',
				user_id: '0', customer_id: '0', membership_id: '0', payment_type: '', transaction_type: 'new', subscription_key: '',
				transaction_id: '', status: 'complete', gateway: '', subtotal: '0', credits: '0', fees: '0', discount_amount: '0',
				discount_code: '', ...given,
			};
			// A payment whose transaction ID is already recorded is refused: core returns false, and so does
			// the route (the add-on's exact answer is UNVERIFIED; the sibling customers/new route returns bare values).
			if (args.transaction_id && state.payments.some((r) => r.transaction_id === args.transaction_id)) return ok(false);
			if ((args.object_id === '0' || !args.object_id) && args.subscription) {
				const level = state.levels.find((l) => l.name === args.subscription);
				if (level) args.object_id = level.id;
			}
			const member = state.members.find((m) => String(m.id) === args.user_id);
			if (args.customer_id === '0' && member) args.customer_id = String(member.customerId);
			// Backwards compatibility in core: a "complete" payment matching the member's last pending payment
			// (same amount and level) completes that one instead of inserting a new row.
			if (member && args.user_id !== '0' && args.status === 'complete') {
				const pending = member.meta.rcp_pending_payment_id ? findPayment(state, member.meta.rcp_pending_payment_id) : null;
				if (pending && Number(args.amount) === Number(pending.amount) && args.subscription === pending.subscription) {
					for (const k of Object.keys(args)) if (k in pending && k !== 'id') pending[k] = args[k];
					return ok(Number(pending.id));
				}
			}
			const id = state.nextPaymentId++;
			const row = {};
			for (const col of C.PAYMENT_COLUMNS) row[col] = col === 'id' ? String(id) : String(args[col] ?? '');
			state.payments.push(row);
			return ok(id);
		},
	});

	routes.add('POST,PUT,PATCH', /^\/rcp\/v1\/payments\/update\/(?<id>\d+)$/, {
		namespace: C.NAMESPACE,
		cap: 'rcp_manage_payments',
		handler: ({ state, p, groups }) => {
			const row = findPayment(state, Number(groups.id));
			// UNVERIFIED: the add-on's answer for an unknown payment.
			if (!row) throw fail(404, 'rcp_invalid_payment', 'Invalid payment ID.');
			const data = sanitizePaymentFields(p);
			// $wpdb->update(): false for no data, otherwise the number of rows changed (0 when nothing differs).
			if (!Object.keys(data).length) return ok(false);
			let changed = 0;
			for (const [k, v] of Object.entries(data)) {
				if (row[k] !== v) changed = 1;
				row[k] = v;
			}
			return ok(changed);
		},
	});

	routes.add('DELETE', /^\/rcp\/v1\/payments\/delete$/, {
		namespace: C.NAMESPACE,
		cap: 'rcp_manage_payments',
		handler: ({ state, p }) => {
			if (isBlank(p.id)) throw missing(['id']);
			if (!/^\d+$/.test(String(p.id).trim())) throw invalid({ id: 'id is not of type integer.' });
			// RCP_Payments::delete() runs a DELETE and reports nothing: an unknown ID "succeeds" too.
			const i = state.payments.findIndex((r) => r.id === String(Number(p.id)));
			if (i !== -1) state.payments.splice(i, 1);
			return ok(true);
		},
	});
}

function createRoutes(ctx) {
	const routes = new WpRoutes();
	register(routes, ctx);
	return routes;
}

module.exports = { createRoutes, requireCap, sanitizePaymentFields };
