#!/usr/bin/env node
'use strict';
/*
 * What a user meets in n8n's editor, checked in a real browser (run by `npm run test:ui`).
 *
 * Sets up n8n 2.40.7 the way scripts/e2e.js does (packed tarball installed into a temp user folder,
 * emulator on a free port, `n8n start`, owner account), imports the example credentials and workflows
 * through the REST API, then drives Debian's Chromium (/usr/bin/chromium, installed with apt-get when
 * missing) through playwright-core:
 *   - logs in through the sign-in form;
 *   - checks every node type the editor loads (5 action nodes, 4 triggers): icons load, every operation
 *     has an action and a description line, every required field has a description, no "e mail";
 *   - searches the node panel for each provider and for the words and phrases a user types ("payment
 *     status", "mark as paid", …: scripts/lib/search-terms.js) and asserts exactly which of our nodes appear;
 *   - in --tabs tabs side by side (each loads the editor once, then moves between workflows inside it):
 *     adds every action node from the panel (its action list must match the operations), executes one
 *     operation per node (EXECUTE below) and checks the output panel shows items, switches every
 *     resource and operation, opens every "From list" locator (it must list items), opens every
 *     credential's form; opens every trigger in its example (a polling one must fetch a test event);
 *     presses "Execute workflow" on every scheduled example (it must run the Manual Trigger's path);
 *     opens the node after an un-run vivenu Get Many (the output-schema preview must be served and shown);
 *   - checks every Get / Get Many output schema is served;
 *   - fails on any browser console error or page error (allowedFailure() / allowedConsole() list what
 *     n8n itself does that fails by design here).
 * The checks are scripts/lib/editor-check.js (also run by `node scripts/e2e.js --ui` on the n8n its cases
 * ran on); the bring-up is scripts/lib/stack.js.
 * Screenshots: docs/screenshots/<node>.png (after the executed operation / of the trigger) and
 * <credential>.png; a failed editor check leaves <temp dir>/fail-<N>.png.
 *
 * stdout: "ok N - …" / "not ok N - …" per check, "# …" notes, last line "ui: N passed, M failed".
 * Options: --skip-build (dist/ is already built; scripts/test.sh), --keep (keep the temp dir),
 *          --no-screenshots (do not write docs/screenshots/), --tabs=N (editor tabs at a time, default 2),
 *          --only=<provider>[,…] (only those providers' editor tasks, e.g. --only=flexiown,vivenu).
 */
const fs = require('fs');
const { fmtMs, Timings, tail } = require('./lib/util');
const { Stack, startStack } = require('./lib/stack');
const editorCheck = require('./lib/editor-check');

const OWNER = { email: 'ui@example.com', password: 'Ui-Password-1', firstName: 'UI', lastName: 'Runner' };
const say = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stdout.write(`# ${line}\n`);

function parseArgs(argv) {
  const opts = { skipBuild: false, keep: false, screenshots: true, concurrency: 2, only: null };
  for (const a of argv) {
    if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--no-screenshots') opts.screenshots = false;
    else if (/^--tabs=\d+$/.test(a)) opts.concurrency = Math.max(1, Number(a.slice(7)));
    else if (/^--only=[\w,]+$/.test(a)) opts.only = a.slice(7).toLowerCase().split(',');
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
  let result = { passed: 0, failed: 0 };
  const stack = new Stack({ name: 'ui', timings, keep: opts.keep });
  stack.trapSignals({ label: 'ui', onInterrupt: () => say(`ui: ${result.passed} passed, ${result.failed + 1} failed`) });
  try {
    await startStack({
      stack, skipBuild: opts.skipBuild, owner: OWNER, importVia: 'rest', content: ({ vars }) => editorCheck.content(vars),
    });
    note(`temp dir ${stack.tmp} (n8n log: ${stack.logFile})`);
    result = await editorCheck.run({
      server: stack.server, baseUrl: stack.baseUrl, owner: OWNER, tmp: stack.tmp, logFile: stack.logFile, workflows: stack.workflows, timings, opts,
    });
  } catch (e) {
    result.failed += 1;
    say(`not ok 1 - ui run aborted: ${e.message.split('\n')[0]}`);
    for (const line of String(e.stack || e.message).split('\n').slice(1, 12)) note(line);
    if (e.logFile) process.stderr.write(`--- n8n log (tail) ---\n${tail(e.logFile, 30)}\n---\n`);
  } finally {
    await stack.stop();
    if (stack.removeTemp({ keep: result.failed > 0 || opts.keep })) note(`kept ${stack.tmp}`);
  }
  for (const l of timings.lines()) note(l);
  note(`total ${fmtMs(Date.now() - started)}`);
  say(`ui: ${result.passed} passed, ${result.failed} failed`);
  process.exitCode = result.failed ? 1 : 0;
}

main().catch((e) => {
  say(`not ok - ${e.message}`);
  say('ui: 0 passed, 1 failed');
  process.exitCode = 1;
});
