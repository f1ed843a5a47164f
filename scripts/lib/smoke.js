'use strict';
// `node scripts/e2e.js --smoke`: the pass on another n8n line (1.123.81 in the full tier). Every action node
// reads and writes once, every trigger is activated and fired (its trigger-active case), and what differs
// between the lines is checked after the cases (versionChecks). The full case list runs on 2.40.7.

/** The cases, and what each covers on the other line. */
const LIST = {
  'vivenu/get-by-id-expression': 'vivenu read: Get Many, then Get by an expression',
  'vivenu/update-payment-status': 'vivenu write: Update Payment Status',
  'vivenu/trigger-active': 'vivenu Trigger: webhook registered at activation, signed delivery → one execution, restart',
  'constant-contact/pending-then-cancel': 'Constant Contact read (Get Many registrations) and write (Update Status)',
  'constant-contact/partial-failure-continue': 'Constant Contact bulk write with a 207 (its execution hint: versionChecks)',
  'constant-contact/token-refresh': 'Constant Contact OAuth2 token refresh on a 401',
  'constant-contact/trigger-active': 'Constant Contact Trigger: polling while active, across a restart',
  'flexiown/create-then-get-status': 'Flexiown write (Create) and read (Get Status)',
  'fourvenues/events-then-get': 'Fourvenues read: Get Many events, then Get (Fourvenues has no write operation)',
  'fourvenues/trigger-active': 'Fourvenues Trigger: webhook registered at activation, signed delivery → one execution, restart',
  'restrict-content-pro/crud': 'Restrict Content Pro write (Create, Update, Delete) and read (Get, Get Many)',
  'restrict-content-pro/trigger-active': 'Restrict Content Pro Trigger: polling while active, across a restart',
};
const CASES = new Set(Object.keys(LIST));

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

module.exports = { CASES, LIST, missing, versionChecks };
