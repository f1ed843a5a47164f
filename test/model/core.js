'use strict';

/**
 * The model of a provider's list, the histories it lives through, and the guarantee checked against what
 * the trigger's real poll() emitted (docs/triggers.md, "The guarantee"):
 *
 * - every add is emitted exactly once (as a "new" event), unless it is an exception: added and deleted
 *   again before a complete poll saw it; added before a restart that came before n8n ever saved the
 *   trigger's state; beyond the watch window (Constant Contact's tracked maximum); or without a usable ID;
 * - a record's status change is emitted at most once per real change, and at every complete poll the
 *   trigger's last word on each record in the window at this and the previous complete poll is the
 *   record's status (so every difference between two consecutive complete polls came out);
 * - nothing that existed at the first poll comes out as new, except (Constant Contact) a record whose time says
 *   nothing when that first read was cut by its budget.
 *
 * A "complete" poll succeeded, met no fault and did not run out of budget. A history ends with polls that
 * are budget-limited but fault-free; by their end every add must be out (a backlog is drained across polls).
 */

const { Poller, BUDGETS } = require('./driver');

function makeWorld(spec, setup) {
	const world = { spec, setup, step: 0, records: [], byTag: new Map(), nextTag: 1, counts: {}, timeOverride: undefined };
	world.count = (kind, n = 1) => {
		world.counts[kind] = (world.counts[kind] ?? 0) + n;
	};
	world.present = () => world.records.filter((m) => m.deletedStep === undefined);
	return world;
}

/** Adds a record to the provider's list. */
function addRecord(world, options, during) {
	const { spec } = world;
	const tag = `m${world.nextTag++}`;
	const rec = spec.newRecord(world, options, tag);
	const meta = {
		tag,
		rec,
		createdStep: world.step,
		createdDuring: during,
		deletedStep: undefined,
		klass: world.baselined ? 'add' : 'pending',
		garbageId: !spec.idValid(rec),
		timeKind: options.time ?? 'now',
		timeline: [{ step: world.step, value: spec.statusValue(rec) }],
		news: 0,
		statusEvents: [],
		lastEventStep: -1,
		view: undefined,
		inWindowPrev: false,
	};
	world.records.push(meta);
	world.byTag.set(tag, meta);
	world.count('adds');
	if (meta.garbageId) world.count('garbage IDs');
	if (options.time === 'future' || options.time === 'garbage') world.count('garbage or future times');
	if (options.time === 'future') world.count('future times');
	if (options.time === 'garbage') world.count('unreadable times');
	return meta;
}

function deleteRecord(world, pick, during) {
	const present = world.present();
	if (!present.length) return;
	const meta = present[pick % present.length];
	meta.deletedStep = world.step;
	if (during) world.count('deletes during paging');
	else world.count('deletes');
}

function changeStatus(world, pick, to) {
	const present = world.present();
	if (!present.length) return;
	const meta = present[pick % present.length];
	world.spec.setStatus(meta.rec, to);
	const value = world.spec.statusValue(meta.rec);
	if (value !== meta.timeline[meta.timeline.length - 1].value) {
		meta.timeline.push({ step: world.step, value });
		world.count('status changes');
	}
}

const valueAt = (meta, step) => {
	let value;
	for (const entry of meta.timeline) if (entry.step <= step) value = entry.value;
	return value;
};

/** Applies the faults planned for a page: called by the provider's answer() before it builds the page. */
function pageFaults(world, pollInfo) {
	world.step++;
	const index = pollInfo.pageIndex++;
	const faults = (pollInfo.faults ?? []).filter((f) => f.page === index);
	const out = { fail: undefined, slow: false, dup: false };
	for (const fault of faults) {
		if (fault.kind === 'delete') deleteRecord(world, fault.pick, true);
		else if (fault.kind === 'insert') {
			addRecord(world, { time: 'now', status: 0 }, pollInfo);
			world.count('inserts during paging');
		} else if (fault.kind === 'fail' || fault.kind === 'html') {
			out.fail = fault.kind;
			world.count('failing pages');
		} else if (fault.kind === 'slow') {
			out.slow = true;
			world.count('slow pages');
		} else if (fault.kind === 'reorder') {
			const present = world.present();
			if (present.length > 1) {
				const moved = present[present.length - 1];
				world.records.splice(world.records.indexOf(moved), 1);
				world.records.unshift(moved);
			}
			world.count('reorders during paging');
		} else if (fault.kind === 'dup') {
			out.dup = true;
			world.count('duplicate IDs');
		}
	}
	if (faults.length) pollInfo.faulted = true;
	return out;
}

