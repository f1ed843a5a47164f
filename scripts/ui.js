#!/usr/bin/env node
'use strict';
/*
 * What a user meets in n8n's editor, checked in a real browser (run by `npm run test:ui`).
 *
 * Sets up n8n 2.40.7 the way scripts/e2e.js does (packed tarball installed into a temp user folder,
 * emulator on a free port, example credentials + workflows imported, `n8n start`, owner account),
 * then drives Debian's Chromium (/usr/bin/chromium, installed with apt-get when missing) through
 * playwright-core:
 *   - logs in through the sign-in form;
 *   - checks every node type the editor loads: icons load, every operation has an action and a
 *     description line, every required field has a description, no action says "e mail";
 *   - searches the node panel for each provider and for the words a user types (SEARCH below) and
 *     asserts exactly which of our nodes appear;
 *   - adds every node from the panel (its action list must match the operations), switches every
 *     resource and operation, opens every "From list" locator (it must list items), executes one
 *     operation per node (EXECUTE below) and checks the output panel shows items;
 *   - opens every credential's form;
 *   - fails on any browser console error or page error (allowedFailure() lists the requests n8n
 *     itself makes that fail by design here).
 * Screenshots: docs/screenshots/<node>.png (after the executed operation) and <credential>.png.
 *
 * stdout: "ok N - …" / "not ok N - …" per check, "# …" notes, last line "ui: N passed, M failed".
 * Options: --skip-build (dist/ is already built; scripts/test.sh), --keep (keep the temp dir),
 *          --no-screenshots (do not write docs/screenshots/).
 */
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, fmtMs, Timings, tail } = require('./lib/util');
const pkg = require('./lib/package');
const n8n = require('./lib/n8n');
const { startStack } = require('./lib/stack');
const browser = require('./lib/browser');
const ed = require('./lib/editor');

const PKG = 'n8n-nodes-event-payments';
const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Search word → display names of OUR nodes the node panel must list (and no other of ours). */
const SEARCH = {
  vivenu: ['Vivenu'],
  'constant contact': ['Constant Contact'],
  fourvenues: ['Fourvenues'],
  flexiown: ['Flexiown'],
  'restrict content pro': ['Restrict Content Pro'],
  payment: ['Constant Contact', 'Flexiown', 'Fourvenues', 'Restrict Content Pro', 'Vivenu'],
  ticket: ['Fourvenues', 'Vivenu'],
  transaction: ['Flexiown', 'Fourvenues', 'Restrict Content Pro', 'Vivenu'],
  refund: ['Constant Contact', 'Restrict Content Pro', 'Vivenu'],
  membership: ['Restrict Content Pro'],
  registration: ['Constant Contact'],
  event: ['Constant Contact', 'Fourvenues', 'Vivenu'],
};

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
 *    run); an operation without a __schema__ file answers 404 (the run reports how many are served).
 */
function allowedFailure(url, status, { origin, loggedIn }) {
  let u;
  try { u = new URL(url); } catch { return false; }
  if (u.origin !== origin) return true;
  if (u.pathname === '/rest/login' && status === 401 && !loggedIn) return true;
  if (status === 404 && u.pathname.startsWith(`/schemas/${PKG}.`)) return true;
  return false;
}

const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);

