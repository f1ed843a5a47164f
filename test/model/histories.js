'use strict';

/** fast-check arbitraries for the histories a polling trigger lives through (see core.js). */

const fc = require('fast-check');

function faultArb(kinds) {
	return fc.record({ page: fc.nat(4), kind: fc.constantFrom(...kinds), pick: fc.nat(1000) });
}

const TIMES = ['now', 'now', 'now', 'past', 'future', 'garbage'];

function stepArb({ faultKinds, burst, times = TIMES }) {
	const add = fc.record({
		t: fc.constant('add'),
		n: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }),
		time: fc.constantFrom(...times),
		status: fc.nat(20),
		idKind: fc.nat(10),
	});
	const status = fc.record({ t: fc.constant('status'), pick: fc.nat(1000), to: fc.nat(40) });
	const del = fc.record({ t: fc.constant('delete'), pick: fc.nat(1000) });
	const poll = fc.record({
		t: fc.constant('poll'),
		budget: fc.constantFrom('ample', 'ample', 'tight'),
		faults: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(faultArb(faultKinds), { minLength: 1, maxLength: 2 }) }),
	});
	const restart = fc.record({ t: fc.constant('restart') });
	const backlog = fc.record({ t: fc.constant('burst'), n: fc.integer(burst) });
	return fc.oneof(
		{ weight: 5, arbitrary: add },
		{ weight: 3, arbitrary: status },
		{ weight: 2, arbitrary: del },
		{ weight: 6, arbitrary: poll },
		{ weight: 1, arbitrary: restart },
		{ weight: 1, arbitrary: backlog },
	);
}

const ENGINES = fc.constantFrom('2.x', '2.x', '1.x');

function rcpHistories() {
	const setup = fc.record({ base: fc.nat(30), watch: fc.constantFrom(1, 3, 10, 100, 150), engine: ENGINES });
	const steps = fc.array(stepArb({ faultKinds: ['delete', 'insert', 'fail', 'html', 'slow', 'dup'], burst: { min: 100, max: 260 } }), { maxLength: 25 });
	return fc.record({ setup, steps });
}

/**
 * Base records with a far-future or unreadable time, at an index of the list (early records are read by the
 * first page). On an event beyond the tracked maximum the time decides what is new, so one such record
 * present from the start is where a time cursor that trusts it stops.
 */
const oddBase = (max) => fc.array(fc.record({ at: fc.nat(max), time: fc.constantFrom('future', 'garbage') }), { maxLength: 2 });

function ccHistories() {
	const faultKinds = ['delete', 'insert', 'fail', 'html', 'slow', 'dup', 'reorder'];
	const small = fc.record({
		setup: fc.record({ base: fc.nat(30), pageSize: fc.integer({ min: 2, max: 6 }), engine: ENGINES, large: fc.constant(false), odd: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: oddBase(30) }) }),
		steps: fc.array(stepArb({ faultKinds, burst: { min: 5, max: 40 } }), { maxLength: 25 }),
	});
	// An event larger than the trigger's tracked maximum (5,000 registrations), read in pages of 500: there
	// the registration time decides what is new, so its far-future and unreadable times are made often, as
	// base records (half the time, mostly on the first page) and as adds. A poll of it reads 11 pages, so
	// its histories are short.
	const large = fc.record({
		setup: fc.record({
			base: fc.integer({ min: 5000, max: 5030 }),
			pageSize: fc.constant(500),
			engine: ENGINES,
			large: fc.constant(true),
			odd: fc.oneof(fc.constant([]), oddBase(600)),
		}),
		steps: fc.array(stepArb({ faultKinds, burst: { min: 5, max: 40 }, times: ['now', 'now', 'past', 'future', 'future', 'garbage'] }), { maxLength: 10 }),
	});
	return fc.oneof({ weight: 39, arbitrary: small }, { weight: 1, arbitrary: large });
}

module.exports = { rcpHistories, ccHistories };
