'use strict';
// npm run migrate-workflow (scripts/migrate-workflow.js, scripts/lib/migrate.js) over the example workflows: each
// moves to its provider's single package and back unchanged, only our node types change, a workflow of two
// providers is refused for a single package with the nodes named, and the CLI writes what it says.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { migrateWorkflow, MigrationError } = require('../../scripts/lib/migrate');
const { UMBRELLA, PACKAGES } = require('../../scripts/lib/packages');

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()
	.map((f) => ({ file: f, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')) }));
const ourTypes = (w) => [...new Set(w.nodes.map((n) => n.type).filter((t) => t.startsWith(`${UMBRELLA}.`)))];
const providersOf = (w) => [...new Set(ourTypes(w).map((t) => PACKAGES.find((p) => t.slice(UMBRELLA.length + 1).toLowerCase().startsWith(p.dir.toLowerCase())).name))];
const single = examples.filter((e) => providersOf(e.workflow).length === 1);
const mixed = examples.filter((e) => providersOf(e.workflow).length > 1);

test('the examples cover every single package, and one mixes providers', () => {
	expect([...new Set(single.flatMap((e) => providersOf(e.workflow)))].sort()).toEqual(PACKAGES.map((p) => p.name).sort());
	expect(mixed.map((e) => e.file)).toEqual(['vivenu-rcp-nightly-reconciliation.json']);
});

describe.each(single.map((e) => [e.file, e]))('%s', (_file, { workflow }) => {
	const [target] = providersOf(workflow);

	test(`to ${target}: exactly our node types change, to "${target}.<node>"`, () => {
		const { workflow: moved, changed } = migrateWorkflow(workflow, target);
		const expected = workflow.nodes.map((n) => (n.type.startsWith(`${UMBRELLA}.`) ? { ...n, type: `${target}.${n.type.slice(UMBRELLA.length + 1)}` } : n));
		expect(moved).toEqual({ ...workflow, nodes: expected });
		expect(changed.map((c) => c.node)).toEqual(workflow.nodes.filter((n) => n.type.startsWith(`${UMBRELLA}.`)).map((n) => n.name));
		// Credentials are referenced by the same type names in both packages.
		expect(moved.nodes.map((n) => n.credentials)).toEqual(workflow.nodes.map((n) => n.credentials));
	});

	test('back to the umbrella: the original, and a second run changes nothing', () => {
		const there = migrateWorkflow(workflow, target).workflow;
		const back = migrateWorkflow(there, UMBRELLA);
		expect(back.workflow).toEqual(workflow);
		expect(migrateWorkflow(workflow, UMBRELLA).changed).toEqual([]);
	});

	test('to another single package: refused, naming the nodes', () => {
		const other = PACKAGES.find((p) => p.name !== target).name;
		expect(() => migrateWorkflow(workflow, other)).toThrow(MigrationError);
		expect(() => migrateWorkflow(workflow, other)).toThrow(new RegExp(`uses nodes of another provider than ${other}: "`));
	});
});

test('a workflow of two providers is refused for either single package, naming the other provider\'s nodes', () => {
	const { workflow } = mixed[0];
	const rcpNodes = workflow.nodes.filter((n) => n.type === `${UMBRELLA}.restrictContentPro`).map((n) => n.name);
	expect(rcpNodes.length).toBeGreaterThan(0);
	let message = '';
	try { migrateWorkflow(workflow, 'n8n-nodes-vivenu'); } catch (e) { message = e.message; }
	for (const n of rcpNodes) expect(message).toContain(`"${n}" (Restrict Content Pro, n8n-nodes-restrict-content-pro)`);
	expect(message).toMatch(/keep this workflow on n8n-nodes-event-payments, or split it/);
	expect(() => migrateWorkflow(workflow, 'n8n-nodes-restrict-content-pro')).toThrow(/"vivenu: /);
	expect(migrateWorkflow(workflow, UMBRELLA).workflow).toEqual(workflow);
});

test('AI tool variants move too; unknown packages and non-workflows are refused', () => {
	const w = { name: 't', nodes: [{ name: 'Tool', type: `${UMBRELLA}.vivenuTool` }, { name: 'Set', type: 'n8n-nodes-base.set' }], connections: {} };
	expect(migrateWorkflow(w, 'n8n-nodes-vivenu').workflow.nodes.map((n) => n.type)).toEqual(['n8n-nodes-vivenu.vivenuTool', 'n8n-nodes-base.set']);
	expect(() => migrateWorkflow(w, 'n8n-nodes-nope')).toThrow(/--to must be one of/);
	expect(() => migrateWorkflow({ name: 'x' }, UMBRELLA)).toThrow(/no "nodes" array/);
	expect(() => migrateWorkflow({ nodes: [{ name: 'A', type: `${UMBRELLA}.paypal` }] }, UMBRELLA)).toThrow(/no package of ours holds/);
});

describe('the CLI', () => {
	const cli = path.join(ROOT, 'scripts', 'migrate-workflow.js');
	let dir;
	beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-')); });
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('--out writes the migrated workflow and stderr says what changed', () => {
		const out = path.join(dir, 'out.json');
		const res = spawnSync(process.execPath, [cli, path.join(EXAMPLES, 'flexiown-mark-completed.json'), '--to', 'n8n-nodes-flexiown', '--out', out], { encoding: 'utf8' });
		expect(res.status).toBe(0);
		expect(res.stderr).toMatch(/n8n-nodes-event-payments\.flexiown → n8n-nodes-flexiown\.flexiown/);
		const written = JSON.parse(fs.readFileSync(out, 'utf8'));
		expect(ourTypes(written)).toEqual([]);
		expect(written.nodes.filter((n) => n.type === 'n8n-nodes-flexiown.flexiown').length).toBeGreaterThan(0);
	});

	test('an array of workflows (n8n export:workflow --all) goes through whole, to stdout', () => {
		const file = path.join(dir, 'all.json');
		fs.writeFileSync(file, JSON.stringify(single.slice(0, 2).map((e) => migrateWorkflow(e.workflow, providersOf(e.workflow)[0]).workflow)));
		const out = JSON.parse(execFileSync(process.execPath, [cli, file, '--to', UMBRELLA], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		expect(out).toEqual(single.slice(0, 2).map((e) => e.workflow));
	});

	test('a mixed workflow: exit 1, the reason on stderr, nothing written', () => {
		const out = path.join(dir, 'mixed.json');
		const res = spawnSync(process.execPath, [cli, path.join(EXAMPLES, mixed[0].file), '--to=n8n-nodes-vivenu', `--out=${out}`], { encoding: 'utf8' });
		expect(res.status).toBe(1);
		expect(res.stderr).toMatch(/^migrate-workflow: workflow ".*" uses nodes of another provider than n8n-nodes-vivenu/);
		expect(fs.existsSync(out)).toBe(false);
	});
});
