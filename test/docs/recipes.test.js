'use strict';
// CONTRIBUTING.md's recipes name real things: every file in "The kits the recipes use" exists and exports what
// the table says, and every file, path and identifier the recipe sections name (in backticks, outside code
// blocks) exists in the repository. A bare name of a file of nodes/common must be one of the table's, so that
// the table is the one place to update when a common file moves.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');

const FIRST = '## The kits the recipes use';
const AFTER = '## npm run dev';

/** The recipe sections, without their code blocks. */
function recipeText() {
	const start = text.indexOf(`\n${FIRST}\n`);
	const end = text.indexOf(`\n${AFTER}\n`);
	if (start < 0 || end < start) throw new Error(`CONTRIBUTING.md: no "${FIRST}" … "${AFTER}"`);
	return text.slice(start, end).replace(/^```[\s\S]*?^```$/gm, '');
}

/** Every file of the repository that a recipe may name (relative, with /). */
function repoFiles() {
	const out = [];
	const skip = new Set(['node_modules', 'dist', '.git']);
	const walk = (dir) => {
		for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
			if (skip.has(entry.name)) continue;
			const rel = dir ? `${dir}/${entry.name}` : entry.name;
			if (entry.isDirectory()) {
				out.push(`${rel}/`);
				walk(rel);
			} else out.push(rel);
		}
	};
	walk('');
	// What the build writes (not in the repository).
	out.push('dist/');
	return out;
}

const files = repoFiles();
const code = files
	.filter((f) => /^(nodes|credentials|test|scripts|emulators)\//.test(f) && /\.(ts|js)$/.test(f) && f !== 'test/docs/recipes.test.js')
	.map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'))
	.join('\n');

/** The table: [file, names the recipes use from it]. */
function kits() {
	const section = recipeText().split('\n## Recipe:')[0];
	const rows = section.split('\n').filter((line) => /^\| `/.test(line));
	return rows.map((row) => {
		const [file, uses] = row.split('|').slice(1, -1).map((c) => c.trim());
		return [file.replace(/`/g, ''), [...uses.matchAll(/`([^`]+)`/g)].map((m) => m[1])];
	});
}

/** The names a TypeScript file exports, following `export * from` re-exports. */
function exportsOf(file, seen = new Set()) {
	if (seen.has(file)) return new Set();
	seen.add(file);
	const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
	const names = new Set();
	for (const m of source.matchAll(/^export (?:declare )?(?:async )?(?:const|let|function|class|type|interface|enum) ([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
	for (const m of source.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
		for (const part of m[1].split(',')) {
			const name = part.trim().split(/\s+as\s+/).pop().replace(/^type\s+/, '');
			if (name) names.add(name);
		}
	}
	for (const m of source.matchAll(/^export \* from '(\.[^']+)';/gm)) {
		const target = path.posix.join(path.posix.dirname(file), m[1]);
		const resolved = [`${target}.ts`, `${target}/index.ts`].find((f) => files.includes(f));
		if (resolved) for (const name of exportsOf(resolved, seen)) names.add(name);
	}
	return names;
}

/** A path as the recipes write it, as a regular expression matching the end of a repository path. */
function pathPattern(token) {
	const parts = token.split(/(<[^>]+>)/).map((part) => (part.startsWith('<') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
	return new RegExp(`(^|/)${parts.join('')}$`);
}

const isPath = (token) => !/\s/.test(token) && (token.includes('/') || /\.(ts|js|json|md|svg|sh|yml)$/.test(token)) && !token.startsWith('--');
const identifierOf = (token) => {
	const m = token.match(/^(?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*)(?:\([^)]*\))?$/);
	return m ? m[1] : undefined;
};

describe('CONTRIBUTING.md: the kits the recipes use', () => {
	const table = kits();

	test('has rows', () => {
		expect(table.length).toBeGreaterThan(10);
	});

	test.each(table)('%s exists and exports what it is used for', (file, uses) => {
		expect(files).toContain(file);
		if (!file.endsWith('.ts')) return;
		const exported = exportsOf(file);
		const missing = uses.filter((name) => identifierOf(name) === name && !exported.has(name));
		expect({ file, missing }).toEqual({ file, missing: [] });
	});
});

describe('CONTRIBUTING.md: the recipes name what exists', () => {
	const tokens = [...new Set([...recipeText().matchAll(/`([^`\n]+)`/g)].map((m) => m[1]))];
	const tablePaths = kits().map(([file]) => file);

	test('names files and identifiers', () => {
		expect(tokens.filter(isPath).length).toBeGreaterThan(30);
		expect(tokens.filter((t) => !isPath(t) && identifierOf(t)).length).toBeGreaterThan(50);
	});

	test('every file or path it names exists', () => {
		const missing = tokens.filter(isPath).filter((token) => {
			const pattern = pathPattern(token);
			return !files.some((f) => pattern.test(f));
		});
		expect(missing).toEqual([]);
	});

	test('a file of nodes/common named by its name alone is one of the table', () => {
		const outside = tokens
			.filter(isPath)
			.filter((token) => !token.startsWith('nodes/<'))
			.filter((token) => {
				const pattern = pathPattern(token);
				const common = files.filter((f) => f.startsWith('nodes/common/') && pattern.test(f));
				// A folder counts as the table's when a file of the table is in it.
				return common.length > 0 && !common.some((f) => tablePaths.some((t) => t === f || (f.endsWith('/') && t.startsWith(f))));
			});
		expect(outside).toEqual([]);
	});

	test('every identifier it names is in the code', () => {
		const missing = tokens
			.filter((t) => !isPath(t))
			.map(identifierOf)
			.filter((name) => name && !new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(code));
		expect(missing).toEqual([]);
	});
});
