#!/usr/bin/env node
'use strict';
// npm run release:check: what a release publishes, checked before the tag is pushed (docs/dev/release.md).
// Builds and packs the umbrella and the five single-provider packages, then for each:
//   n8n's scanner on the committed source (git archive HEAD) and on the packed tarball (scripts/scan-packages.js);
//   `n8n-node lint` (@n8n/node-cli) in each single package's folder;
//   `npm publish --dry-run` on the tarball;
//   one version for all six; the file list (package.json, README.md, LICENSE, its main file and dist/ only, every file of the n8n
//   block present, no tests, emulators, docs or TypeScript sources, a single package without other providers);
//   the README (its own name, n8n's template sections, links that work on npm's page).
// Prints per package "scanner: source ok, tarball ok" with the file count and size.
// Last line: "release-check: N passed, M failed" (one check per package and check). --skip-build: dist/ is built.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, UMBRELLA, PACKAGES, packageDir } = require('./lib/packages');
const { loadScanner, scanSource, scanTarball, archiveHead } = require('./scan-packages');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const README_SECTIONS = ['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources'];

function run(cmd, args, cwd) {
	const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, npm_config_loglevel: 'error' } });
	return { ok: res.status === 0, out: res.stdout || '', err: `${res.stderr || ''}${res.error ? res.error.message : ''}` };
}

function mustRun(cmd, args, cwd) {
	const res = run(cmd, args, cwd);
	if (!res.ok) throw new Error(`${cmd} ${args.join(' ')} (in ${path.relative(ROOT, cwd) || '.'}) failed:\n${res.err.trim().split('\n').slice(-10).join('\n')}`);
	return res.out;
}

/** `npm pack` into `dest`: the tarball and npm's own report of it (files, sizes). */
function pack(dir, dest) {
	const [info] = JSON.parse(mustRun(npm, ['pack', '--json', '--pack-destination', dest], dir));
	return { tarball: path.join(dest, info.filename), info };
}