async function runHistory(spec, history) {
	const world = makeWorld(spec, history.setup);
	const failures = [];
	const CONTEXT = ['deletes during paging', 'inserts during paging', 'reorders during paging', 'duplicate IDs', 'garbage IDs', 'future times', 'unreadable times', 'budget exhaustion', 'restarts', 'backlog bursts', 'slow pages', 'failing pages'];
	const fail = (message) => {
		const context = CONTEXT.filter((k) => world.counts[k] > 0);
		if (history.setup.large) context.push('large event');
		failures.push(`${message} {${context.join(', ')}}`);
	};
	spec.seed(world, history.setup, (options) => addRecord(world, options, undefined));
	const poller = new Poller(spec.provider(world, history.setup), history.setup.engine);
	const byTag = new Map();
	let emitted = 0;
	let polls = 0;
	world.baselined = false;
	let lastComplete; // { step }
	// What the trigger knew when n8n last saved its state: a restart goes back to it.
	let savedViews = new Map();

	const doPoll = async (budget, faults) => {
		world.step++;
		const startStep = world.step;
		const info = { budgetMs: BUDGETS[budget], faults, pageIndex: 0, faulted: false, world, served: new Set() };
		const { items, error, elapsed, saved } = await poller.poll(info);
		world.step++;
		const endStep = world.step;
		polls++;
		const exhausted = elapsed >= BUDGETS[budget] / 2 || (history.setup.engine === '1.x' && elapsed >= 60_000);
		if (exhausted && !error) world.count('budget exhaustion');
		if (error && !info.faulted) fail(`poll ${polls} failed without a fault: ${error.message}`);
		if (error) return;
		for (const item of items ?? []) {
			emitted++;
			const tag = spec.tagOf(item);
			const meta = world.byTag.get(tag);
			if (!meta) {
				fail(`poll ${polls}: emitted a record the model never had: ${JSON.stringify(item).slice(0, 200)}`);
				continue;
			}
			byTag.set(tag, meta);
			if (spec.isNew(item)) {
				meta.news++;
				if (meta.news > 1) fail(`poll ${polls}: ${tag} emitted as new a ${meta.news}th time (repeated)`);
				if (meta.klass === 'baseline') fail(`poll ${polls}: ${tag} existed at the first poll but was emitted as new`);
				meta.view = spec.statusValue(spec.recordOf(item));
				meta.lastEventStep = endStep;
			} else {
				const status = spec.statusValue(spec.recordOf(item));
				const changedSince = meta.timeline.some((e, i) => i > 0 && e.step > meta.lastEventStep && e.step <= endStep);
				if (!changedSince) fail(`poll ${polls}: ${tag} status event ${spec.describeEvent(item)} without a change since its last event (repeated)`);
				if (status !== valueAt(meta, endStep)) fail(`poll ${polls}: ${tag} status event says ${status}, the record has ${valueAt(meta, endStep)}`);
				meta.lastEventStep = endStep;
				meta.view = status;
				meta.statusEvents.push(polls);
			}
		}
		if (!world.baselined) {
			// The trigger's first state: what existed is old, what was added during this poll is either.
			world.baselined = true;
			for (const meta of world.records) {
				if (meta.klass !== 'pending' && meta.klass !== 'add') continue;
				if (meta.news) continue;
				meta.klass = meta.createdStep < startStep && !world.rebaseline ? 'baseline' : 'exempt';
				if (meta.createdStep < startStep && world.rebaseline) meta.klass = 'exempt-restart';
			}
			world.rebaseline = false;
			// A first read cut by its budget (the first after a restart before n8n first saved the state, read by
			// the budget-limited settle polls) tells what existed by the registration time; a record it did not
			// reach whose time says nothing (docs/triggers.md: unreadable or far in the future) may come out as new once.
			if (exhausted && spec.timeSaysNothing) {
				world.count('first reads cut by the budget');
				for (const meta of world.records) {
					if (meta.klass === 'baseline' && !info.served.has(meta.tag) && spec.timeSaysNothing(meta)) meta.klass = 'baseline-unsure';
				}
			}
		}
		const complete = !info.faulted && !exhausted;
		if (complete) {
			world.count('complete polls');
			const window = spec.statusWindow(world);
			const addWindow = spec.addWindow(world);
			for (const meta of world.records) {
				const present = meta.deletedStep === undefined;
				// Every add that was there for the whole poll has come out.
				if (meta.klass === 'add' && !meta.garbageId && present && meta.createdStep < startStep && !meta.news && addWindow(meta)) {
					fail(`poll ${polls} (complete): ${tag(meta)} added at step ${meta.createdStep} was never emitted (missed)`);
					meta.news = -1000; // report once
				}
				if (!present || meta.garbageId) continue;
				const inWindow = window.has(meta.tag);
				if (inWindow && meta.view === undefined && meta.news === 0) meta.view = valueAt(meta, endStep);
				if (inWindow && meta.inWindowPrev && lastComplete && meta.view !== undefined && meta.view !== valueAt(meta, endStep)) {
					fail(`poll ${polls} (complete): ${tag(meta)} status ${valueAt(meta, endStep)} at this complete poll, last emitted ${meta.view} (missed change)`);
					meta.view = valueAt(meta, endStep);
				}
				if (!inWindow) meta.view = undefined;
				meta.inWindowPrev = inWindow;
			}
			lastComplete = { step: endStep };
		}
		if (saved) savedViews = new Map(world.records.map((m) => [m.tag, { view: m.view, inWindowPrev: m.inWindowPrev }]));
	};
	const tag = (meta) => `${meta.tag} (id ${JSON.stringify(spec.idOf(meta.rec))}, time ${meta.timeKind})`;

	// The activation poll, then the history, then polls that drain what is left within a tight budget.
	await doPoll('ample', []);
	for (const cmd of history.steps) {
		world.step++;
		if (cmd.t === 'add') {
			world.count(cmd.n > 1 ? 'same-second bursts' : 'single adds');
			world.timeOverride = cmd.time === 'now' || cmd.n > 1 ? Date.now() : undefined;
			for (let i = 0; i < cmd.n; i++) addRecord(world, cmd, undefined);
			world.timeOverride = undefined;
		} else if (cmd.t === 'burst') {
			world.count('backlog bursts');
			for (let i = 0; i < cmd.n; i++) addRecord(world, { time: 'now', status: i }, undefined);
		} else if (cmd.t === 'status') changeStatus(world, cmd.pick, cmd.to);
		else if (cmd.t === 'delete') deleteRecord(world, cmd.pick, false);
		else if (cmd.t === 'restart') {
			world.count('restarts');
			if (!poller.savedEver) {
				world.count('restarts before the first save');
				world.baselined = false;
				world.rebaseline = true;
				for (const meta of world.records) if (meta.klass === 'add' && !meta.news) meta.klass = 'pending';
			}
			for (const meta of world.records) {
				const kept = savedViews.get(meta.tag);
				meta.view = kept?.view;
				meta.inWindowPrev = kept?.inWindowPrev ?? false;
			}
			poller.restart();
		} else if (cmd.t === 'poll') {
			// Constant Contact's first read is where the list stands (docs/triggers.md): it is not disturbed.
			if (!world.baselined && spec.cleanBaseline) await doPoll('ample', []);
			else await doPoll(cmd.budget, cmd.faults ?? []);
		}
	}
	// Stops early after five polls in a row that emitted nothing.
	for (let n = 0, quiet = 0; n < spec.settlePolls && quiet < 5; n++) {
		const before = emitted;
		await doPoll(spec.settleBudget, []);
		quiet = emitted === before ? quiet + 1 : 0;
	}
	for (const meta of world.records) {
		if (meta.klass === 'add' && !meta.garbageId && meta.deletedStep === undefined && meta.news === 0 && spec.addWindow(world)(meta)) {
			fail(`end: ${tag(meta)} added at step ${meta.createdStep} was still not emitted after ${spec.settlePolls} budget-limited polls (backlog not drained)`);
		}
	}
	let missed = 0;
	let repeated = 0;
	for (const f of failures) {
		if (/repeated|existed at the first poll|never had/.test(f)) repeated++;
		else missed++;
	}
	return { failures, emitted, polls, counts: world.counts, missed, repeated };
}

module.exports = { runHistory, addRecord, pageFaults, valueAt };
