// Every operation says what it does at the provider: `writes` (it changes something there, even
// idempotently) or `readOnly: true` (it only reads, whatever its HTTP method), never both, never neither
// (nodes/common/router.ts, `Effect`). The operations come from each node's description and router, not
// from a list here; the writes are exactly those of the write-outcome table (scripts/lib/write-outcomes.js,
// docs/write-outcomes.md), so a new write cannot pass as a read, nor a read as a write.
import * as path from 'path';
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { ConstantContact } from '../../nodes/ConstantContact/ConstantContact.node';
import { resources as constantContact } from '../../nodes/ConstantContact/actions/router';
import { Flexiown } from '../../nodes/Flexiown/Flexiown.node';
import { resources as flexiown } from '../../nodes/Flexiown/actions/router';
import { Fourvenues } from '../../nodes/Fourvenues/Fourvenues.node';
import { resources as fourvenues } from '../../nodes/Fourvenues/actions/router';
import { RestrictContentPro } from '../../nodes/RestrictContentPro/RestrictContentPro.node';
import { resources as restrictContentPro } from '../../nodes/RestrictContentPro/actions/router';
import { Vivenu } from '../../nodes/Vivenu/Vivenu.node';
import { resources as vivenu } from '../../nodes/Vivenu/actions/router';

const { typeProblems } = require('../support/type-problems') as { typeProblems: (file: string) => string[] };

const { OPERATIONS } = require('../../scripts/lib/write-outcomes') as {
	OPERATIONS: Array<{ name: string; provider: string; params: Record<string, unknown> | ((state: unknown) => Record<string, unknown>) }>;
};

type Routes = Record<string, Record<string, Record<string, unknown>>>;

/** The node, its router's operations, and its name in the write-outcome table. */
const NODES: Array<[INodeType, Routes, string]> = [
	[new ConstantContact(), constantContact as unknown as Routes, 'constant-contact'],
	[new Flexiown(), flexiown as unknown as Routes, 'flexiown'],
	[new Fourvenues(), fourvenues as unknown as Routes, 'fourvenues'],
	[new RestrictContentPro(), restrictContentPro as unknown as Routes, 'restrict-content-pro'],
	[new Vivenu(), vivenu as unknown as Routes, 'vivenu'],
];

/** [resource, operation] for every operation the node's description offers. */
function offered(node: INodeType): Array<[string, string]> {
	const props = node.description.properties;
	const resource = props.find((p) => p.name === 'resource');
	const out: Array<[string, string]> = [];
	for (const { value } of (resource?.options ?? []) as Array<{ value: string }>) {
		const operation = props.find(
			(p: INodeProperties) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(value),
		);
		for (const option of (operation?.options ?? []) as Array<{ value: string }>) out.push([value, option.value]);
	}
	return out;
}

/** What an operation module declares, in words: 'writes', 'readOnly', or what is wrong with it. */
function declared(handler: Record<string, unknown>): string {
	const writes = handler.writes;
	const hasWrites = writes !== undefined;
	const hasReadOnly = handler.readOnly !== undefined;
	if (hasWrites && hasReadOnly) return 'both writes and readOnly';
	if (hasReadOnly) return handler.readOnly === true ? 'readOnly' : `readOnly = ${JSON.stringify(handler.readOnly)}`;
	if (!hasWrites) return 'neither writes nor readOnly';
	const w = writes as { noun?: unknown; idOf?: unknown };
	return typeof w === 'object' && w !== null && typeof w.noun === 'string' && w.noun !== '' && typeof w.idOf === 'function' ? 'writes' : 'writes without noun and idOf';
}

const all = NODES.flatMap(([node, routes, provider]) =>
	offered(node).map(([resource, operation]) => ({ provider, key: `${provider} ${resource}.${operation}`, handler: routes[resource]?.[operation] ?? {} })),
);

describe('every operation declares writes or readOnly: true', () => {
	it('finds the operations of all five nodes', () => {
		expect(new Set(all.map((o) => o.provider)).size).toBe(NODES.length);
		expect(all.length).toBeGreaterThanOrEqual(NODES.length);
	});

	it.each(all.map((o) => [o.key, o.handler] as const))('%s', (_key, handler) => {
		expect(['writes', 'readOnly']).toContain(declared(handler));
	});

	it('the operations declaring writes are exactly the write-outcome table', () => {
		const writing = all.filter((o) => declared(o.handler) === 'writes').map((o) => o.key).sort();
		const table = OPERATIONS.map((op) => {
			const params = typeof op.params === 'function' ? op.params({ [op.provider]: { fixtures: {} } }) : op.params;
			return `${op.provider} ${String(params.resource)}.${String(params.operation)}`;
		}).sort();
		expect(writing).toEqual(table);
	});

	it('tells the wrong declarations apart', () => {
		const writes = { noun: 'payment', idOf: () => 1 };
		expect(declared({ execute: () => null })).toBe('neither writes nor readOnly');
		expect(declared({ writes, readOnly: true })).toBe('both writes and readOnly');
		expect(declared({ readOnly: false })).toBe('readOnly = false');
		expect(declared({ writes: {} })).toBe('writes without noun and idOf');
		expect(declared({ writes })).toBe('writes');
		expect(declared({ readOnly: true })).toBe('readOnly');
	});

	it('the compiler refuses an operation with neither or both (fixtures/operation-effects.ts)', () => {
		const problems = typeProblems(path.join(__dirname, 'fixtures/operation-effects.ts'));
		expect(problems).toEqual([]);
	}, 60000);
});

