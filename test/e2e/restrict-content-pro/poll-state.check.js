'use strict';
// What n8n really saves of a poller's state (docs/triggers.md, "What n8n saves"), read back through n8n's
// REST API while the Restrict Content Pro Trigger polls every 5 s in an ACTIVE workflow:
// - after the activation poll and polls that emitted nothing, the saved state holds no handled payment
//   beyond where the list stood at activation;
// - a poll that emits saves the state with it: the newest emitted payment is handled;
// - polls that emit nothing save nothing, even when they moved the state in memory (a payment left out
//   by the status filter);
// - after an n8n restart the trigger resumes from that saved state: exactly what arrived meanwhile, once.
// What was seen is printed as "# state …" lines.
const PROVIDER = 'restrict-content-pro';
const WORKFLOW_ID = 'e2eRcpPollState';
const NODE = 'RCP Trigger';
const { whileActive, pollLedger } = require('../_support/active-workflow');

exports.timeoutMs = 300000;
exports.needsServer = true;

const add = async (emulator, rows) => (await emulator.control('POST', PROVIDER, '/payments', rows)).payments;
const top = (state) => (Array.isArray(state?.handled) && state.handled.length ? state.handled[state.handled.length - 1][1] : undefined);

exports.check = async ({ emulator, assert, server }) => {
  assert.ok(server, 'needs the server engine');
  const version = String((await server.request('GET', '/rest/settings')).body?.data?.versionCli ?? '');
  const saved = async () => {
    const data = (await server.request('GET', `/rest/workflows/${WORKFLOW_ID}`)).body?.data?.staticData;
    const state = data?.[`node:${NODE}`];
    return state && Object.keys(state).length ? state : null;
  };
  const note = (what, state) => console.log(`# state n8n ${version}, ${what}: ${state ? JSON.stringify({ handled: state.handled, anchor: state.anchor }) : 'none saved'}`);
  const ledger = pollLedger({
    server, emulator, assert, provider: PROVIDER, workflowId: WORKFLOW_ID, node: NODE,
    isPoll: (r) => r.method === 'GET' && /\/payments$/.test(r.providerPath),
    key: (i) => `${i.event} ${i.payment.id}`,
  });
  const newestAtStart = Math.max(...(await emulator.state(PROVIDER)).payments.map((p) => Number(p.id)));

  await whileActive(server, WORKFLOW_ID, assert, async () => {
    await ledger.settle('activation poll and two quiet polls');
    const quiet = await saved();
    note('after the activation poll and two polls that emitted nothing', quiet);
    assert.ok(quiet === null || top(quiet) === newestAtStart, `a saved first state claims nothing beyond the list's top at activation (${newestAtStart})`);

    const batch = await add(emulator, [{}, {}]);
    ledger.expect(...batch.map((p) => `newPayment ${p.id}`));
    await ledger.settle('two new payments');
    const emitted = await saved();
    note('after a poll that emitted two payments', emitted);
    assert.equal(top(emitted), Number(batch[1].id), 'the emitting poll saved its state: the newest emitted payment is handled');

    // An abandoned payment is handled but not emitted (the trigger's Only Statuses leave it out): the
    // polls move the state in memory and emit nothing, so n8n saves nothing.
    await add(emulator, [{ status: 'abandoned' }]);
    await ledger.settle('an abandoned payment, left out by the status filter');
    assert.deepEqual(await saved(), emitted, 'polls that emit nothing save nothing');

    await server.restart({
      whileDown: async () => {
        const down = await add(emulator, [{}]);
        ledger.expect(...down.map((p) => `newPayment ${p.id}`));
      },
    });
    await ledger.settle('after the restart');
    note('after the restart and the payment added while n8n was down', await saved());
  });
};
