'use strict';
// Discovers the data-driven e2e cases under test/e2e/<provider>/ (see test/e2e/README.md).
const fs = require('fs');
const path = require('path');
const assert = require('assert/strict');
const { substitute } = require('./util');

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/**
 * Returns { providers: [{ name, dir, credentials (raw array) }], cases: [...] } sorted by provider then file.
 * A case: { name, provider, dir, workflowFile, checkFile, workflow (raw), module, triggerName }.
 * Throws one Error listing every problem found (missing check, duplicate ids, …).
 */
function discoverCases(root, { filter } = {}) {
  const problems = [];
  const providers = [];
  const cases = [];
  if (!fs.existsSync(root)) return { providers, cases, problems: [`${root} does not exist`] };
  const dirs = fs.readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))
    .map((d) => d.name).sort();
  for (const provider of dirs) {
    const dir = path.join(root, provider);
    let credentials = [];
    const credFile = path.join(dir, 'credentials.json');
    if (fs.existsSync(credFile)) {
      try {
        credentials = JSON.parse(fs.readFileSync(credFile, 'utf8'));
        if (!Array.isArray(credentials)) throw new Error('must be an array (n8n import:credentials format)');
        credentials.forEach((c, i) => {
          if (!c || !c.id || !c.name || !c.type || typeof c.data !== 'object') throw new Error(`entry ${i} needs id, name, type and a plain data object`);
        });
      } catch (e) {
        problems.push(`${provider}/credentials.json: ${e.message}`);
        credentials = [];
      }
    }
    const wfFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.workflow.json')).sort();
    if (wfFiles.length === 0) continue;
    providers.push({ name: provider, dir, credentials });
    for (const wf of wfFiles) {
      const base = wf.slice(0, -'.workflow.json'.length);
      const name = `${provider}/${base}`;
      if (filter && !filter(name)) continue;
      const workflowFile = path.join(dir, wf);
      const checkFile = path.join(dir, `${base}.check.js`);
      const c = { name, provider, dir, workflowFile, checkFile };
      try {
        c.workflow = JSON.parse(fs.readFileSync(workflowFile, 'utf8'));
        if (!c.workflow.id || typeof c.workflow.id !== 'string' || c.workflow.id.length > 21) {
          throw new Error('needs a fixed string "id" of at most 21 characters');
        }
        if (!Array.isArray(c.workflow.nodes) || typeof c.workflow.connections !== 'object') throw new Error('needs nodes and connections');
        const triggers = c.workflow.nodes.filter((n) => n.type === MANUAL_TRIGGER);
        if (triggers.length !== 1) throw new Error(`needs exactly one Manual Trigger (${MANUAL_TRIGGER}), found ${triggers.length}`);
        c.triggerName = triggers[0].name;
        if (!fs.existsSync(checkFile)) throw new Error(`missing sibling ${base}.check.js`);
        const mod = require(checkFile);
        const check = typeof mod === 'function' ? mod : mod.check;
        if (typeof check !== 'function') throw new Error(`${base}.check.js must export an async function check({ output, emulator, assert })`);
        c.module = { ...mod, check };
      } catch (e) {
        problems.push(`${name}: ${e.message}`);
        c.invalid = e.message;
      }
      cases.push(c);
    }
  }
  return { providers, cases, problems };
}

/**
 * examples/*.json (the workflows `npm start` imports) as smoke cases: each must run without error,
 * every node must run and the last one must output at least one item. Credentials come from
 * examples/credentials/*.json (one array per provider).
 */
function discoverExamples(dir, { filter } = {}) {
  const problems = [];
  const providers = [];
  const cases = [];
  if (!fs.existsSync(dir)) return { providers, cases, problems };
  const credDir = path.join(dir, 'credentials');
  if (fs.existsSync(credDir)) {
    for (const f of fs.readdirSync(credDir).filter((x) => x.endsWith('.json')).sort()) {
      try {
        const credentials = JSON.parse(fs.readFileSync(path.join(credDir, f), 'utf8'));
        if (!Array.isArray(credentials)) throw new Error('must be an array (n8n import:credentials format)');
        providers.push({ name: `examples/credentials/${f}`, dir: credDir, credentials });
      } catch (e) {
        problems.push(`examples/credentials/${f}: ${e.message}`);
      }
    }
  }
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const name = `examples/${f.replace(/\.json$/, '')}`;
    if (filter && !filter(name)) continue;
    const c = { name, provider: 'examples', dir, workflowFile: path.join(dir, f) };
    try {
      c.workflow = JSON.parse(fs.readFileSync(c.workflowFile, 'utf8'));
      if (!c.workflow.id || String(c.workflow.id).length > 21) throw new Error('needs a fixed "id" of at most 21 characters');
      const triggers = (c.workflow.nodes || []).filter((n) => n.type === MANUAL_TRIGGER);
      if (triggers.length !== 1) throw new Error(`needs exactly one Manual Trigger, found ${triggers.length}`);
      c.triggerName = triggers[0].name;
      // Only what hangs off the Manual Trigger runs (an example may also have e.g. a Schedule Trigger).
      const nodeNames = reachableFrom(c.workflow, c.triggerName);
      c.module = {
        check: async ({ output, assert: a }) => {
          for (const n of nodeNames) a.ok(output.ran(n), `node "${n}" ran`);
          a.ok(output.items(output.lastNode).length > 0, `last node "${output.lastNode}" produced items`);
        },
      };
    } catch (e) {
      problems.push(`${name}: ${e.message}`);
      c.invalid = e.message;
    }
    cases.push(c);
  }
  return { providers, cases, problems };
}

