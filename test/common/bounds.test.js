'use strict';
// Issue 21, items 5 and 6 in n8n's engine against the emulators: a rate whose gap between two requests is
// longer than Max Retry Wait is refused before anything is sent, naming the setting; Retry On Fail on a
// write is warned about in a node hint.
const { runNode } = require('../harness');
const h = require('../constant-contact/helpers');
const { nodeRunner } = require('../support/run');
const { vivenuFixture, byId, NODE, CREDENTIAL_TYPES } = require('../vivenu/setup');

describe('vivenu: the rate and Retry On Fail', () => {
	const ctx = vivenuFixture();

	test('Requests per Second 0.01 (one request every 100 s) with Max Retry Wait 60 s is refused up front, naming the option', async () => {
		const result = await ctx.run({ operation: 'get', transactionId: byId(ctx.fixtures.newTransactionId), requestOptions: { requestsPerSecond: 0.01, maxRetryWaitSeconds: 60 } });
		expect(result.error.message).toBe('"Requests per Second" allows one request every 100 s, longer than "Max Retry Wait" (60 s)');
		expect(result.error.description).toMatch(/^Nothing was sent\./);
		expect(await ctx.requests()).toEqual([]);
	});

	test('with Continue On Fail, refused Request Options make one error item per input item (not-done), never the input passed on as if it had run', async () => {
		const ids = [ctx.fixtures.newTransactionId, ctx.fixtures.completeTransactionId];
		const result = await runNode({
			node: NODE, credentialTypes: CREDENTIAL_TYPES, credentials: ctx.credentials(), continueOnFail: true,
			parameters: { resource: 'transaction', operation: 'complete', transactionId: byId('={{ $json.id }}'), requestOptions: { maxRetryWaitSeconds: 0.5 } },
			input: ids.map((id) => ({ json: { id } })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([0, 1].map((i) => ({
			json: { error: 'Request Options → Max Retry Wait (Seconds): 0.5 is below 1 [item 0]', itemIndex: i, outcome: 'not-done' },
			pairedItem: { item: i },
		})));
		expect(await ctx.requests()).toEqual([]);
	});

	test('Requests per Second 0.02 with Max Retry Wait 60 s (a gap of 50 s) is allowed', async () => {
		const result = await ctx.run({ operation: 'get', transactionId: byId(ctx.fixtures.newTransactionId), requestOptions: { requestsPerSecond: 0.02, maxRetryWaitSeconds: 60 } });
		expect(result.error).toBeUndefined();
		expect(await ctx.requests()).toHaveLength(1);
	});

	test('Retry On Fail on a write: a warning hint says it re-runs every item; none on a read', async () => {
		const run = async (parameters) =>
			await runNode({ node: NODE, credentialTypes: CREDENTIAL_TYPES, credentials: ctx.credentials(), parameters: { resource: 'transaction', ...parameters }, nodeSettings: { retryOnFail: true, maxTries: 2 } });
		const write = await run({ operation: 'complete', transactionId: byId(ctx.fixtures.newTransactionId) });
		expect(write.error).toBeUndefined();
		const hints = write.runData[write.node.name][0].hints;
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning', location: 'outputPane' });
		expect(hints[0].message).toMatch(/^"Retry On Fail" \(node Settings\) is on: after an error n8n runs this node again for every input item, so each transaction already changed would be changed a second time\./);
		const read = await run({ operation: 'get', transactionId: byId(ctx.fixtures.newTransactionId) });
		expect(read.runData[read.node.name][0].hints ?? []).toEqual([]);
	});
});

describe('Constant Contact: a share so small that requests would be far apart', () => {
	const emu = h.emulatorPerFile();
	const runCC = nodeRunner(h.NODE, h.CREDENTIAL_TYPES);
	const api = () => h.logged(emu).filter((e) => e.providerPath.startsWith('/v3/'));

	test('Rate Limit Share 0.01 % of 4/s (one request every 2,500 s) is refused naming the credential field; nothing is sent', async () => {
		emu.reset();
		const params = h.bulkUpdateParams(emu, { operation: 'updatePaymentStatus', paymentStatus: 'Paid', options: { chunkSize: 1 } });
		const ids = h.state(emu).fixtures.payableRegistrationIds.slice(0, 1);
		const result = await runCC(params, { constantContactOAuth2Api: { ...h.credentialData(emu), rateLimitShare: 0.01 } }, { input: h.itemsOf(ids) });
		expect(result.error.message).toBe('"Rate Limit Share (%)" allows one request every 2500 s, longer than "Max Retry Wait" (60 s)');
		expect(api()).toEqual([]);
	});
});
