'use strict';

/**
 * One Constant Contact event's registration list as the model sees it: `GET /v3/events/{id}/tracks/{track}/
 * registrations?limit&next`, opaque `next` cursors that hold an offset (as the emulator's do), no order
 * documented (here: order of registration, which a fault can change mid-read), no "updated since"
 * (docs/providers/constant-contact.md). Hostile rows: times far in the future or unreadable, odd IDs and
 * statuses.
 */

const path = require('node:path');
const { pageFaults } = require('./core');

const ROOT = path.join(__dirname, '..', '..');
/** The trigger's tracked maximum (docs/triggers.md). */
const MAX_TRACKED = 5000;
const EVENT = 'evt-model-1';
const TRACK = 'trk-model-1';
const PAYMENT = ['PENDING', 'PAID', 'REFUNDED', 'NA', 'UNKNOWN', null, 3];
const REGISTRATION = ['REGISTERED', 'CANCELED', 'WAITLISTED', '', { x: 1 }];
const GARBAGE_IDS = [null, '', { id: 'x' }, true, []];
const GARBAGE_TIMES = ['not a date', '', null, 12345, '2026-13-45T99:00:00Z', { t: 1 }];

const field = (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const statusValue = (r) => `${field(r.payment_status)}|${field(r.registration_status)}`;
const isValidId = (id) => (typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id));

/** The order the trigger's window uses: registration time, unreadable times counting as the newest; then ID. */
function keyOf(r) {
	const t = r.registration_time;
	const ms = typeof t === 'string' ? Date.parse(t) : NaN;
	return [Number.isFinite(ms) ? ms : Infinity, String(r.registration_id)];
}

function timeOf(world, time) {
	const now = world.timeOverride ?? Date.now();
	if (time === 'future') return new Date(now + 20 * 365 * 86400_000).toISOString();
	if (time === 'past') return new Date(now - (5 + (world.nextTag % 50)) * 86400_000).toISOString();
	if (time === 'garbage') return GARBAGE_TIMES[world.nextTag % GARBAGE_TIMES.length];
	return new Date(now).toISOString();
}

function loadNode() {
	const { ConstantContactTrigger } = require(path.join(process.env.MODEL_DIST || path.join(ROOT, 'dist'), 'nodes/ConstantContact/ConstantContactTrigger.node.js'));
	return new ConstantContactTrigger();
}

/** The records among the MAX_TRACKED newest of all that ever existed (the trigger tracks a subset of those). */
function windowOf(world) {
	// Records are only ever added to world.records (a deleted one stays, marked), so the count is the version.
	if (world.windowCache?.n === world.records.length) return world.windowCache.window;
	const all = world.records.filter((m) => !m.garbageId);
	let window;
	if (all.length <= MAX_TRACKED) window = new Set(all.map((m) => m.tag));
	else {
		const keyed = all.map((m) => ({ m, k: keyOf(m.rec) }));
		keyed.sort((a, b) => (a.k[0] !== b.k[0] ? (a.k[0] > b.k[0] ? -1 : 1) : a.k[1] > b.k[1] ? -1 : a.k[1] < b.k[1] ? 1 : 0));
		window = new Set(keyed.slice(0, MAX_TRACKED).map((x) => x.m.tag));
	}
	world.windowCache = { n: world.records.length, window };
	return window;
}

