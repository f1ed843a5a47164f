'use strict';

/** fast-check arbitraries for the histories a polling trigger lives through (see core.js). */

const fc = require('fast-check');

function faultArb(kinds) {
	return fc.record({ page: fc.nat(4), kind: fc.constantFrom(...kinds), pick: fc.nat(1000) });
}

function stepArb({ faultKinds, burst }) {
	const add = fc.record({
		t: fc.constant('add'),
		n: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }),
		time: fc.constantFrom('now', 'now', 'now', 'past', 'future', 'garbage'),
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

function ccHistories() {
	const small = fc.record({ base: fc.nat(30), pageSize: fc.integer({ min: 2, max: 6 }), engine: ENGINES, large: fc.constant(false) });
	// An event larger than the trigger's tracked maximum (5,000 registrations), read in pages of 500.
	const large = fc.record({ base: fc.integer({ min: 5000, max: 5030 }), pageSize: fc.constant(500), engine: ENGINES, large: fc.constant(true) });
	const setup = fc.oneof({ weight: 39, arbitrary: small }, { weight: 1, arbitrary: large });
	const steps = fc.array(stepArb({ faultKinds: ['delete', 'insert', 'fail', 'html', 'slow', 'dup', 'reorder'], burst: { min: 5, max: 40 } }), { maxLength: 25 });
	return fc.record({ setup, steps });
}

module.exports = { rcpHistories, ccHistories };