/** Names of the nodes reachable from `start` through the workflow's connections (start included). */
function reachableFrom(workflow, start) {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const name = queue.shift();
    for (const outputs of Object.values((workflow.connections || {})[name] || {})) {
      for (const branch of outputs || []) {
        for (const conn of branch || []) {
          if (conn && conn.node && !seen.has(conn.node)) { seen.add(conn.node); queue.push(conn.node); }
        }
      }
    }
  }
  return [...seen];
}

/** n8n 1.x saves a workflow's static data only when its id has at most 16 characters (2.x: 21). */
const STATIC_DATA_ID_MAX = 16;

/**
 * Checks that workflow ids and credential ids are unique and every credential reference resolves, and
 * that a workflow with one of our triggers (whose static data holds its registration or cursor) has an
 * id n8n 1.x saves static data for.
 */
function crossCheck(providers, cases) {
  const problems = [];
  const wfIds = new Map();
  for (const c of cases) {
    if (!c.workflow || !c.workflow.id) continue;
    if (wfIds.has(c.workflow.id)) problems.push(`${c.name}: workflow id "${c.workflow.id}" also used by ${wfIds.get(c.workflow.id)}`);
    wfIds.set(c.workflow.id, c.name);
    const triggers = (c.workflow.nodes || []).filter((n) => /^n8n-nodes-event-payments\.\w+Trigger$/.test(String(n.type)));
    if (triggers.length && String(c.workflow.id).length > STATIC_DATA_ID_MAX) {
      problems.push(`${c.name}: workflow id "${c.workflow.id}" is longer than ${STATIC_DATA_ID_MAX} characters: n8n 1.x would not save the static data of its trigger "${triggers[0].name}"`);
    }
  }
  const credIds = new Map();
  for (const p of providers) {
    for (const cr of p.credentials) {
      if (credIds.has(cr.id)) problems.push(`${p.name}: credential id "${cr.id}" also defined by ${credIds.get(cr.id)}`);
      credIds.set(cr.id, p.name);
    }
  }
  for (const c of cases) {
    for (const node of (c.workflow && c.workflow.nodes) || []) {
      for (const [type, ref] of Object.entries(node.credentials || {})) {
        if (ref && ref.id && !credIds.has(ref.id)) problems.push(`${c.name}: node "${node.name}" uses ${type} credential id "${ref.id}" that no credentials file defines`);
      }
    }
  }
  return problems;
}

/** Variables every workflow/credential may use: {{EMULATOR_URL}}, {{EMULATOR_PORT}}, {{<PROVIDER>_URL}}. */
function baseVars(emulator) {
  const vars = { EMULATOR_URL: emulator.url, EMULATOR_PORT: String(emulator.port) };
  for (const [name, u] of Object.entries(emulator.providerUrls || {})) {
    vars[`${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`] = u;
  }
  return vars;
}

/**
 * Wraps one run (the object `n8n execute --rawOutput` prints, or the REST execution) for checks:
 *   output.json(node?)   → [json, …] of the node's output 0 in its last run (default: last node executed)
 *   output.items(node?)  → the full items ({ json, pairedItem, binary? })
 *   output.runData, output.lastNode, output.error (resultData.error or undefined), output.status, output.execution
 *   output.ran(node) → boolean
 */
function buildOutput(execution) {
  const resultData = (execution && execution.data && execution.data.resultData) || {};
  const runData = resultData.runData || {};
  const lastNode = resultData.lastNodeExecuted;
  const items = (node = lastNode, { outputIndex = 0, runIndex = -1 } = {}) => {
    const runs = runData[node];
    if (!runs || runs.length === 0) {
      throw new assert.AssertionError({ message: `node "${node}" did not run (ran: ${Object.keys(runData).join(', ') || 'nothing'})` });
    }
    const r = runs[runIndex < 0 ? runs.length + runIndex : runIndex];
    if (r && r.error) throw new assert.AssertionError({ message: `node "${node}" failed: ${r.error.message}` });
    return (r && r.data && r.data.main && r.data.main[outputIndex]) || [];
  };
  return {
    runData,
    lastNode,
    error: resultData.error,
    status: execution && execution.status,
    execution,
    ran: (node) => Boolean(runData[node] && runData[node].length),
    items,
    json: (node, opts) => items(node, opts).map((i) => i.json),
  };
}

/** Human-readable reason a run failed ('' if it did not). */
function runError(output) {
  const e = output.error;
  if (!e) return '';
  const node = (e.node && e.node.name) || output.lastNode;
  return `${e.message || 'execution failed'}${e.description ? ` — ${e.description}` : ''}${node ? ` [node "${node}"]` : ''}`;
}

module.exports = { discoverCases, discoverExamples, crossCheck, reachableFrom, baseVars, buildOutput, runError, substitute, MANUAL_TRIGGER };