const ccSpec = {
	name: 'Constant Contact Trigger',
	short: 'cc',
	settlePolls: 12,
	settleBudget: 'settle',
	cleanBaseline: true,
	/** The first read's exception (docs/triggers.md): a time that says nothing about when the record was made. */
	timeSaysNothing: (meta) => meta.timeKind === 'future' || meta.timeKind === 'garbage',
	MAX_TRACKED,
	idValid: (r) => isValidId(r.registration_id),
	idOf: (r) => r.registration_id,
	statusValue,
	setStatus(r, to) {
		if (to % 2) r.payment_status = PAYMENT[(to >> 1) % PAYMENT.length];
		else r.registration_status = REGISTRATION[(to >> 1) % REGISTRATION.length];
	},
	newRecord(world, options, tag) {
		const n = world.nextTag;
		const garbage = options.idKind !== undefined && options.idKind % 11 === 10;
		return {
			registration_id: garbage ? GARBAGE_IDS[n % GARBAGE_IDS.length] : `r-${n.toString(36)}-${(n * 7919) % 1000}`,
			first_name: 'Ada',
			last_name: `Model${n}`,
			email_address: `ada${n}@model.test`,
			registration_time: timeOf(world, options.time),
			payment_status: PAYMENT[(options.status ?? 0) % 4],
			registration_status: 'REGISTERED',
			_model: tag,
		};
	},
	seed(world, setup, add) {
		const odd = new Map((setup.odd ?? []).map((o) => [o.at % Math.max(setup.base, 1), o.time]));
		for (let i = 0; i < setup.base; i++) add({ time: odd.get(i) ?? 'past', status: i, idKind: setup.large ? 0 : i });
	},
	tagOf: (item) => item.registration?._model,
	recordOf: (item) => item.registration,
	isNew: (item) => item.event === 'newRegistration',
	describeEvent: (item) => `${item.previousPaymentStatus}|${item.previousRegistrationStatus} → ${statusValue(item.registration)}`,
	statusWindow: (world) => windowOf(world),
	addWindow(world) {
		const window = windowOf(world);
		return (meta) => window.has(meta.tag);
	},
	provider(world, setup) {
		return {
			nodeType: loadNode(),
			nodeTypeName: 'CUSTOM.constantContactTrigger',
			credentials: {
				clientId: 'model-client',
				clientSecret: 'model-client-secret',
				baseUrl: 'https://api.cc.model.test/v3',
				oauthTokenData: { token_type: 'Bearer', access_token: 'model-access-token', refresh_token: 'model-refresh-token', expires_in: 86400 },
			},
			parameters: { eventId: EVENT, trackId: TRACK, events: ['newRegistration', 'statusChanged'], pageSize: setup.pageSize, backfill: 0 },
			answer(options, pollInfo) {
				const url = new URL(options.url);
				const listPath = `/v3/events/${EVENT}/tracks/${TRACK}/registrations`;
				if (options.method !== 'GET' || url.pathname !== listPath) return { statusCode: 404, body: [{ error_key: 'not_found', error_message: 'Not found' }] };
				const f = pageFaults(world, pollInfo);
				if (f.fail === 'fail') return { statusCode: 500, body: [{ error_key: 'server_error', error_message: 'Internal error' }] };
				if (f.fail === 'html') return { statusCode: 200, body: '<html><body>Gateway</body></html>', contentType: 'text/html' };
				const qs = { ...Object.fromEntries(url.searchParams), ...(options.qs ?? {}) };
				const limit = Number(qs.limit ?? 50);
				let offset = 0;
				if (qs.next) {
					try {
						offset = JSON.parse(Buffer.from(String(qs.next), 'base64url').toString('utf8')).o;
					} catch {
						return { statusCode: 400, body: [{ error_key: 'invalid_cursor', error_message: 'Bad cursor' }] };
					}
				}
				const list = world.present();
				const served = list.slice(offset, offset + limit);
				for (const m of served) pollInfo.served.add(m.tag);
				let page = served.map((m) => m.rec);
				if (f.dup && page.length) {
					const at = pollInfo.pageIndex % page.length;
					page.splice(at + 1, 0, page[at]);
					if (page.length > limit) page.pop();
				}
				const body = { records: page, total_records: list.length, _links: { self: { href: `${listPath}?limit=${limit}` } } };
				if (offset + limit < list.length) {
					body.next_cursor = Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url');
					body._links.next = { href: `${listPath}?next=${body.next_cursor}&limit=${limit}` };
				}
				return { statusCode: 200, body, slow: f.slow };
			},
		};
	},
};

module.exports = { ccSpec, MAX_TRACKED, keyOf };
