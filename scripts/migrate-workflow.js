#!/usr/bin/env node
'use strict';
/*
 * Moves workflows between the umbrella package and a single-provider package (docs/packages.md):
 *
 *   npm run migrate-workflow -- <workflow.json> --to <package> [--out <file>]
 *
 * <workflow.json>: one workflow as n8n exports it (Download, or `n8n export:workflow --id X`), or an array of them
 * (`n8n export:workflow --all`). <package>: n8n-nodes-event-payments, n8n-nodes-vivenu,
 * n8n-nodes-constant-contact-events, n8n-nodes-fourvenues, n8n-nodes-flexiown or n8n-nodes-restrict-content-pro.
 * Rewrites the type of every node of ours ("n8n-nodes-event-payments.vivenu" ↔ "n8n-nodes-vivenu.vivenu", the
 * trigger and the AI-tool variant alike); n8n's own nodes, parameters, credentials and connections stay as they
 * are (credential types are the same in every package). The result goes to --out (may be the input file) or to
 * stdout; what changed goes to stderr. Refuses (exit 1, nothing written) a workflow that uses another provider
 * than the single package it is moved to, naming its nodes.
 */
const fs = require('fs');
const { migrateWorkflow, MigrationError } = require('./lib/migrate');

function parseArgs(argv) {
  const opts = { file: null, to: null, out: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--to' || a === '--out') opts[a.slice(2)] = argv[++i];
    else if (a.startsWith('--to=')) opts.to = a.slice(5);
    else if (a.startsWith('--out=')) opts.out = a.slice(6);
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (!a.startsWith('-') && !opts.file) opts.file = a;
    else throw new MigrationError(`unknown argument ${a}`);
  }
  if (!opts.help && (!opts.file || !opts.to)) throw new MigrationError('usage: npm run migrate-workflow -- <workflow.json> --to <package> [--out <file>]');
  return opts;
}

function main(argv) {
  const opts = parseArgs(argv);
  if (opts.help) return process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
  let input;
  try {
    input = JSON.parse(fs.readFileSync(opts.file, 'utf8'));
  } catch (e) {
    throw new MigrationError(`cannot read ${opts.file}: ${e.message}`);
  }
  const list = Array.isArray(input) ? input : [input];
  const results = list.map((w) => migrateWorkflow(w, opts.to));
  const output = Array.isArray(input) ? results.map((r) => r.workflow) : results[0].workflow;
  const text = `${JSON.stringify(output, null, 2)}\n`;
  if (opts.out) fs.writeFileSync(opts.out, text);
  else process.stdout.write(text);
  for (const [i, r] of results.entries()) {
    const name = list[i].name || list[i].id || `#${i + 1}`;
    process.stderr.write(`${name}: ${r.changed.length ? r.changed.map((c) => `"${c.node}" ${c.from} → ${c.to}`).join('; ') : 'nothing to rewrite'}\n`);
  }
  process.stderr.write(`credentials: unchanged (the credential types are the same in every package)${opts.out ? `; written to ${opts.out}` : ''}\n`);
  return undefined;
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`migrate-workflow: ${e instanceof MigrationError ? e.message : e.stack}\n`);
  process.exitCode = 1;
}
