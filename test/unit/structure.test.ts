import * as fs from 'fs';
import * as path from 'path';

// The shape of nodes/: no file imports itself back through others (type-only imports count too: a cycle of
// types is still two modules that cannot be understood apart), and nodes/common keeps its rooms.
const ROOT = path.join(__dirname, '..', '..');
const NODES = path.join(ROOT, 'nodes');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** The files of nodes/ a file imports (import, export … from, dynamic import, require). */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const specs = [...text.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
	return specs.map((spec) => {
		const base = path.resolve(path.dirname(file), spec);
		const found = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
		if (!found) throw new Error(`${path.relative(ROOT, file)} imports ${spec}, which is not a file of nodes/`);
		return found;
	});
}

/** Every import cycle, each as the files around it (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (v: string) => {
		index.set(v, counter);
		low.set(v, counter++);
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop() as string;
				onStack.delete(w);
				component.push(path.relative(ROOT, w));
			} while (w !== v);
			if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
		}
	};
	for (const v of graph.keys()) if (!index.has(v)) visit(v);
	return found;
}

describe('the structure of nodes/', () => {
	const graph = new Map(sourceFiles(NODES).map((file) => [file, importsOf(file)]));

	it('reads the imports (a file of nodes/common is imported from outside it)', () => {
		const router = path.join(NODES, 'Vivenu', 'actions', 'router.ts');
		expect(graph.get(router)).toContain(path.join(NODES, 'common', 'index.ts'));
	});

	it('has no import cycle', () => {
		expect(cycles(graph)).toEqual([]);
	});

	it('finds a cycle when there is one', () => {
		const a = path.join(NODES, 'a.ts');
		const b = path.join(NODES, 'b.ts');
		expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['nodes/a.ts', 'nodes/b.ts']]);
	});

	it('keeps nodes/common in rooms: at most 3 files at its top level', () => {
		const top = fs.readdirSync(path.join(NODES, 'common'), { withFileTypes: true }).filter((entry) => entry.isFile());
		expect(top.map((entry) => entry.name)).toContain('index.ts');
		expect(top.length).toBeLessThanOrEqual(3);
	});
});
