'use strict';
// CONTRIBUTING.md's module map names exactly the files of nodes/common, each once with a line on its job, so the
// map cannot fall behind the code (as test/docs/operations.test.js does for the node pages).
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const COMMON = path.join(ROOT, 'nodes', 'common');

function filesUnder(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(full);
		return entry.name.endsWith('.ts') ? [path.relative(COMMON, full).split(path.sep).join('/')] : [];
	});
}

/** The section of CONTRIBUTING.md under `heading`, up to the next `## `. */
function section(heading) {
	const text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');
	const start = text.indexOf(`\n${heading}\n`);
	if (start < 0) throw new Error(`CONTRIBUTING.md has no "${heading}"`);
	const end = text.indexOf('\n## ', start + heading.length + 1);
	return text.slice(start, end < 0 ? undefined : end);
}

/** The map's entries: "- `path.ts`: what it does." */
function mapped(text) {
	return [...text.matchAll(/^- `([\w/.]+\.ts)`: (.*)$/gm)].map((m) => ({ file: m[1], job: m[2].trim() }));
}

describe("CONTRIBUTING.md's module map", () => {
	const entries = mapped(section('## The module map'));

	it('lists exactly the files of nodes/common', () => {
		expect(entries.map((e) => e.file).sort()).toEqual(filesUnder(COMMON).sort());
	});

	it('lists each file once, with a line on its job', () => {
		expect(new Set(entries.map((e) => e.file)).size).toBe(entries.length);
		for (const { file, job } of entries) expect([file, job.length > 10]).toEqual([file, true]);
	});

	it('puts each file under its room', () => {
		const text = section('## The module map');
		for (const { file } of entries) {
			const room = file.includes('/') ? `**${file.split('/')[0]}/**` : undefined;
			if (!room) continue;
			const roomAt = text.indexOf(room);
			const nextRoom = text.indexOf('\n**', roomAt + room.length);
			const at = text.indexOf(`- \`${file}\``);
			expect([file, roomAt >= 0 && at > roomAt && (nextRoom < 0 || at < nextRoom)]).toEqual([file, true]);
		}
	});
});
