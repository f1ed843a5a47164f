'use strict';
// `node scripts/e2e.js --smoke`: the pass on another n8n line (1.123.81 in the full tier). Every action node
// reads and writes once, every trigger is activated and fired (its trigger-active case), and what differs
// between the lines is checked after the cases (versionChecks). The full case list runs on 2.40.7.

/** The cases, and what each covers on the other line. */
const LIST = {
  'vivenu/get-by-id-expression': 'vivenu read: Get Many, then Get by an expression',
  'vivenu/get-by-field-references': 'vivenu Get by ID from plain {{ $json… }} references (odd, nested, unicode keys, an index), read without the expression engine',
  'vivenu/update-payment-status': 'vivenu write: Update Payment Status',
  'vivenu/trigger-active': 'vivenu Trigger: registered at activation, a signed delivery → one execution (TRIGGER_CHECKS)',
  'constant-contact/pending-then-cancel': 'Constant Contact read (Get Many registrations) and write (Update Status)',
  'constant-contact/partial-failure-continue': 'Constant Contact bulk write with a 207 (its execution hint: versionChecks)',
  'constant-contact/token-refresh': 'Constant Contact OAuth2 token refresh on a 401',
  'constant-contact/trigger-active': 'Constant Contact Trigger: polling while active, a new registration emitted once',
  'flexiown/create-then-get-status': 'Flexiown write (Create) and read (Get Status)',
  'fourvenues/events-then-get': 'Fourvenues read: Get Many events, then Get (Fourvenues has no write operation)',
  'fourvenues/trigger-active': 'Fourvenues Trigger: endpoint created at activation, a paid payment → one execution',
  'restrict-content-pro/crud': 'Restrict Content Pro write (Create, Update, Delete) and read (Get, Get Many)',
  'restrict-content-pro/trigger-active': 'Restrict Content Pro Trigger: a new payment emitted once, and once more across a restart',
};
const CASES = new Set(Object.keys(LIST));

const aw = require('../../test/e2e/_support/active-workflow');

/** A webhook trigger: activation registers n8n's URL once; one signed delivery → one execution; deactivation. */
function webhookTrigger({ workflowId, webhookId, provider, registrations, fire }) {
  return async ({ emulator, assert, server }) => {
    const url = `http://localhost:${server.port}/webhook/${webhookId}/webhook`;
    await aw.whileActive(server, workflowId, assert, async () => {
      const hooks = await aw.waitFor(async () => {
        const list = (await registrations(emulator)).filter((w) => w.url === url);
        return list.length ? list : null;
      }, 10000);
      assert.equal(hooks && hooks.length, 1, `one registration of ${url} at activation`);
      await fire(emulator);
      await emulator.waitForWebhooks({ provider, timeoutMs: 20000 });
      assert.deepEqual((await emulator.webhookDeliveries(provider)).map((d) => d.status), [200], 'the signed delivery was accepted');
      await aw.expectWebhookExecutions(server, workflowId, 1, assert, 'one execution for the delivery');
    });
    const left = await aw.waitFor(async () => ((await registrations(emulator)).some((w) => w.url === url) ? null : true), 10000);
    assert.ok(left, 'deactivation removed the registration');
  };
}

/**
 * A polling trigger: after the first poll (which only remembers where the list stands) one new record is
 * emitted exactly once; with `restart`, n8n restarts (same database) and exactly the record added while it
 * was down is emitted, once (the cursor is in the workflow's static data, which n8n 1.x saves only for ids
 * of at most 16 characters).
 */
function pollTrigger({ workflowId, node, provider, isPoll, add, key, restart }) {
  return async ({ emulator, assert, server }) => {
    let polls = 0;
    const expected = [];
    const settle = async (what) => {
      polls = await aw.waitForPolls(emulator, provider, isPoll, polls, 2);
      const got = (await aw.polledItems(server, workflowId, node)).map(key).sort();
      assert.deepEqual(got, expected.slice().sort(), `${what}: emitted items (${polls} polls so far)`);
    };
    await aw.whileActive(server, workflowId, assert, async () => {
      polls = await aw.waitForPolls(emulator, provider, isPoll, 0, 1);
      expected.push(await add(emulator));
      await settle('one new record');
      if (restart) {
        await server.restart({ whileDown: async () => { expected.push(await add(emulator)); } });
        await settle('after a restart, the record added while n8n was down');
      }
    });
  };
}

/**
 * In place of the trigger-active cases' checks (the full lifecycle, run on 2.40.7): each trigger activated
 * and fired once; one restart, on the Restrict Content Pro poller (none with `restart: false`: scripts/single.js
 * starts n8n once per package).
 */
