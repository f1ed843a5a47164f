#!/usr/bin/env node
'use strict';
// One version for a release: `node scripts/release-version.js v0.1.0` fails unless the tag is "v" + the version of
// the umbrella package and of every package under packages/ (.github/workflows/publish.yml runs it first).
const fs = require('fs');
const path = require('path');
const { ROOT, UMBRELLA, PACKAGES, packageDir } = require('./lib/packages');

function versionProblems(tag) {
	const manifests = [
		[UMBRELLA, path.join(ROOT, 'package.json')],
		...PACKAGES.map((p) => [p.name, path.join(packageDir(p), 'package.json')]),
	];
	const problems = [];
	if (!/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(tag || '')) problems.push(`"${tag}" is not a version tag (v1.2.3)`);
	for (const [name, file] of manifests) {
		const version = JSON.parse(fs.readFileSync(file, 'utf8')).version;
		if (`v${version}` !== tag) problems.push(`${name} is at ${version}, the tag is ${tag}`);
	}
	return problems;
}

if (require.main === module) {
	const problems = versionProblems(process.argv[2]);
	for (const p of problems) console.error(p);
	if (problems.length === 0) console.log(`${process.argv[2]}: all ${PACKAGES.length + 1} packages at this version`);
	process.exitCode = problems.length === 0 ? 0 : 1;
}

module.exports = { versionProblems };
