'use strict';
// The operations the README and the node pages promise are exactly the ones the built nodes offer (dist/, so
// `npm run build` first), each node page shows each operation's action text as the node panel lists it, and the
// README's trigger table names exactly the package's triggers.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const pkg = require(path.join(ROOT, 'package.json'));

const descriptions = pkg.n8n.nodes.map((file) => {
	const NodeClass = Object.values(require(path.join(ROOT, file)))[0];
	return new NodeClass().description;
});
const actionNodes = descriptions.filter((d) => d.properties.some((p) => p.name === 'resource'));
const triggers = descriptions.filter((d) => !d.properties.some((p) => p.name === 'resource'));

/** 'Resource → Operation' → the action text the node panel lists, for every operation the node offers. */
function actionTexts(description) {
	const resources = description.properties.find((p) => p.name === 'resource').options;
	const out = {};
	for (const prop of description.properties.filter((p) => p.name === 'operation')) {
		for (const value of prop.displayOptions.show.resource) {
			const resource = resources.find((r) => r.value === value).name;
			for (const op of prop.options) out[`${resource} → ${op.name}`] = op.action;
		}
	}
	return out;
}

/** 'Resource → Operation' for every operation the node offers. */
function offered(description) {
	const resources = description.properties.find((p) => p.name === 'resource').options;
	const out = [];
	for (const prop of description.properties.filter((p) => p.name === 'operation')) {
		for (const value of prop.displayOptions.show.resource) {
			const resource = resources.find((r) => r.value === value).name;
			for (const op of prop.options) out.push(`${resource} → ${op.name}`);
		}
	}
	return out.sort();
}

/** The rows of the first Markdown table after `heading` (up to the next `## `), as arrays of cells. */
function tableRows(text, heading, nth = 0) {
	const start = text.indexOf(`\n${heading}\n`);
	if (start < 0) throw new Error(`no heading "${heading}"`);
	const end = text.indexOf('\n## ', start + 1);
	const lines = text.slice(start, end < 0 ? undefined : end).split('\n');
	const tables = [];
	let current = null;
	for (const line of lines) {
		if (line.startsWith('|')) {
			if (!current) tables.push((current = []));
			current.push(line.split('|').slice(1, -1).map((c) => c.trim()));
		} else current = null;
	}
	return tables[nth].slice(2); // without the header and the |---| line
}

const bold = (cell) => cell.match(/\*\*(.+?)\*\*/)[1];

describe('README "Operations"', () => {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

	test('lists every action node with exactly its operations', () => {
		const listed = {};
		for (const [name, ops] of tableRows(readme, '## Operations', 0)) {
			listed[bold(name)] = ops
				.split(';')
				.flatMap((group) => {
					const [resource, list] = group.split('→').map((s) => s.trim());
					return list.split(',').map((op) => `${resource} → ${op.replace(/\(.*?\)/g, '').trim()}`);
				})
				.sort();
		}
		const expected = Object.fromEntries(actionNodes.map((d) => [d.displayName, offered(d)]));
		expect(listed).toEqual(expected);
	});

	test('names exactly the package\'s triggers', () => {
		const listed = tableRows(readme, '## Operations', 1).map(([name]) => bold(name).toLowerCase()).sort();
		expect(listed).toEqual(triggers.map((d) => d.displayName.toLowerCase()).sort());
	});
});

describe('node pages: the Operations table', () => {
	const pageOf = { vivenu: 'vivenu', constantContact: 'constant-contact', fourvenues: 'fourvenues', flexiown: 'flexiown', restrictContentPro: 'restrict-content-pro' };

	test('every action node has a page', () => {
		expect(actionNodes.map((d) => d.name).sort()).toEqual(Object.keys(pageOf).sort());
	});

	test.each(actionNodes.map((d) => [pageOf[d.name], d]))('docs/nodes/%s.md lists exactly the node\'s operations', (page, description) => {
		const text = fs.readFileSync(path.join(ROOT, 'docs', 'nodes', `${page}.md`), 'utf8');
		const onlyResource = description.properties.find((p) => p.name === 'resource').options;
		const listed = tableRows(text, '## Operations')
			.map(([first]) => bold(first))
			.map((op) => (op.includes('→') ? op : `${onlyResource[0].name} → ${op}`))
			.sort();
		if (onlyResource.length > 1) expect(listed.every((op) => op.includes('→'))).toBe(true);
		expect(listed).toEqual(offered(description));
	});

	test.each(actionNodes.map((d) => [pageOf[d.name], d]))('docs/nodes/%s.md shows each operation\'s action text (column "In the node panel")', (page, description) => {
		const text = fs.readFileSync(path.join(ROOT, 'docs', 'nodes', `${page}.md`), 'utf8');
		const onlyResource = description.properties.find((p) => p.name === 'resource').options;
		const shown = Object.fromEntries(tableRows(text, '## Operations').map((cells) => {
			const op = bold(cells[0]);
			return [op.includes('→') ? op : `${onlyResource[0].name} → ${op}`, cells[cells.length - 1]];
		}));
		expect(shown).toEqual(actionTexts(description));
	});
});
