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

type Routes = Record<string, Record<string, object>>;

/** "resource.operation" for every operation the node's description offers. */
function offered(node: INodeType): string[] {
	const props = node.description.properties;
	const resource = props.find((p) => p.name === 'resource');
	const out: string[] = [];
	for (const { value } of (resource?.options ?? []) as Array<{ value: string }>) {
		const operation = props.find(
			(p: INodeProperties) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(value),
		);
		for (const option of (operation?.options ?? []) as Array<{ value: string }>) out.push(`${value}.${option.value}`);
	}
	return out.sort();
}

/** "resource.operation" for every handler the router can run, checking that each has something to run. */
function handled(routes: Routes): string[] {
	const out: string[] = [];
	for (const [resource, operations] of Object.entries(routes)) {
		for (const [operation, handler] of Object.entries(operations)) {
			expect('execute' in handler || 'executeBatch' in handler).toBe(true);
			out.push(`${resource}.${operation}`);
		}
	}
	return out.sort();
}

describe.each([
	['Constant Contact', new ConstantContact(), constantContact],
	['Flexiown', new Flexiown(), flexiown],
	['Fourvenues', new Fourvenues(), fourvenues],
	['Restrict Content Pro', new RestrictContentPro(), restrictContentPro],
	['vivenu', new Vivenu(), vivenu],
] as Array<[string, INodeType, Routes]>)('%s', (_name, node, routes) => {
	it('offers exactly the operations its router handles', () => {
		const ops = offered(node);
		expect(ops.length).toBeGreaterThan(0);
		expect(handled(routes)).toEqual(ops);
	});
});
