'use strict';
// Per test file: how many expect() assertions ran and how much CPU the file took, written to
// $JEST_STATS_DIR (one JSON file per test file) when that is set; nothing otherwise. scripts/test.sh sums
// them into its jest lines, and docs/dev/testing.md's per-file CPU times came from here.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.JEST_STATS_DIR;
if (dir) {
	const cpuAtStart = process.cpuUsage();
	const startedAt = Date.now();
	let assertions = 0;
	afterEach(() => {
		assertions += expect.getState().assertionCalls;
	});
	afterAll(() => {
		const { testPath } = expect.getState();
		const cpu = process.cpuUsage(cpuAtStart);
		const file = path.relative(process.cwd(), testPath);
		const record = { file, assertions, cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Date.now() - startedAt };
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `${file.replace(/[^\w.-]+/g, '_')}.json`), JSON.stringify(record));
	});
}