function parseArgs(argv) {
  const opts = { skipBuild: false, keep: false, screenshots: true };
  for (const a of argv) {
    if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--no-screenshots') opts.screenshots = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const timings = new Timings();
  let passed = 0;
  let failed = 0;
  let n = 0;
  const check = async (name, fn) => {
    n += 1;
    const t = Date.now();
    try {
      const detail = await fn();
      passed += 1;
      say(`ok ${n} - ${name} (${fmtMs(Date.now() - t)})${detail ? ` — ${detail}` : ''}`);
      return true;
    } catch (e) {
      failed += 1;
      say(`not ok ${n} - ${name} (${fmtMs(Date.now() - t)})`);
      for (const line of String(e && e.message ? e.message : e).split('\n').slice(0, 15)) note(`  ${line}`);
      return false;
    }
  };

  if (!opts.skipBuild) {
    const { nodeBin } = n8n.ensureN8n();
    const env = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` };
    await timings.time('npm run build', () => pkg.build(REPO_ROOT, { env }));
  }
  browser.ensureChromium();

  // One workflow with only a Manual Trigger per node, plus one for the search (the editor saves what
  // is added, so sharing one workflow would pile every node onto it).
  const blankIds = ['search', ...Object.keys(EXECUTE)];
  const blankId = (k) => `uiBlank${k[0].toUpperCase()}${k.slice(1)}`.slice(0, 21);
  const blank = () => blankIds.map((k, i) => ({
    id: blankId(k), name: `UI test: ${k}`, active: false, settings: {}, connections: {},
    nodes: [{ id: `0d6f7f55-7d5d-4b55-9e67-7f4f0a0b0c${String(i).padStart(2, '0')}`, name: "When clicking 'Execute workflow'", type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
  }));
  let stack = null;
  let ui = null;
  let ok = false;
  try {
    stack = await startStack({ timings, extraWorkflows: blank });
    note(`temp dir ${stack.tmp} (n8n log: ${stack.logFile})`);
    const { origin } = new URL(stack.baseUrl);
    ui = await timings.time('launch chromium', () => browser.launch());
    let { page } = ui;
    const watch = ed.watchErrors(page, { origin, allowed: allowedFailure });

    await check('sign in through the form', async () => {
      await ed.signIn(page, stack.baseUrl, stack.owner);
      watch.loggedIn = true;
    });

    // --- what the editor loaded ---------------------------------------------------------------------
    const types = await page.evaluate(async () => {
      const get = async (p) => (await fetch(p)).json();
      return { nodes: await get('/types/nodes.json'), credentials: await get('/types/credentials.json') };
    });
    const nodes = types.nodes.filter((t) => t.name.startsWith(`${PKG}.`) && !t.name.endsWith('Tool'))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const credNames = new Set(nodes.flatMap((t) => (t.credentials || []).map((c) => c.name)));
    const creds = types.credentials.filter((c) => credNames.has(c.name));
    await check(`the editor loads our ${nodes.length} nodes and ${creds.length} credentials`, async () => {
      if (nodes.length !== 5 || creds.length !== 5) throw new Error(`nodes: ${nodes.map((t) => t.name).join(', ')}; credentials: ${creds.map((c) => c.name).join(', ')}`);
    });
    for (const t of nodes) {
      await check(`${t.displayName}: icons load`, () => ed.checkIcons(page, t));
      await check(`${t.displayName}: every operation has an action and a description line`, async () => ed.checkOperations(t));
      await check(`${t.displayName}: every required field has a description`, async () => ed.checkRequired(t));
    }

    // --- node panel search --------------------------------------------------------------------------
    const ours = new Set(nodes.map((t) => t.displayName));
    await ed.openWorkflow(page, stack.baseUrl, blankId('search'));
    for (const [term, want] of Object.entries(SEARCH)) {
      await check(`node panel search "${term}" lists ${want.join(', ')}`, async () => {
        const names = await ed.search(page, term);
        const got = names.filter((x) => ours.has(x)).sort();
        if (JSON.stringify(got) !== JSON.stringify([...want].sort())) throw new Error(`our nodes listed: ${got.join(', ') || 'none'} (want ${want.join(', ')})`);
        return `${names.length} entries`;
      });
    }
    await ed.closePanel(page);

    // --- every node: add, switch, lists, execute -------------------------------------------------------
    if (opts.screenshots) fs.mkdirSync(SHOTS, { recursive: true });
    for (const t of nodes) {
      const short = t.name.slice(PKG.length + 1);
      // A fresh tab per node (same session): in one long-lived tab n8n 2.40 sometimes lost the result
      // of a later manual run, and nothing carries over from the previous node.
      const fresh = await ui.context.newPage();
      ed.watchErrors(fresh, { origin, allowed: allowedFailure, into: watch });
      await page.close();
      page = fresh;
      await ed.openWorkflow(page, stack.baseUrl, blankId(short));
      const added = await check(`${t.displayName}: add from the node panel, its actions listed`, async () => {
        const actions = await ed.addNode(page, t.displayName);
        const want = ed.operations(t).map((o) => o.action);
        const missing = want.filter((a) => !actions.includes(a));
        if (missing.length) throw new Error(`actions missing from the panel: ${missing.join('; ')} (listed: ${actions.join('; ')})`);
        return `${actions.length} actions`;
      });
      if (!added) continue;
      const [resource, operation] = EXECUTE[short] || [];
      await check(`${t.displayName}: execute ${resource} → ${operation}, output panel shows items`, async () => {
        const r = ed.resources(t).find((x) => x.value === resource);
        if (ed.resources(t).length > 1) await ed.selectOption(page, 'resource', r);
        await ed.selectOption(page, 'operation', ed.operations(t).find((o) => o.resource === resource && o.value === operation));
        const count = await ed.execute(page);
        if (opts.screenshots) await ed.shot(page, path.join(SHOTS, `${short}.png`));
        return `${count}`;
      });
      const res = ed.resources(t);
      for (const r of res) {
        for (const op of ed.operations(t).filter((o) => o.resource === r.value)) {
          await check(`${t.displayName}: ${r.name} → ${op.name}`, async () => {
            if (res.length > 1) await ed.selectOption(page, 'resource', r);
            await ed.selectOption(page, 'operation', op);
            const lists = await ed.openLocators(page);
            return lists.length ? `lists: ${lists.map((l) => `${l.name} (${l.items})`).join(', ')}` : '';
          });
        }
      }
      const cred = (t.credentials || [])[0];
      if (cred) {
        const ct = creds.find((c) => c.name === cred.name);
        await check(`credential ${ct ? ct.displayName : cred.name}: form opens`, async () => {
          const fields = await ed.openCredential(page, opts.screenshots ? path.join(SHOTS, `${cred.name}.png`) : null);
          return `${fields} fields`;
        });
      }
    }

    // Output schemas: n8n 2.40 asks /schemas/<node>/<version>/<resource>/<operation>.json (the package's
    // <node dir>/__schema__/v1.0.0/<resource>/<operation>.json) for the schema preview before a run.
    const schemaUrls = [];
    for (const t of nodes) {
      for (const op of ed.operations(t)) schemaUrls.push(`/schemas/${t.name}/${ed.padVersion(t.version)}/${op.resource}/${op.value}.json`);
    }
    const served = await page.evaluate(async (list) => (await Promise.all(list.map(async (u) => ((await fetch(u)).status === 200 ? u : null)))).filter(Boolean), schemaUrls);
    note(`output schemas served: ${served.length} of ${schemaUrls.length} operations${served.length ? ` (${served.map((u) => u.split('/').slice(2).join('/')).join(', ')})` : ''}`);
    await check('no browser console errors, page errors or failed requests', async () => {
      if (watch.errors.length) throw new Error(watch.errors.slice(0, 15).join('\n'));
      return watch.allowed.length ? `${watch.allowed.length} expected failures (n8n's calls home, pre-login session check, schemas not shipped)` : '';
    });
    ok = failed === 0;
  } catch (e) {
    failed += 1;
    say(`not ok ${n + 1} - ui run aborted: ${e.message.split('\n')[0]}`);
    for (const line of String(e.stack || e.message).split('\n').slice(1, 12)) note(line);
    if (ui) await ed.shot(ui.page, path.join(stack ? stack.tmp : '/tmp', 'failure.png')).catch(() => {});
    const log = (stack && stack.logFile) || e.logFile;
    if (log) process.stderr.write(`--- n8n log (tail) ---\n${tail(log, 30)}\n---\n`);
  } finally {
    if (ui) await ui.close();
    if (stack) await stack.stop();
    if (stack && ok && !opts.keep) fs.rmSync(stack.tmp, { recursive: true, force: true });
    else if (stack) note(`kept ${stack.tmp}`);
  }
  for (const l of timings.lines()) note(l);
  note(`total ${fmtMs(Date.now() - started)}`);
  say(`ui: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  say(`not ok - ${e.message}`);
  say('ui: 0 passed, 1 failed');
  process.exitCode = 1;
});
