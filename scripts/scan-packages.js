#!/usr/bin/env node
'use strict';
// n8n's scanner (@n8n/scan-community-package, pinned in package.json) on the six packages, as n8n runs it before it
// verifies a package: its exported analyzePackage with its own file patterns, with no eslint-disable honoured.
//   node scripts/scan-packages.js                   the committed source: `git archive HEAD` extracted, each package's
//                                                   root found as the scanner finds it (the folder whose committed
//                                                   package.json has the package's name), source patterns
//   node scripts/scan-packages.js --tarballs DIR    each DIR/*.tgz (npm pack output) extracted, tarball patterns
// Last line: "scan: N passed, M failed", one check per package and leg. Uncommitted changes are not scanned (commit
// first), since the scanner reads the commit named in the package's provenance. docs/dev/release.md.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const glob = require('fast-glob');
const { ROOT, UMBRELLA, PACKAGES } = require('./lib/packages');

const NAMES = [UMBRELLA, ...PACKAGES.map((p) => p.name)];
/** What analyzePackageByName lints in the downloaded tarball (scanner.mjs, 0.32.0). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function sh(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
	if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${res.stderr || res.error}`);
	return res.stdout;
}

/** The scanner module, imported with TMPDIR inside `work`: it makes a temporary folder on import and leaves it. */
async function loadScanner(work) {
	process.env.TMPDIR = work;
	return import(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs'));
}

/** Every committed package.json in `tree` whose name is `name` (the scanner takes the first it meets). */
function packageJsonsNamed(tree, name) {
	return glob
		.sync('**/package.json', { cwd: tree, ignore: ['**/node_modules/**'] })
		.filter((rel) => {
			try {
				return JSON.parse(fs.readFileSync(path.join(tree, rel), 'utf8')).name === name;
			} catch {
				return false;
			}
		});
}

async function analyze(scanner, dir, patterns) {
	const files = glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;
	const result = await scanner.analyzePackage(dir, patterns);
	return { ...result, files };
}

/** Scans the six packages in an extracted source tree; one result per package. */
async function scanSource(scanner, tree) {
	const results = [];
	for (const name of NAMES) {
		const named = packageJsonsNamed(tree, name);
		const root = scanner.findPackageRoot(tree, name);
		if (named.length !== 1 || !root) {
			results.push({ name, passed: false, message: `${named.length} committed package.json files are named ${name} (${named.join(', ')}); exactly one must be` });
			continue;
		}
		const r = await analyze(scanner, root, scanner.SOURCE_FILE_PATTERNS);
		results.push({ name, root: path.relative(tree, root) || '.', ...r });
	}
	return results;
}

/** `git archive HEAD` of the repository, extracted into `work/source`. */
function archiveHead(work) {
	const tar = path.join(work, 'head.tar');
	const tree = path.join(work, 'source');
	fs.mkdirSync(tree);
	sh('git', ['archive', '--format=tar', '-o', tar, 'HEAD'], { cwd: ROOT });
	sh('tar', ['-xf', tar, '-C', tree]);
	return { tree, commit: sh('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).trim() };
}

/** Scans one packed tarball as the scanner scans a downloaded one. */
async function scanTarball(scanner, tgz, work) {
	const dir = fs.mkdtempSync(path.join(work, 'tarball-'));
	sh('tar', ['-xzf', tgz, '-C', dir, '--strip-components=1']);
	const name = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name;
	return { name, ...(await analyze(scanner, dir, TARBALL_PATTERNS)) };
}

function report(leg, results) {
	for (const r of results) {
		const where = r.root ? ` at ${r.root}/` : '';
		console.log(`${r.name}: ${leg} ${r.passed ? 'ok' : 'FAILED'}${where} (${r.files ?? 0} files)${r.passed ? '' : `: ${r.message}`}`);
		if (!r.passed && r.details) console.log(r.details);
	}
}

async function main(argv) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-packages-'));
	try {
		const scanner = await loadScanner(work);
		let results;
		const at = argv.indexOf('--tarballs');
		if (at >= 0) {
			const dir = path.resolve(argv[at + 1]);
			const tgzs = fs.readdirSync(dir).filter((f) => f.endsWith('.tgz')).map((f) => path.join(dir, f));
			results = [];
			for (const tgz of tgzs) results.push(await scanTarball(scanner, tgz, work));
			const missing = NAMES.filter((n) => !results.some((r) => r.name === n));
			for (const name of missing) results.push({ name, passed: false, message: `no tarball in ${dir}` });
			report('tarball', results);
		} else {
			const { tree, commit } = archiveHead(work);
			console.log(`scanner @n8n/scan-community-package ${require('@n8n/scan-community-package/package.json').version} on git archive HEAD (${commit})`);
			results = await scanSource(scanner, tree);
			report('source', results);
		}
		const failed = results.filter((r) => !r.passed).length;
		console.log(`scan: ${results.length - failed} passed, ${failed} failed`);
		return failed === 0 ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}

module.exports = { NAMES, TARBALL_PATTERNS, loadScanner, scanSource, scanTarball, archiveHead };
