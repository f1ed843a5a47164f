'use strict';
// scripts/lib/cases.js crossCheck: the rules on case definitions that a real n8n would otherwise only
// reveal as a confusing failure (here: n8n 1.x drops the static data of workflows with long ids).
const { crossCheck } = require('../../../scripts/lib/cases');

const wf = (id, type) => ({ name: `p/${id}`, workflow: { id, nodes: [{ name: 'T', type }], connections: {} } });

test('a workflow with one of our triggers needs an id of at most 16 characters; others may use up to 21', () => {
	const problems = crossCheck([], [
		wf('e2eVivenuTrigAct', 'n8n-nodes-event-payments.vivenuTrigger'),
		wf('e2eVivenuTrigActive', 'n8n-nodes-event-payments.vivenuTrigger'),
		wf('e2eScheduleLong0001', 'n8n-nodes-base.scheduleTrigger'),
		wf('e2eActionLong000001', 'n8n-nodes-event-payments.vivenu'),
	]);
	expect(problems).toEqual([
		'p/e2eVivenuTrigActive: workflow id "e2eVivenuTrigActive" is longer than 16 characters: n8n 1.x would not save the static data of its trigger "T"',
	]);
});
