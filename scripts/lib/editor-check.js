'use strict';
// The editor check of scripts/ui.js as a function, so that scripts/e2e.js --ui runs it against the n8n its
// cases ran on: what a user meets in n8n's editor, in Debian's Chromium driven by playwright-core (the
// checks are listed in scripts/ui.js's header). Prints "ok N - …" / "not ok N - …" and "# …" lines;
// returns { passed, failed } (the caller prints the "ui:" line).
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, fmtMs, tail, substitute } = require('./util');
const { discoverExamples } = require('./cases');
const browser = require('./browser');
const ed = require('./editor');

const PKG = 'n8n-nodes-event-payments';
const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

// Words and phrases a user types → the nodes of ours the panel must list: scripts/lib/search-terms.js.
const { SEARCH } = require('./search-terms');

/** The operation executed per node (needs nothing but the defaults and the imported credential). */
const EXECUTE = {
  vivenu: ['transaction', 'getAll'],
  constantContact: ['event', 'getAll'],
  fourvenues: ['organization', 'getAll'],
  flexiown: ['merchant', 'get'],
  restrictContentPro: ['payment', 'getAll'],
};

/**
 * Requests that fail by design in this setup; anything else that fails is an error.
 *  - GET /rest/login answers 401 before signing in (the editor asks whether a session exists);
 *  - requests to other hosts than n8n's own (n8n's own calls home: there is no internet in CI);
 *  - the editor asks for an output schema of every operation it shows (a preview before the first
 *    run); only Get and Get Many ship one (scripts/gen-schemas.js), the others answer 404.
 */
const SCHEMA_OPS = new Set(['get.json', 'getAll.json']);
function allowedFailure(url, status, { origin, loggedIn }) {
  let u;
  try { u = new URL(url); } catch { return false; }
  if (u.origin !== origin) return true;
  if (u.pathname === '/rest/login' && status === 401 && !loggedIn) return true;
  if (status === 404 && u.pathname.startsWith(`/schemas/${PKG}.`) && !SCHEMA_OPS.has(u.pathname.split('/').pop())) return true;
  return false;
}

/**
 * Runs the async functions `tasks` in `tabs.length` workers, each with its own browser tab (a task
 * gets the tab); a task that throws goes to `onError`.
 */
async function pool(tasks, tabs, onError) {
  let next = 0;
  const worker = async (tab) => {
    while (next < tasks.length) {
      const i = next;
      next += 1;
      await tasks[i](tab).catch(onError);
    }
  };
  await Promise.all(tabs.map(worker));
}

/**
 * Console and page errors of n8n's own editor that are not about this package: 2.40 raises this one when
 * a route change (the test moves between workflows inside the app) tears down the previous workflow's NDV
 * store.
 */
const allowedConsole = (text) => /^Error: injectNDVStore\(\) was accessed without an active workflow document store/.test(text);

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);


const MANUAL = "When clicking 'Execute workflow'";
const blankIds = ['search', ...Object.keys(EXECUTE)];
const blankId = (k) => `uiBlank${k[0].toUpperCase()}${k.slice(1)}`.slice(0, 21);

/**
 * What the check needs in n8n: the example credentials and workflows, and one workflow with only a Manual
 * Trigger per node plus one for the search (the editor saves what is added, so sharing one workflow
 * would pile every node onto it). Fresh objects, substituted with the emulator's `vars`.
 */
