'use strict';

/**
 * Restrict Content Pro's payments list as the model sees it: `GET …/rcp/v1/payments?number&offset&order`,
 * newest ID first, IDs AUTO_INCREMENT integers sent as strings, no modification time
 * (docs/providers/restrict-content-pro.md). Hostile rows: IDs that are not integers, odd statuses and dates.
 */

const path = require('node:path');
const { pageFaults } = require('./core');

const ROOT = path.join(__dirname, '..', '..');
const STATUSES = ['complete', 'pending', 'failed', 'refunded', 'abandoned', '', null, 7, { odd: true }];
const GARBAGE_IDS = ['abc', '', null, '12.5', '-3', '007', 'NaN', '1e3', true, { id: 1 }];

const isValidId = (id) => (typeof id === 'string' && /^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id))) || (Number.isSafeInteger(id) && id > 0);

/** The status the trigger reports: RCP shows an empty legacy status as "complete". */
function statusValue(p) {
	const s = p.status;
	if (s === undefined || s === null || s === '') return 'complete';
	return typeof s === 'string' ? s : JSON.stringify(s);
}

function dateOf(world, time) {
	const now = world.timeOverride ?? Date.now();
	const fmt = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
	if (time === 'future') return fmt(now + 20 * 365 * 86400_000);
	if (time === 'past') return fmt(now - 40 * 86400_000);
	if (time === 'garbage') return ['0000-00-00 00:00:00', 'yesterday', '', null, 12][world.nextTag % 5];
	return fmt(now);
}

function loadNode() {
	const { RestrictContentProTrigger } = require(path.join(process.env.MODEL_DIST || path.join(ROOT, 'dist'), 'nodes/RestrictContentPro/RestrictContentProTrigger.node.js'));
	return new RestrictContentProTrigger();
}

const rcpSpec = {
	name: 'Restrict Content Pro Trigger',
	short: 'rcp',
	settlePolls: 14,
	settleBudget: 'tight',
	idValid: (p) => isValidId(p.id),
	idOf: (p) => p.id,
	statusValue,
	setStatus(p, to) {
		p.status = STATUSES[to % STATUSES.length];
	},
	newRecord(world, options, tag) {
		world.autoIncrement = (world.autoIncrement ?? 0) + 1;
		const n = world.autoIncrement;
		const garbage = options.idKind !== undefined && options.idKind % 11 === 10;
		const id = garbage ? GARBAGE_IDS[n % GARBAGE_IDS.length] : String(n);
		return {
			id,
			customer_id: '3',
			membership_id: '5',
			subscription: 'Gold',
			object_id: '1',
			object_type: 'subscription',
			date: dateOf(world, options.time),
			amount: '10.00',
			user_id: '7',
			transaction_id: `tx_${tag}`,
			status: STATUSES[(options.status ?? 0) % 5],
			gateway: 'manual',
			_model: tag,
			_sort: n,
		};
	},
	seed(world, setup, add) {
		for (let i = 0; i < setup.base; i++) add({ time: 'past', status: i, idKind: i });
	},
	tagOf: (item) => item.payment?._model,
	recordOf: (item) => item.payment,
	isNew: (item) => item.event === 'newPayment',
	describeEvent: (item) => `${item.previousStatus} → ${item.status}`,
	/** The newest `watch` payments (by ID) are compared at every poll. */
	statusWindow(world) {
		const present = world
			.present()
			.filter((m) => !m.garbageId)
			.sort((a, b) => b.rec._sort - a.rec._sort);
		return new Set(present.slice(0, world.setup.watch).map((m) => m.tag));
	},
	addWindow: () => () => true,
	provider(world, setup) {
		return {
			nodeType: loadNode(),
			nodeTypeName: 'CUSTOM.restrictContentProTrigger',
			credentials: { url: 'https://shop.model.test', username: 'admin', password: 'abcd efgh ijkl mnop', urlStyle: 'wpJson' },
			parameters: { events: ['newPayment', 'statusChanged'], statuses: [], level: '', watch: setup.watch, backfill: 0 },
			answer(options, pollInfo) {
				const url = new URL(options.url);
				if (options.method !== 'GET' || !url.pathname.endsWith('/rcp/v1/payments')) return { statusCode: 404, body: { code: 'rest_no_route', message: 'No route', data: { status: 404 } } };
				const f = pageFaults(world, pollInfo);
				if (f.fail === 'fail') return { statusCode: 500, body: { code: 'internal_server_error', message: 'Database went away', data: { status: 500 } } };
				if (f.fail === 'html') return { statusCode: 200, body: '<html><body>Maintenance</body></html>', contentType: 'text/html' };
				const qs = options.qs ?? {};
				const number = Number(qs.number ?? 20);
				const offset = Number(qs.offset ?? 0);
				const asc = String(qs.order ?? 'DESC').toUpperCase() === 'ASC';
				const list = world
					.present()
					.slice()
					.sort((a, b) => (asc ? a.rec._sort - b.rec._sort : b.rec._sort - a.rec._sort));
				let page = list.slice(offset, offset + number).map((m) => m.rec);
				if (f.dup && page.length) {
					const at = pollInfo.pageIndex % page.length;
					page.splice(at + 1, 0, page[at]);
					if (page.length > number) page.pop();
				}
				page = page.map(({ _sort, ...rest }) => rest);
				return { statusCode: 200, body: page, slow: f.slow };
			},
		};
	},
};

module.exports = { rcpSpec, isValidId };
