import * as fs from 'fs';
import * as path from 'path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { Vivenu } from '../../nodes/Vivenu/Vivenu.node';

// The spine: how many times a request crosses into another file between a node's execute() and n8n's
// httpRequestWithAuthentication. Measured from the stack the stubbed helper sees, and compared with the
// number CONTRIBUTING.md states ("The path of a request"), so the guide cannot drift from the code.
const ROOT = path.join(__dirname, '..', '..');

/** The source files of nodes/ on the stack, innermost first, one entry per run of frames in one file. */
function filesOnStack(stack: string): string[] {
	const files: string[] = [];
	for (const line of stack.split('\n').slice(1)) {
		const m = /\(?((?:[A-Za-z]:)?[^\s()]+\.[jt]s):\d+:\d+\)?$/.exec(line.trim());
		if (!m) continue;
		const file = path.relative(ROOT, m[1]).split(path.sep).join('/');
		if (!file.startsWith('nodes/')) continue;
		if (files[files.length - 1] !== file) files.push(file);
	}
	return files;
}

/** Hops from the node file's execute() to the file that calls the helper: one per change of file. */
function hopsOf(files: string[], nodeFile: string): number {
	const start = files.indexOf(nodeFile);
	if (start < 0) throw new Error(`${nodeFile} is not on the stack:\n${files.join('\n')}`);
	return start;
}

function documentedHops(): number {
	const text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');
	const m = /(\d+) hops from a node's execute\(\)/.exec(text);
	if (!m) throw new Error('CONTRIBUTING.md does not state "<n> hops from a node\'s execute()"');
	return Number(m[1]);
}

function executeContext(parameters: IDataObject, stacks: string[]): IExecuteFunctions {
	const node = { name: 'vivenu', type: 'n8n-nodes-event-payments.vivenu', typeVersion: 1, position: [0, 0], parameters: {}, id: 'n1', credentials: { vivenuApi: { id: 'c1', name: 'vivenu' } } };
	return {
		getNode: () => node,
		getInputData: () => [{ json: {} }],
		continueOnFail: () => false,
		getExecutionId: () => 'e1',
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => ({ apiKey: 'k', environment: 'custom', baseUrl: 'http://vivenu.test/api' }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				stacks.push(new Error('stack').stack ?? '');
				return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ _id: 't1', status: 'CANCELED' }) };
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items: INodeExecutionData[], { itemData }: { itemData: { item: number } }) => items.map((item) => ({ ...item, pairedItem: itemData })),
		},
	} as unknown as IExecuteFunctions;
}

describe('the spine of a request', () => {
	it('vivenu Transaction → Cancel reaches httpRequestWithAuthentication within the documented hops', async () => {
		const stacks: string[] = [];
		const ctx = executeContext({ resource: 'transaction', operation: 'cancel', transactionId: 't1' }, stacks);
		const out = await new Vivenu().execute.call(ctx);
		expect(out[0]).toHaveLength(1);
		expect(stacks).toHaveLength(1);
		const files = filesOnStack(stacks[0]);
		const hops = hopsOf(files, 'nodes/Vivenu/Vivenu.node.ts');
		// The path itself in the failure message, so a longer spine says where it grew.
		const spine = `${hops} hops:\n${files.slice(0, hops + 1).reverse().join('\n')}`;
		expect({ spine, atMostSix: hops <= 6 }).toEqual({ spine, atMostSix: true });
		expect({ spine, hops }).toEqual({ spine, hops: documentedHops() });
	});
});
