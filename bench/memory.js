#!/usr/bin/env node
'use strict';
/*
 * Our vivenu node's own cost for Get Many, Return All, without n8n's server: the node runs in this
 * process through n8n-core's WorkflowExecute (test/harness), against the emulator in a child process
 * (so the emulator's records are not in this heap). For each size: time, the heap used after a full
 * GC before and after the run while its output is still held, the peak RSS during the run, and the
 * output's size as JSON (the items' `json`, what n8n would save).
 *
 *   $NODE24 --expose-gc bench/memory.js [5000 20000 50000] [--simplify] [--save]
 *
 * --save also serializes the finished run the way n8n stores an execution (flatted.stringify of the
 * run data, one string) and reports its size, time and the heap right after it (garbage included).
 *
 * Needs `npm run build` first (it loads dist/). Prints one line per size and a JSON summary.
 */
const path = require('path');
const { freePort } = require('../scripts/lib/util');
const { startEmulatorProcess } = require('../scripts/lib/emulator');
const { runNode, shutdown } = require('../test/harness');
const { API_KEY } = require('./lib/vivenu');

const ROOT = path.resolve(__dirname, '..');
const MB = 1048576;

function gcHeap() {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

/** n8n stores an execution as one flatted string of its run data (execution-persistence.js). */
function saveLike(fullRunData, heapHeld) {
  const flatted = require('flatted');
  const t0 = Date.now();
  const text = flatted.stringify(fullRunData.data);
  const saveMs = Date.now() - t0;
  const heapAfterSave = process.memoryUsage().heapUsed;
  return { saveMs, storedMb: Buffer.byteLength(text) / MB, saveHeapRiseMb: (heapAfterSave - heapHeld) / MB };
}

async function measure(emulator, size, simplify, save) {
  await emulator.client.reset({ seed: 1, size: { vivenu: { transactions: size } } });
  const heapBefore = gcHeap();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const t0 = Date.now();
  const result = await runNode({
    node: path.join(ROOT, 'dist/nodes/Vivenu/Vivenu.node.js'),
    parameters: { resource: 'transaction', operation: 'getAll', returnAll: true, simplify },
    credentials: { vivenuApi: { apiKey: API_KEY, environment: 'custom', baseUrl: `${emulator.url}/vivenu/api` } },
    credentialTypes: [path.join(ROOT, 'dist/credentials/VivenuApi.credentials.js')],
  });
  const ms = Date.now() - t0;
  clearInterval(timer);
  if (result.error) throw result.error;
  const heapHeld = gcHeap(); // the output is still referenced by `result`
  const outputBytes = Buffer.byteLength(JSON.stringify(result.items.map((i) => i.json)));
  const count = result.items.length;
  const saved = save ? saveLike(result.fullRunData, heapHeld) : {};
  return {
    size, count, ms, simplify, ...saved,
    outputMb: outputBytes / MB,
    heapHeldMb: (heapHeld - heapBefore) / MB,
    peakHeapRiseMb: (peakHeap - heapBefore) / MB,
    peakRssRiseMb: (peakRss - rssBefore) / MB,
  };
}

async function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const args = process.argv.slice(2);
  const simplify = args.includes('--simplify');
  const save = args.includes('--save');
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const emulator = await startEmulatorProcess({ port: await freePort(), logFile: '/dev/null' });
  const out = [];
  try {
    for (const size of sizes.length ? sizes : [5000, 20000, 50000]) {
      const r = await measure(emulator, size, simplify, save);
      out.push(r);
      const f = (x) => x.toFixed(1);
      process.stdout.write(`${size} transactions${simplify ? ' (simplify)' : ''}: ${r.count} items in ${(r.ms / 1000).toFixed(2)} s; output ${f(r.outputMb)} MB JSON; `
        + `heap held after GC +${f(r.heapHeldMb)} MB (${f(r.heapHeldMb / r.outputMb)}× output), peak heap +${f(r.peakHeapRiseMb)} MB, peak RSS +${f(r.peakRssRiseMb)} MB`
        + `${save ? `; stored as ${f(r.storedMb)} MB flatted in ${(r.saveMs / 1000).toFixed(2)} s, heap +${f(r.saveHeapRiseMb)} MB over the held output right after` : ''}\n`);
    }
  } finally {
    await emulator.stop();
    await shutdown();
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
