'use strict';
// Every relative link in the repository's Markdown (README.md, CONTRIBUTING.md, docs/**, and every other .md
// outside node_modules and dist) points at a file or folder that exists, and a #anchor at a heading of the
// target page (GitHub's slugs). Links in code blocks and code spans are not links and are left out.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.e2e', 'coverage', 'results']);

function markdownFiles(dir) {
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			if (!SKIP_DIRS.has(entry.name)) out.push(...markdownFiles(path.join(dir, entry.name)));
		} else if (entry.name.endsWith('.md')) {
			out.push(path.join(dir, entry.name));
		}
	}
	return out;
}

/** The text outside fenced code blocks, line by line (fence lines blanked, so line numbers stay). */
function proseLines(text) {
	let fence = null;
	return text.split('\n').map((line) => {
		const m = line.match(/^\s*(`{3,}|~{3,})/);
		if (m) {
			if (!fence) fence = m[1][0];
			else if (m[1][0] === fence) fence = null;
			return '';
		}
		return fence ? '' : line;
	});
}

const withoutCodeSpans = (line) => line.replace(/(`+)[^`]*?\1/g, '');

function linksOf(text) {
	const links = [];
	proseLines(text).forEach((raw, i) => {
		const line = withoutCodeSpans(raw);
		for (const m of line.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1], line: i + 1 });
		const def = line.match(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)/);
		if (def) links.push({ target: def[1], line: i + 1 });
		for (const m of line.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/g)) links.push({ target: m[1], line: i + 1 });
	});
	return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(text) {
	const seen = new Map();
	const anchors = new Set();
	for (const line of proseLines(text)) {
		const m = line.match(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/);
		if (!m) continue;
		const rendered = m[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
		const base = rendered
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
			.replace(/ /g, '-');
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		anchors.add(n === 0 ? base : `${base}-${n}`);
	}
	return anchors;
}

const anchorCache = new Map();
function anchorsOfFile(file) {
	if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(fs.readFileSync(file, 'utf8')));
	return anchorCache.get(file);
}

function brokenLinks(file) {
	const broken = [];
	for (const { target, line } of linksOf(fs.readFileSync(file, 'utf8'))) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // http:, https:, mailto: …
		const [pathPart, anchor] = target.split('#');
		const decoded = decodeURIComponent(pathPart.split('?')[0]);
		const resolved = decoded ? path.resolve(path.dirname(file), decoded) : file;
		const relative = path.relative(ROOT, resolved).split(path.sep).join('/');
		const where = `${path.relative(ROOT, file)}:${line} → ${target}`;
		if (!fs.existsSync(resolved)) {
			broken.push(`${where} (no such file)`);
			continue;
		}
		if (anchor && resolved.endsWith('.md') && !anchorsOfFile(resolved).has(decodeURIComponent(anchor).toLowerCase())) {
			broken.push(`${where} (no heading with that anchor)`);
		}
	}
	return broken;
}

const files = markdownFiles(ROOT)
	.map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
	.sort();

test('the pages this test must cover are found', () => {
	expect(files).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/README.md', 'docs/reliability.md']));
	expect(files.filter((f) => f.startsWith('docs/dev/')).length).toBeGreaterThanOrEqual(3);
});

test.each(files)('%s: every relative link resolves', (file) => {
	expect(brokenLinks(path.join(ROOT, file))).toEqual([]);
});

describe('the checker itself', () => {
	const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'links-'));
	afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

	test('finds a missing file, a missing anchor, and ignores code and URLs', () => {
		fs.writeFileSync(path.join(tmp, 'b.md'), '# B page\n\n## Run `npm test`: the tiers\n\n## Run `npm test`: the tiers\n');
		const a = path.join(tmp, 'a.md');
		fs.writeFileSync(
			a,
			[
				'[ok](b.md) [ok](b.md#b-page) [ok](b.md#run-npm-test-the-tiers-1) [ok](#a) [url](https://example.com/x.md)',
				'# A',
				'`[code](missing.md)`',
				'```',
				'[fenced](missing.md)',
				'```',
				'[gone](missing.md) [bad anchor](b.md#nope) ![img](pic.png)',
				'[ref]: ./also-missing.md',
			].join('\n'),
		);
		expect(brokenLinks(a).map((b) => b.replace(/^.*?:(\d+) → /, '$1 '))).toEqual([
			'7 missing.md (no such file)',
			'7 b.md#nope (no heading with that anchor)',
			'7 pic.png (no such file)',
			'8 ./also-missing.md (no such file)',
		]);
	});
});