const triggerChecks = ({ restart = true } = {}) => ({
  'vivenu/trigger-active': webhookTrigger({
    workflowId: 'e2eVivenuTrigAct', webhookId: '4f7c2a10-e2e0-4b1d-9c3e-a1b2c3d4e5f6', provider: 'vivenu',
    registrations: async (emulator) => (await emulator.state('vivenu')).webhooks,
    fire: async (emulator) => {
      const { fixtures } = await emulator.state('vivenu');
      await emulator.fireWebhook({ provider: 'vivenu', type: 'transaction.complete', data: { transactionId: fixtures.completeTransactionId } });
    },
  }),
  'fourvenues/trigger-active': webhookTrigger({
    workflowId: 'e2eFourvTrigAct', webhookId: '5e8d3b21-e2e0-4c2e-8d4f-b2c3d4e5f6a7', provider: 'fourvenues',
    registrations: async (emulator) => (await emulator.state('fourvenues')).webhookEndpoints,
    fire: (emulator) => emulator.control('POST', 'fourvenues', '/payments', {}),
  }),
  'constant-contact/trigger-active': pollTrigger({
    workflowId: 'e2eCcTrigActive', node: 'CC Trigger', provider: 'constant-contact',
    isPoll: (r) => r.method === 'GET' && /^\/v3\/events\/[^/]+\/tracks\/[^/]+\/registrations$/.test(r.providerPath) && !r.query.next,
    add: async (emulator) => `newRegistration ${(await emulator.control('POST', 'constant-contact', '/registrations', [{}])).registrations[0].registration_id}`,
    key: (i) => `${i.event} ${i.registration.registration_id}`,
  }),
  'restrict-content-pro/trigger-active': pollTrigger({
    workflowId: 'e2eRcpTrigActive', node: 'RCP Trigger', provider: 'restrict-content-pro', restart,
    isPoll: (r) => r.method === 'GET' && /\/payments$/.test(r.providerPath),
    add: async (emulator) => `newPayment ${(await emulator.control('POST', 'restrict-content-pro', '/payments', [{}])).payments[0].id}`,
    key: (i) => `${i.event} ${i.payment.id}`,
  }),
});
const TRIGGER_CHECKS = triggerChecks();

/** --smoke: the trigger-active cases get the lighter checks above (their workflows and prepare() stay). */
function lighten(cases, checks = TRIGGER_CHECKS) {
  for (const c of cases) {
    if (checks[c.name] && c.module) c.module = { ...c.module, check: checks[c.name], timeoutMs: 180000 };
  }
}

/** A listed case that does not exist (renamed or deleted) is a problem of the case definitions. */
function missing(cases, { filtered = false } = {}) {
  if (filtered) return [];
  const have = new Set(cases.map((c) => c.name));
  return [...CASES].filter((n) => !have.has(n)).map((n) => `scripts/lib/smoke.js lists ${n}, which is not a case in test/e2e`);
}

const PKG = 'n8n-nodes-event-payments';
const SCHEMA = `/schemas/${PKG}.vivenu/1.0.0/transaction/getAll.json`;
const HINT_CASE = 'constant-contact/partial-failure-continue';

/**
 * What may differ between n8n lines, as checks numbered after the cases: the node and credential types
 * load; the node descriptions' hints are served; a 207 leaves its execution hint in the run data
 * (addExecutionHints, which the node only calls where n8n has it); the output schemas are served. Each prints "ok N - …" / "not ok N - …" and counts in `tally`.
 */
async function versionChecks({ stack, server, cases, tally, say, note, number }) {
  let n = number;
  const check = async (name, fn) => {
    n += 1;
    try {
      const detail = await fn();
      tally.passed += 1;
      say(`ok ${n} - ${name}${detail ? ` — ${detail}` : ''}`);
    } catch (e) {
      tally.failed += 1;
      say(`not ok ${n} - ${name}`);
      for (const line of String(e.message).split('\n').slice(0, 10)) note(`  ${line}`);
    }
  };
  const types = (await server.nodeTypes()).filter((t) => t.name.startsWith(`${PKG}.`) && !t.name.endsWith('Tool'));
  const names = [...new Set(types.map((t) => t.name))];
  await check(`n8n ${stack.n8nVersion}: our 9 node types and their credential types load`, async () => {
    const credNames = new Set(types.flatMap((t) => (t.credentials || []).map((c) => c.name)));
    const creds = (await server.credentialTypes()).filter((c) => credNames.has(c.name));
    const wanted = (stack.installed.n8n.nodes || []).length;
    if (names.length !== wanted || creds.length !== credNames.size || creds.length !== 5) {
      throw new Error(`nodes: ${names.join(', ')} (want ${wanted}); credentials: ${creds.map((c) => c.name).join(', ')}`);
    }
    return `${names.length} nodes, ${creds.length} credentials`;
  });
  await check('node hints: the Constant Contact node description carries its hints', async () => {
    const cc = types.find((t) => t.name === `${PKG}.constantContact`);
    const hints = (cc && cc.hints) || [];
    if (!hints.length || !hints.every((h) => h.message && h.type)) throw new Error(`hints served: ${JSON.stringify(hints).slice(0, 300)}`);
    return `${hints.length} hint(s)`;
  });
  const hintCase = cases.find((c) => c.name === HINT_CASE && !c.invalid);
  if (hintCase) {
    await check(`execution hints: a 207 in ${HINT_CASE} leaves a "Partial success (HTTP 207)" hint in the run data`, async () => {
      await stack.emulator.client.reset(hintCase.module.emulator || {});
      const run = await server.runWorkflow(hintCase.workflow.id, hintCase.triggerName, { timeoutMs: 60000 });
      const node = (run.data.resultData.runData['Mark Paid'] || [])[0] || {};
      const hints = (node.hints || []).map((h) => h.message);
      if (!hints.some((m) => /^Partial success \(HTTP 207\)/.test(m))) throw new Error(`hints of "Mark Paid": ${JSON.stringify(hints)}`);
      return hints[0].slice(0, 80);
    });
  }
  // Both lines serve /schemas/<node>/<version>/<resource>/<operation>.json (1.123 and 2.40 alike); only the
  // 2.x editor asks for them before a run (scripts/ui.js checks that part).
  await check(`output schemas: ${SCHEMA} is served`, async () => {
    const r = await server.request('GET', SCHEMA);
    const served = r.status === 200 && r.body && r.body.type === 'object' && Object.keys(r.body.properties || {}).length > 0;
    if (!served) throw new Error(`GET ${SCHEMA} → ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
    return `${Object.keys(r.body.properties).length} properties`;
  });
  return n;
}

module.exports = { CASES, LIST, TRIGGER_CHECKS, triggerChecks, lighten, missing, versionChecks };
