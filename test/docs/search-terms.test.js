'use strict';
// Found by people and by AI agents (issue 25): the words and phrases of scripts/lib/search-terms.js find
// exactly the nodes it names, by the node panel's matching rule, in the built nodes' display names and codex
// aliases (the editor check asserts the same in n8n's real panel); and every operation that moves money or
// changes a payment says so in its action text (what the panel lists and what an AI agent reads).
const fs = require('fs');
const path = require('path');
const { SEARCH, panelFinds } = require('../../scripts/lib/search-terms');

const ROOT = path.join(__dirname, '..', '..');
const pkg = require(path.join(ROOT, 'package.json'));

const nodes = pkg.n8n.nodes.map((file) => {
	const NodeClass = Object.values(require(path.join(ROOT, file)))[0];
	const { description } = new NodeClass();
	const codex = JSON.parse(fs.readFileSync(path.join(ROOT, file.replace(/\.js$/, '.json')), 'utf8'));
	return { ...description, codex };
});
// The panel merges a trigger into its action node's entry, which keeps the action node's codex.
const panelEntries = nodes.filter((d) => !d.name.endsWith('Trigger'));

describe('node panel search (scripts/lib/search-terms.js)', () => {
	test.each(Object.entries(SEARCH))('"%s" finds exactly %j', (text, want) => {
		const found = panelEntries.filter((d) => panelFinds(text, d)).map((d) => d.displayName).sort();
		expect(found).toEqual([...want].sort());
	});

	test('every phrase a node answers to is in its codex aliases once (ignoring case)', () => {
		for (const d of nodes) {
			const lower = d.codex.alias.map((a) => a.toLowerCase());
			expect({ node: d.name, duplicates: lower.filter((a, i) => lower.indexOf(a) !== i) }).toEqual({ node: d.name, duplicates: [] });
		}
	});

	test('the matching rule: in order, in one alias, ignoring case and the word "trigger"', () => {
		const d = { displayName: 'Vivenu', codex: { alias: ['Order', 'Refund ticket'] } };
		expect(panelFinds('refund ticket', d)).toBe(true);
		expect(panelFinds('ticket refund', d)).toBe(false);
		expect(panelFinds('order refund', d)).toBe(false); // the words are in two aliases
		expect(panelFinds('Vivenutrigger', d)).toBe(true); // n8n drops the word "trigger" from what was typed
		expect(panelFinds('', d)).toBe(false);
	});
});

/** Operations that move money or change a payment: their action text must say so. */
const MONEY = {
	vivenu: ['cancel', 'createCancellation', 'updatePaymentStatus'],
	constantContact: ['updatePaymentStatus'],
	flexiown: ['create', 'updateStatus'],
	restrictContentPro: ['create', 'update', 'delete'],
};

describe('action texts', () => {
	const actions = (d) => d.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options.map((o) => ({ ...o, resource: p.displayOptions.show.resource[0] })));

	test.each(Object.entries(MONEY))('%s: each operation that moves money or changes a payment says so', (name, ops) => {
		const d = nodes.find((x) => x.name === name);
		const said = actions(d).filter((o) => ops.includes(o.value));
		expect(said.map((o) => o.value).sort()).toEqual([...ops].sort());
		for (const o of said) expect(`${o.value}: ${o.action}`).toMatch(/\b(pay|paid|payment|refund|refunded)\b/i);
	});

	test('every operation of every action node has an action text of its own', () => {
		for (const d of panelEntries) {
			const texts = actions(d).map((o) => o.action);
			expect(texts.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
			expect(new Set(texts).size).toBe(texts.length);
		}
	});
});

describe('docs/usage.md "Finding the nodes"', () => {
	test('each phrase of its table lists the nodes the editor check asserts', () => {
		const text = fs.readFileSync(path.join(ROOT, 'docs', 'usage.md'), 'utf8');
		const section = text.slice(text.indexOf('## Finding the nodes'), text.indexOf('\n## ', text.indexOf('## Finding the nodes') + 1));
		const rows = section.split('\n').filter((l) => /^\| \*/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
		const all = panelEntries.map((d) => d.displayName).sort();
		const claimed = {};
		for (const [phrases, listed] of rows) {
			const names = listed === 'all five' ? all : listed.split(',').map((x) => x.trim()).sort();
			for (const p of phrases.split(',')) claimed[p.trim().replace(/\*/g, '').toLowerCase()] = names;
		}
		expect(Object.keys(claimed).length).toBeGreaterThan(10);
		const asserted = Object.fromEntries(Object.keys(claimed).map((p) => [p, SEARCH[p] && [...SEARCH[p]].sort()]));
		expect(claimed).toEqual(asserted);
	});
});
