import * as path from 'path';

import { VIVENU_DEFAULTS } from '../../nodes/Vivenu/transport';
import { fetchDelivered, pollTransactions, registerWebhook } from './fixtures/trigger-usage';

const { typeProblems } = require('../support/type-problems') as { typeProblems: (file: string) => string[] };

interface Sent {
	method: string;
	url: string;
	qs?: Record<string, unknown>;
	body?: unknown;
}

/** A stand-in for the parts of a poll, hook or webhook context the common module uses. */
function triggerContext(kind: 'poll' | 'hook' | 'webhook', answer: (req: Sent) => { statusCode: number; body: unknown }) {
	const sent: Sent[] = [];
	const ctx: Record<string, unknown> = {
		getNode: () => ({ name: 'vivenu Trigger', type: 'vivenuTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => ({ apiKey: 'secret-key-123', environment: 'custom', baseUrl: 'http://vivenu.test/api/' }),
		getNodeParameter: (_name: string, fallback?: unknown) => fallback,
		getMode: () => 'trigger',
		helpers: {
			httpRequestWithAuthentication: async (_credentialType: string, options: Sent & { body?: string }) => {
				sent.push({ method: options.method, url: options.url, qs: options.qs, body: options.body && JSON.parse(options.body) });
				const { statusCode, body } = answer(sent[sent.length - 1]);
				return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
			},
		},
	};
	if (kind === 'webhook') ctx.getBodyData = () => ({ transactionId: 't1' });
	else ctx.getActivationMode = () => 'activate';
	return { ctx, sent };
}

describe('the common module in trigger contexts', () => {
	it('type-checks for poll, hook and webhook contexts (and refuses execute-only readers)', () => {
		const problems = typeProblems(path.join(__dirname, 'fixtures/trigger-usage.ts'));
		expect(problems).toEqual([]);
	});

	it('polls through the client and the common pagination, with the provider defaults', async () => {
		const { ctx, sent } = triggerContext('poll', (req) => {
			const skip = Number(req.qs?.skip);
			return { statusCode: 200, body: { docs: [{ _id: `t${skip}` }, { _id: `t${skip + 1}` }].slice(0, 3 - skip), total: 3 } };
		});
		const docs = await pollTransactions.call(ctx as never, '2026-01-01');
		expect(docs.map((d) => d._id)).toEqual(['t0', 't1', 't2']);
		expect(sent.map((s) => `${s.method} ${s.url} ${String(s.qs?.skip)}`)).toEqual([
			'GET http://vivenu.test/api/transactions 0',
			'GET http://vivenu.test/api/transactions 2',
		]);
		expect(VIVENU_DEFAULTS.maxRetries).toBeGreaterThan(2);
	});

	it('retries a 503 from a webhook context like an execution would (idempotent GET)', async () => {
		let calls = 0;
		const { ctx } = triggerContext('webhook', () => (++calls === 1 ? { statusCode: 503, body: {} } : { statusCode: 200, body: { _id: 't1' } }));
		await expect(fetchDelivered.call(ctx as never)).resolves.toEqual({ _id: 't1' });
		expect(calls).toBe(2);
	});

	it('builds the usual redacted API error from a hook context', async () => {
		const { ctx, sent } = triggerContext('hook', () => ({ statusCode: 400, body: { message: 'bad url, key secret-key-123' } }));
		await expect(registerWebhook.call(ctx as never, 'https://n8n.test/webhook')).rejects.toThrow(/^vivenu error 400: bad url, key \[redacted\]$/);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toEqual({ url: 'https://n8n.test/webhook' });
	});
});