/** What is wrong with a package's file list, one line each. */
function fileListProblems(manifest, files, single) {
	const problems = [];
	const paths = new Set(files.map((f) => f.path));
	for (const f of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) if (!paths.has(f)) problems.push(`${f} (in the n8n block) is not packed`);
	for (const p of paths) {
		if (['package.json', 'README.md', 'LICENSE', manifest.main].includes(p)) continue;
		if (!/^dist\/(nodes|credentials)\//.test(p)) problems.push(`${p}: only dist/nodes and dist/credentials belong in the package`);
		else if (/(^|\/)(test|tests|__tests__|emulators?|docs|bench|examples|scripts)\//i.test(p) || /\.test\.|\.spec\./.test(p)) problems.push(`${p}: tests, emulators, docs and scripts stay out`);
		else if (/\.ts$/.test(p) && !/\.d\.ts$/.test(p)) problems.push(`${p}: a TypeScript source`);
		else if (single && /^dist\/nodes\//.test(p) && !p.startsWith(`dist/nodes/${single.dir}/`) && !p.startsWith('dist/nodes/common/')) {
			problems.push(`${p}: another provider's file in the ${single.name} package`);
		}
	}
	return problems;
}

/** What is wrong with a packed README, one line each. */
function readmeProblems(name, text, single) {
	if (!text) return ['README.md is missing'];
	const problems = [];
	if (!text.includes(`# ${name}`)) problems.push(`README.md does not name ${name} in its title`);
	for (const s of README_SECTIONS) if (!new RegExp(`^## ${s}\\b`, 'm').test(text)) problems.push(`README.md has no "## ${s}" section`);
	if (!text.includes('n8n-community-node-package') && !text.includes(`npm install ${name}`) && !text.includes(`\`${name}\``)) {
		problems.push(`README.md does not say how to install ${name}`);
	}
	// The umbrella's README sits at the repository root, where npm resolves relative links; a package's does not.
	for (const m of single ? text.matchAll(/\]\(([^)\s]+)\)/g) : []) {
		if (!/^(https?:|mailto:|#)/.test(m[1])) problems.push(`README.md links to ${m[1]}, which npm's page cannot resolve`);
	}
	return problems;
}

/** The codex files in the tarball name their node under the package's own name. */
function codexProblems(name, dir) {
	const problems = [];
	const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
	for (const file of walk(path.join(dir, 'dist', 'nodes')).filter((f) => f.endsWith('.node.json'))) {
		const node = JSON.parse(fs.readFileSync(file, 'utf8')).node;
		if (!String(node).startsWith(`${name}.`)) problems.push(`${path.relative(dir, file)}: codex node "${node}" is not under ${name}`);
	}
	return problems;
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(argv) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'release-check-'));
	let passed = 0;
	let failed = 0;
	const check = (label, problems) => {
		if (problems.length === 0) passed++;
		else {
			failed++;
			for (const p of problems) console.log(`  ✗ ${label}: ${p}`);
		}
		return problems.length === 0;
	};
	try {
		const rootVersion = require(path.join(ROOT, 'package.json')).version;
		const targets = [{ name: UMBRELLA, dir: ROOT }, ...PACKAGES.map((p) => ({ name: p.name, dir: packageDir(p), single: p }))];

		const gen = run('node', ['scripts/gen-packages.js', '--check'], ROOT);
		check('packages/', gen.ok ? [] : [`packages/ differs from scripts/gen-packages.js's output:\n${gen.err.trim()}`]);

		for (const t of targets) {
			if (t.dir === ROOT && argv.includes('--skip-build')) continue;
			process.stdout.write(`building ${t.name}… `);
			mustRun(npm, ['run', 'build'], t.dir);
			console.log('done');
		}

		const scanner = await loadScanner(work);
		const { tree, commit } = archiveHead(work);
		const source = await scanSource(scanner, tree);
		const tarballs = path.join(work, 'tarballs');
		fs.mkdirSync(tarballs);

		const lines = [];
		for (const t of targets) {
			const manifest = JSON.parse(fs.readFileSync(path.join(t.dir, 'package.json'), 'utf8'));
			const { tarball, info } = pack(t.dir, tarballs);
			const extracted = fs.mkdtempSync(path.join(work, 'x-'));
			mustRun('tar', ['-xzf', tarball, '-C', extracted, '--strip-components=1'], ROOT);
			const readme = fs.existsSync(path.join(extracted, 'README.md')) ? fs.readFileSync(path.join(extracted, 'README.md'), 'utf8') : '';

			const src = source.find((r) => r.name === t.name);
			const tar = await scanTarball(scanner, tarball, work);
			const sourceOk = check(`${t.name} scanner (source)`, src.passed ? [] : [`${src.message}\n${src.details || ''}`]);
			const tarballOk = check(`${t.name} scanner (tarball)`, tar.passed ? [] : [`${tar.message}\n${tar.details || ''}`]);
			check(`${t.name} version`, manifest.version === rootVersion && info.version === rootVersion ? [] : [`version ${manifest.version}, the umbrella's is ${rootVersion}`]);
			check(`${t.name} files`, fileListProblems(manifest, info.files, t.single));
			check(`${t.name} README`, readmeProblems(t.name, readme, Boolean(t.single)));
			check(`${t.name} codex`, codexProblems(t.name, extracted));
			if (t.single) {
				// n8n-node lint in the package folder, as its author would run it (its strict mode wants the scaffold's eslint.config.mjs).
				const lint = run(npm, ['run', 'lint'], t.dir);
				check(`${t.name} n8n-node lint`, lint.ok ? [] : [`${lint.out}${lint.err}`.trim().split('\n').slice(-20).join('\n')]);
			}
			const dry = run(npm, ['publish', '--dry-run', '--access', 'public', tarball], work);
			check(`${t.name} npm publish --dry-run`, dry.ok ? [] : [dry.err.trim().split('\n').slice(-6).join('\n')]);

			lines.push(
				`${t.name}@${manifest.version}: scanner: source ${sourceOk ? 'ok' : 'FAILED'}, tarball ${tarballOk ? 'ok' : 'FAILED'}; ` +
					`${info.entryCount} files, ${kB(info.size)} packed, ${kB(info.unpackedSize)} unpacked; publish --dry-run ${dry.ok ? 'ok' : 'FAILED'}`,
			);
		}
		console.log(`\nrelease check of ${commit} (scanner @n8n/scan-community-package ${require('@n8n/scan-community-package/package.json').version}):`);
		for (const l of lines) console.log(l);
	} catch (error) {
		failed++;
		console.log(`  ✗ ${error.message}`);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`release-check: ${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));

module.exports = { fileListProblems, readmeProblems };
