const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc emits only JavaScript; n8n loads node and credential icons from dist/ beside the .js files, and
// (2.x) the output schemas from dist/nodes/<Provider>/__schema__/ (written by scripts/gen-schemas.js).
task('build:icons', copyIcons);
task('build:assets', parallel(copyIcons, copySchemas));

function copyIcons() {
	const nodeSource = path.resolve('nodes', '**', '*.{png,svg}');
	const nodeDestination = path.resolve('dist', 'nodes');
	src(nodeSource, { encoding: false }).pipe(dest(nodeDestination));

	const credSource = path.resolve('credentials', '**', '*.{png,svg}');
	const credDestination = path.resolve('dist', 'credentials');
	return src(credSource, { encoding: false }).pipe(dest(credDestination));
}

function copySchemas() {
	return src(path.resolve('nodes', '**', '__schema__', '**', '*.json'), { dot: true }).pipe(dest(path.resolve('dist', 'nodes')));
}
