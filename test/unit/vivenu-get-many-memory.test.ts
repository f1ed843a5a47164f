import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { execute } from '../../nodes/Vivenu/actions/transaction/getAll.operation';
import type { VivenuClient } from '../../nodes/Vivenu/transport';

// Get Many over 50,000 transactions: what the node holds must grow with its output, not with the raw
// pages as well. These tests watch the raw records of the first page through WeakRefs while the later
// pages are read: once that page is shaped (secret dropped, or simplified), its raw records must be
// garbage, so a full GC collects them.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PAGE = 5;
const TOTAL = 3 * PAGE;

function rawTransaction(n: number): IDataObject {
	return { _id: `t${n}`, status: 'COMPLETE', secret: `secret-${n}`, history: [{ title: 'created' }], tickets: [{}, {}] };
}

/** A node context with the Get Many parameters given (the rest at their defaults). */
function context(parameters: IDataObject): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNode: () => ({ name: 'vivenu', type: 'n8n-nodes-event-payments.vivenu', typeVersion: 1, position: [0, 0], parameters: {}, id: 'x' }),
	} as unknown as IExecuteFunctions;
}

/**
 * A client serving TOTAL raw transactions, one page after another, that records whether the first
 * page's raw records were still reachable when the last page was asked for.
 */
function watchingClient() {
	const firstPage: Array<WeakRef<IDataObject>> = [];
	const seen = { aliveAtLastPage: -1 };
	const client = {
		lanes: 1,
		async request(_method: string, _path: string, options: { qs: { skip: number; top: number } }) {
			const { skip, top } = options.qs;
			if (skip + top >= TOTAL) {
				// WeakRefs keep their target alive until the current job ends: let it end first.
				await new Promise((resolve) => setImmediate(resolve));
				gc();
				seen.aliveAtLastPage = firstPage.filter((ref) => ref.deref() !== undefined).length;
			}
			const docs = Array.from({ length: Math.min(top, TOTAL - skip) }, (_, k) => rawTransaction(skip + k));
			if (skip === 0) for (const doc of docs) firstPage.push(new WeakRef(doc));
			return { body: { docs, total: TOTAL } };
		},
	};
	return { client: client as unknown as VivenuClient, seen };
}

describe('vivenu Get Many keeps no raw page it has already shaped', () => {
	it.each([
		['without the secret token', { simplify: false }],
		['simplified', { simplify: true }],
	])('%s: the first page is garbage while the last one is read', async (_label, shape) => {
		const { client, seen } = watchingClient();
		// One page of PAGE: MAX_PAGE_SIZE is 1000, so ask with a limit to get several small pages.
		const out = await execute.call(context({ returnAll: false, limit: TOTAL, ...shape }), 0, pagedBy(client, PAGE));
		expect(out).toHaveLength(TOTAL);
		expect(out.map((t) => t._id)).toEqual(Array.from({ length: TOTAL }, (_, n) => `t${n}`));
		expect(out.every((t) => t.secret === undefined)).toBe(true);
		expect(seen.aliveAtLastPage).toBe(0);
	});

	it('with Include Secret Token the records are output as served (nothing to shape, nothing copied)', async () => {
		const { client, seen } = watchingClient();
		const out = await execute.call(context({ returnAll: false, limit: TOTAL, includeSecret: true }), 0, pagedBy(client, PAGE));
		expect(out.map((t) => t.secret)).toEqual(Array.from({ length: TOTAL }, (_, n) => `secret-${n}`));
		expect(seen.aliveAtLastPage).toBe(PAGE);
	});
});

/** Serves at most `size` records per request whatever `top` asks (a server capping its page size). */
function pagedBy(client: VivenuClient, size: number): VivenuClient {
	const inner = client as unknown as { lanes: number; request: (m: string, p: string, o: { qs: { skip: number; top: number } }) => Promise<unknown> };
	return {
		lanes: inner.lanes,
		request: (method: string, path: string, options: { qs: { skip: number; top: number } }) =>
			inner.request(method, path, { ...options, qs: { ...options.qs, top: Math.min(size, options.qs.top) } }),
	} as unknown as VivenuClient;
}