function content(vars) {
  const ex = discoverExamples(path.join(REPO_ROOT, 'examples'));
  if (ex.problems.length) throw new Error(`examples: ${ex.problems.join('; ')}`);
  const blank = blankIds.map((k, i) => ({
    id: blankId(k), name: `UI test: ${k}`, active: false, settings: {}, connections: {},
    nodes: [{ id: `0d6f7f55-7d5d-4b55-9e67-7f4f0a0b0c${String(i).padStart(2, '0')}`, name: MANUAL, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
  }));
  return {
    credentials: ex.providers.flatMap((p) => substitute(p.credentials, vars)),
    workflows: [...ex.cases.map((c) => substitute(c.workflow, vars)), ...blank],
  };
}

/**
 * Before the check on an n8n that already ran other work (e2e --ui): every active workflow deactivated
 * and every credential deleted, so that a node added from the panel finds exactly one credential of its
 * type (the one content() imports), as in a fresh n8n.
 */
async function clearForEditor(server) {
  const wfs = await server.request('GET', '/rest/workflows?filter=' + encodeURIComponent(JSON.stringify({ active: true })));
  for (const w of (wfs.body && wfs.body.data) || []) {
    if (!w.active) continue;
    const r = await server.request('POST', `/rest/workflows/${w.id}/deactivate`, {});
    if (r.status !== 200) throw new Error(`deactivating ${w.id} → ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
  }
  const creds = await server.request('GET', '/rest/credentials');
  for (const c of (creds.body && creds.body.data) || []) {
    const r = await server.request('DELETE', `/rest/credentials/${c.id}`);
    if (r.status !== 200) throw new Error(`deleting credential ${c.id} → ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
  }
}

/**
 * Runs the editor check against `server` (an N8nServer logged in as `owner`) where `workflows` (from
 * content(), imported with their n8n ids in `.id` and their own in `.sourceId`) exist. `opts`:
 * { screenshots, concurrency, only }. Failure screenshots go to `tmp`.
 */
async function run({ server, baseUrl, owner, tmp, logFile, workflows, timings, opts }) {
  const stack = { server, baseUrl, owner, tmp, logFile, workflows };
  let passed = 0;
  let failed = 0;
  let n = 0;
  let failShot = null; // (name) => screenshot of the page a failed check ran in
  // Numbered when they end (tabs run checks side by side).
  const check = async (name, fn, tab) => {
    const t = Date.now();
    try {
      const detail = await fn();
      passed += 1;
      n += 1;
      say(`ok ${n} - ${name} (${fmtMs(Date.now() - t)})${detail ? ` — ${detail}` : ''}`);
      return true;
    } catch (e) {
      failed += 1;
      n += 1;
      say(`not ok ${n} - ${name} (${fmtMs(Date.now() - t)})`);
      if (tab && failShot) await failShot(tab, n);
      for (const line of String(e && e.message ? e.message : e).split('\n').slice(0, 15)) note(`  ${line}`);
      return false;
    }
  };

  browser.ensureChromium();
  let ui = null;
  try {
    failShot = (tab, num) => ed.shot(tab, path.join(stack.tmp, `fail-${num}.png`)).then(() => note(`  screenshot: ${path.join(stack.tmp, `fail-${num}.png`)}`)).catch(() => {});
    const idOf = (sourceId) => stack.workflows.find((w) => w.sourceId === sourceId).id;
    const { origin } = new URL(stack.baseUrl);
    ui = await timings.time('launch chromium', () => browser.launch());
    const { page } = ui;
    const watch = ed.watchErrors(page, { origin, allowed: allowedFailure, allowedConsole });

    await check('sign in through the form', async () => {
      await ed.signIn(page, stack.baseUrl, stack.owner);
      watch.loggedIn = true;
    });

    // --- what the editor loaded ---------------------------------------------------------------------
    // What the editor itself loads, filtered in the page (the full list is tens of MB through CDP).
    const types = await timings.time('read /types/*.json in the page', () => page.evaluate(async (prefix) => {
      const get = async (p) => (await fetch(p)).json();
      const all = await get('/types/nodes.json');
      const ours = all.filter((t) => t.name.startsWith(prefix));
      const credNames = new Set(ours.flatMap((t) => (t.credentials || []).map((c) => c.name)));
      return { nodes: ours, credentials: (await get('/types/credentials.json')).filter((c) => credNames.has(c.name)) };
    }, `${PKG}.`));
    const nodes = types.nodes.filter((t) => t.name.startsWith(`${PKG}.`) && !t.name.endsWith('Tool'))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const credNames = new Set(nodes.flatMap((t) => (t.credentials || []).map((c) => c.name)));
    const creds = types.credentials.filter((c) => credNames.has(c.name));
    const isTrigger = (t) => (t.group || []).includes('trigger');
    const actions = nodes.filter((t) => !isTrigger(t));
    const triggers = nodes.filter(isTrigger);
    await check(`the editor loads our ${actions.length} action nodes, ${triggers.length} triggers and ${creds.length} credentials`, async () => {
      if (actions.length !== 5 || triggers.length !== 4 || creds.length !== 5) throw new Error(`nodes: ${nodes.map((t) => t.name).join(', ')}; credentials: ${creds.map((c) => c.name).join(', ')}`);
    });
    for (const t of nodes) {
      await check(`${t.displayName}: icons load`, () => ed.checkIcons(page, t));
      await check(`${t.displayName}: every operation has an action and a description line`, async () => ed.checkOperations(t));
      await check(`${t.displayName}: every required field has a description`, async () => ed.checkRequired(t));
    }

    // --- node panel search --------------------------------------------------------------------------
    const ours = new Set(nodes.map((t) => t.displayName));
    await ed.openWorkflow(page, stack.baseUrl, idOf(blankId('search')), ["When clicking 'Execute workflow'"]);
    for (const [term, want] of Object.entries(SEARCH)) {
      await check(`node panel search "${term}" lists exactly ${want.join(', ')} of ours`, async () => {
        const names = await ed.search(page, term);
        const got = names.filter((x) => ours.has(x)).sort();
        if (JSON.stringify(got) !== JSON.stringify([...want].sort())) throw new Error(`our nodes listed: ${got.join(', ') || 'none'} (want ${want.join(', ')})`);
        return `${names.length} entries`;
      });
    }
    await ed.closePanel(page);

    // --- every node: add, switch, lists, execute -------------------------------------------------------
    // --tabs tabs (default 2) work through the tasks; each tab loads the editor once and then moves
    // between workflows inside the app (a full load of the editor costs up to a minute of CPU here).
    if (opts.screenshots) fs.mkdirSync(SHOTS, { recursive: true });
    const schemaRequests = [];
    const watchSchemas = (p) => p.on('response', (r) => { if (r.url().includes(`/schemas/${PKG}.`)) schemaRequests.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    watchSchemas(page);
    const newPage = async () => {
      const p = await ui.context.newPage();
      ed.watchErrors(p, { origin, allowed: allowedFailure, allowedConsole, into: watch });
      watchSchemas(p);
      return p;
    };
    const credDone = new Set();
    const actionTask = (t) => async (tab) => {
      const short = t.name.slice(PKG.length + 1);
      {
        const [resource, operation] = EXECUTE[short] || [];
        const added = await check(`${t.displayName}: add from the node panel (its actions listed), "${resource} → ${operation}" opens`, async () => {
          await ed.openWorkflow(tab, stack.baseUrl, idOf(blankId(short)), [MANUAL]);
          const op = ed.operations(t).find((o) => o.resource === resource && o.value === operation);
          const actions = await ed.addNode(tab, t, op.action);
          const want = ed.operations(t).map((o) => o.action);
          const missing = want.filter((x) => !actions.includes(x));
          const extra = actions.filter((x) => !want.includes(x));
          if (missing.length || extra.length) throw new Error(`the panel's action list differs: missing ${missing.join('; ') || 'none'}, not ours ${extra.join('; ') || 'none'}`);
          // The node is on the canvas and its NDV shows the action picked.
          if (ed.resources(t).length > 1) await ed.expectShown(tab, 'resource', ed.resources(t).find((r) => r.value === resource).name);
          await ed.expectShown(tab, 'operation', op.name);
          const onCanvas = await tab.locator('[data-test-id=canvas-node]').count();
          if (onCanvas !== 2) throw new Error(`the canvas shows ${onCanvas} nodes (want the Manual Trigger and ${t.displayName})`);
          return `${actions.length} actions; "${op.action}" opened ${resource} → ${operation}`;
        }, tab);
        if (!added) return;
        await check(`${t.displayName}: execute ${resource} → ${operation}, output panel shows items`, async () => {
          const r = ed.resources(t).find((x) => x.value === resource);
          if (ed.resources(t).length > 1) await ed.selectOption(tab, 'resource', r);
          await ed.selectOption(tab, 'operation', ed.operations(t).find((o) => o.resource === resource && o.value === operation));
          const count = await ed.execute(tab);
          if (opts.screenshots) await ed.shot(tab, path.join(SHOTS, `${short}.png`));
          return `${count}`;
        }, tab);
        const res = ed.resources(t);
        const seen = new Set();
        for (const r of res) {
          for (const op of ed.operations(t).filter((o) => o.resource === r.value)) {
            await check(`${t.displayName}: ${r.name} → ${op.name}`, async () => {
              if (res.length > 1) await ed.selectOption(tab, 'resource', r);
              await ed.selectOption(tab, 'operation', op);
              const lists = await ed.openLocators(tab, seen);
              return lists.length ? `lists: ${lists.map((l) => `${l.name} (${l.items})`).join(', ')}` : '';
            }, tab);
          }
        }
        await credentialCheck(tab, t);
      }
    };
    const credentialCheck = async (tab, t) => {
      const cred = (t.credentials || [])[0];
      if (!cred || credDone.has(cred.name)) return;
      credDone.add(cred.name);
      const ct = creds.find((c) => c.name === cred.name);
      await check(`credential ${ct ? ct.displayName : cred.name}: form opens`, async () => {
        const fields = await ed.openCredential(tab, opts.screenshots ? path.join(SHOTS, `${cred.name}.png`) : null);
        return `${fields} fields`;
      }, tab);
    };
    // Triggers: opened in their example workflow (n8n's panel offers a trigger only on an empty canvas
    // or as a replacement); every "From list" must load; a polling trigger's "Fetch Test Event" must show
    // items (a webhook trigger would wait for a delivery: its parameters are checked and shown only).
    const triggerTask = (t) => async (tab) => {
      const short = t.name.slice(PKG.length + 1);
      const example = stack.workflows.find((w) => (w.nodes || []).some((x) => x.type === t.name));
      {
        await check(`${t.displayName}: opens in ${example ? example.name : 'an example'}${t.polling ? ', Fetch Test Event shows items' : ''}`, async () => {
          if (!example) throw new Error(`no example workflow uses ${t.name}`);
          await ed.openWorkflow(tab, stack.baseUrl, example.id, example.nodes.map((x) => x.name));
          await ed.openNode(tab, example.nodes.find((x) => x.type === t.name).name);
          const lists = await ed.openLocators(tab);
          let detail = lists.length ? `lists: ${lists.map((l) => `${l.name} (${l.items})`).join(', ')}` : '';
          if (t.polling) detail = `${detail}${detail ? '; ' : ''}${await ed.execute(tab)}`;
          if (opts.screenshots) await ed.shot(tab, path.join(SHOTS, `${short}.png`));
          return detail;
        }, tab);
      }
    };
    // Scheduled examples: "Execute workflow" must start from the Manual Trigger, the path a newcomer can
    // run now (n8n 2.x prefers any other enabled trigger, so the examples ship their Schedule Trigger off).
    const multiTrigger = stack.workflows.filter((w) => (w.nodes || []).some((x) => x.type === 'n8n-nodes-base.scheduleTrigger'));
    const exampleTask = (w) => async (tab) => {
      const manual = w.nodes.find((x) => x.type === 'n8n-nodes-base.manualTrigger');
      {
        await check(`example "${w.name}": Execute workflow runs the manual path`, async () => {
          await ed.openWorkflow(tab, stack.baseUrl, w.id, w.nodes.map((x) => x.name));
          const before = await lastExecutionId(w.id);
          const label = await ed.runWorkflowButton(tab);
          if (/ from /.test(label) && !label.includes(manual.name)) throw new Error(`the button reads "${label}" (want it to start from "${manual.name}")`);
          const run = await waitExecution(w.id, before);
          const ran = Object.keys(run.data.resultData.runData || {});
          if (!ran.includes(manual.name)) throw new Error(`the run started from ${ran.join(', ')}`);
          if (run.status !== 'success') throw new Error(`run ${run.status}: ${JSON.stringify(run.data.resultData.error || {}).slice(0, 300)}`);
          return `${ran.length} nodes ran`;
        }, tab);
      }
    };
    const lastExecutionId = async (workflowId) => {
      const r = await stack.server.request('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=1`);
      const list = (r.body && r.body.data && r.body.data.results) || [];
      return list.length ? String(list[0].id) : null;
    };
    const waitExecution = async (workflowId, before) => {
      const deadline = Date.now() + 60000;
      while (Date.now() < deadline) {
        const id = await lastExecutionId(workflowId);
        if (id && id !== before) {
          const e = await stack.server.request('GET', `/rest/executions/${id}`);
          const ex = e.body && e.body.data;
          if (ex && ex.stoppedAt && !['new', 'running', 'waiting'].includes(ex.status)) {
            return { ...ex, data: typeof ex.data === 'string' ? stack.server.ctx.flatted.parse(ex.data) : ex.data };
          }
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error('no finished execution within 60 s');
    };
    // Output schemas: n8n 2.40 previews the output of a node that has not run yet in the input panel of
    // the node after it (when that one is not a core node), from /schemas/<node>/<version>/<resource>/<operation>.json.
    const previewTask = async (tab) => {
      await check('schema preview: the input panel after an un-run vivenu Get Many lists its fields', async () => {
        const w = stack.workflows.find((x) => x.sourceId === 'demoVivenuTickets01');
        await ed.openWorkflow(tab, stack.baseUrl, w.id, w.nodes.map((x) => x.name));
        const want = `/schemas/${PKG}.vivenu/1.0.0/transaction/getAll.json`;
        const asked = tab.waitForResponse((r) => r.url().endsWith(want), { timeout: 60000 });
        await ed.openNode(tab, 'Get Tickets');
        const r = await asked;
        if (r.status() !== 200) throw new Error(`${want} → ${r.status()}`);
        await tab.waitForFunction(() => /sellerId/.test((document.querySelector('[data-test-id=ndv-input-panel]') || {}).innerText || ''), null, { timeout: 30000 })
          .catch(() => { throw new Error('the input panel does not show the schema\'s fields (e.g. sellerId)'); });
        return `${want} served, its fields shown`;
      }, tab);
    };
    // --only=<provider,...>: the tasks of those providers (a quicker run while working on one of them).
    const provider = (type) => type.slice(PKG.length + 1).replace(/Trigger$/, '').toLowerCase();
    const picked = (type) => !opts.only || (type.startsWith(`${PKG}.`) && opts.only.includes(provider(type)));
    const tasks = [
      ...(picked(`${PKG}.vivenu`) ? [previewTask] : []),
      ...actions.filter((t) => picked(t.name)).map(actionTask),
      ...triggers.filter((t) => picked(t.name)).map(triggerTask),
      ...multiTrigger.filter((w) => w.nodes.some((x) => picked(x.type))).map(exampleTask),
    ];
    if (opts.only) note(`--only=${opts.only.join(',')}: ${tasks.length} editor tasks`);
    const tabs = [page];
    for (let i = 1; i < opts.concurrency; i += 1) tabs.push(await newPage());
    await timings.time(`${tasks.length} editor tasks in ${tabs.length} tabs`, () => pool(tasks, tabs, (e) => check('an editor task', () => { throw e; })));

    // Output schemas: n8n 2.40 asks /schemas/<node>/<version>/<resource>/<operation>.json (the package's
    // <node dir>/__schema__/v1.0.0/<resource>/<operation>.json) for the schema preview before a run.
    await check('the editor asks for output schemas; every Get and Get Many one is served', async () => {
      const asked = schemaRequests.filter((x) => SCHEMA_OPS.has(x.split('/').pop()));
      if (!asked.length && tasks.includes(previewTask)) throw new Error(`the editor asked for no Get / Get Many schema (asked: ${schemaRequests.slice(0, 5).join(', ') || 'nothing'})`);
      const bad = asked.filter((x) => !x.startsWith('200 '));
      if (bad.length) throw new Error(`not served: ${bad.join(', ')}`);
      const urls = [];
      for (const t of nodes) {
        for (const op of ed.operations(t)) {
          if (SCHEMA_OPS.has(`${op.value}.json`)) urls.push(`/schemas/${t.name}/${ed.padVersion(t.version)}/${op.resource}/${op.value}.json`);
        }
      }
      const res = await page.evaluate(async (list) => Promise.all(list.map(async (u) => {
        const r = await fetch(u);
        const body = r.status === 200 ? await r.json().catch(() => null) : null;
        return { u, ok: Boolean(body && body.type === 'object' && Object.keys(body.properties || {}).length) };
      })), urls);
      const missing = res.filter((r) => !r.ok).map((r) => r.u);
      if (missing.length) throw new Error(`no schema for ${missing.join(', ')}`);
      return `${asked.length} asked by the editor, ${urls.length} served`;
    });
    await check('no browser console errors, page errors or failed requests', async () => {
      if (watch.errors.length) throw new Error(watch.errors.slice(0, 15).join('\n'));
      return watch.allowed.length ? `${watch.allowed.length} expected (n8n's calls home, pre-login session check, schemas of operations other than Get / Get Many, n8n's route-change NDV store message)` : '';
    });
  } catch (e) {
    failed += 1;
    say(`not ok ${n + 1} - ui run aborted: ${e.message.split('\n')[0]}`);
    for (const line of String(e.stack || e.message).split('\n').slice(1, 12)) note(line);
    if (ui) await ed.shot(ui.page, path.join(tmp, 'failure.png')).catch(() => {});
    if (logFile) process.stderr.write(`--- n8n log (tail) ---\n${tail(logFile, 30)}\n---\n`);
  } finally {
    if (ui) await ui.close();
  }
  return { passed, failed };
}

module.exports = { run, content, clearForEditor, SEARCH, EXECUTE };
