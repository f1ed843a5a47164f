'use strict';
// docs/nodes/*.md: one page per provider, the same top-level headings in the same order on every page,
// every screenshot it shows present in docs/screenshots/, and every example it names present in examples/.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(ROOT, 'docs', 'nodes');
const HEADINGS = ['Credential', 'Operations', 'Fields', 'Errors and retries', 'Limits', 'UNVERIFIED behaviour', 'Example', 'Screenshots'];
const pages = fs.readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();

test('one page per provider', () => {
	expect(pages).toEqual(['constant-contact.md', 'flexiown.md', 'fourvenues.md', 'restrict-content-pro.md', 'vivenu.md']);
});

describe.each(pages)('%s', (page) => {
	const text = fs.readFileSync(path.join(DIR, page), 'utf8');

	test('has the shared headings, in order', () => {
		expect(text.match(/^## .*$/gm).map((h) => h.slice(3))).toEqual(HEADINGS);
	});

	test('its screenshots and examples exist', () => {
		const shots = [...text.matchAll(/\]\(\.\.\/screenshots\/([^)]+)\)/g)].map((m) => m[1]);
		expect(shots.length).toBeGreaterThanOrEqual(2);
		for (const s of shots) expect(fs.existsSync(path.join(ROOT, 'docs', 'screenshots', s))).toBe(true);
		const examples = [...text.matchAll(/`(examples\/[\w.-]+\.json)`/g)].map((m) => m[1]);
		expect(examples.length).toBeGreaterThanOrEqual(1);
		for (const e of examples) expect(fs.existsSync(path.join(ROOT, e))).toBe(true);
	});
});
