// .github/workflows/publish.yml (issue 25): a version tag publishes all six packages at one version, with npm
// provenance, after the tests and the build. Parsed as YAML, so a comment or a renamed step cannot fake it.
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';

import { PACKAGES, UMBRELLA } from '../../scripts/lib/packages';
import { versionProblems } from '../../scripts/release-version';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
	'working-directory'?: string;
}

const ROOT = path.join(__dirname, '..', '..');
const workflow = load(fs.readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8')) as {
	on: Record<string, unknown>;
	permissions: Record<string, string>;
	jobs: Record<string, { steps: Step[]; permissions?: unknown }>;
};
const jobs = Object.values(workflow.jobs);
const steps = jobs[0].steps;
const indexOf = (predicate: (s: Step) => boolean) => steps.findIndex(predicate);
const publishSteps = steps.filter((s) => /\bnpm publish\b/.test(s.run ?? ''));

describe('publish.yml', () => {
	it('runs on version tags only', () => {
		expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
	});

	it('grants the OIDC token npm provenance needs, and reads the repository only', () => {
		expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(jobs).toHaveLength(1);
		expect(jobs[0].permissions).toBeUndefined();
	});

	it('checks out, installs, checks the tag against the versions, tests and builds before it publishes', () => {
		const firstPublish = steps.indexOf(publishSteps[0]);
		const order = [
			indexOf((s) => /^actions\/checkout@/.test(s.uses ?? '')),
			indexOf((s) => s.run === 'npm ci'),
			indexOf((s) => s.run === 'node scripts/release-version.js "$GITHUB_REF_NAME"'),
			indexOf((s) => s.run === 'npm test'),
			indexOf((s) => s.run === 'npm run build'),
			indexOf((s) => /^npm run release:check\b/.test(s.run ?? '')),
		];
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(order[order.length - 1]).toBeLessThan(firstPublish);
		expect(steps.find((s) => /^actions\/setup-node@/.test(s.uses ?? ''))?.with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org' });
	});

	it('publishes exactly the six packages, each with provenance and public access, after everything else', () => {
		expect(publishSteps.map((s) => s.run)).toEqual(Array(6).fill('npm publish --provenance --access public'));
		const where = publishSteps.map((s) => s['working-directory'] ?? '.');
		expect([...where].sort()).toEqual(['.', ...PACKAGES.map((p) => `packages/${p.name}`)].sort());
		expect(steps.slice(steps.indexOf(publishSteps[0]))).toEqual(publishSteps);
		expect(publishSteps.every((s) => s.env?.NODE_AUTH_TOKEN === '${{ secrets.NPM_TOKEN }}')).toBe(true);
	});
});

describe('scripts/release-version.js: one version for all six', () => {
	const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

	it('accepts the tag of the current version', () => {
		expect(versionProblems(`v${version}`)).toEqual([]);
	});

	it('names every package a different tag disagrees with', () => {
		const problems = versionProblems('v99.0.0');
		expect(problems).toHaveLength(6);
		expect(problems[0]).toBe(`${UMBRELLA} is at ${version}, the tag is v99.0.0`);
	});

	it('refuses a tag that is not a version', () => {
		expect(versionProblems(version)[0]).toBe(`"${version}" is not a version tag (v1.2.3)`);
	});
});
