'use strict';
// Peak resident memory (RSS) of a process and its descendants while something runs, from /proc
// (Linux only; elsewhere the peak is null).
const fs = require('fs');

function childrenOf(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The sum of `measure` over `pid` and every descendant. */
function overTree(pid, measure) {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    total += measure(p);
    stack.push(...childrenOf(p));
  }
  return total;
}

/** RSS in bytes of `pid` and every descendant. */
const treeRss = (pid) => overTree(pid, rssOf);

/** CPU time (user + system) in ms from a /proc `stat` file (10 ms ticks); 0 when it is gone. */
function statCpuMs(file) {
  try {
    // Fields after the command name (which may hold spaces): state is the 3rd field, utime and stime the 14th and 15th.
    const fields = fs.readFileSync(file, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time in ms that `pid` (all its threads) and every descendant used so far. */
const treeCpuMs = (pid) => overTree(pid, (p) => statCpuMs(`/proc/${p}/stat`));

/** CPU time in ms of the process's main thread alone: where n8n runs every node (its JavaScript thread). */
const mainThreadCpuMs = (pid) => statCpuMs(`/proc/${pid}/task/${pid}/stat`);

/**
 * Samples every `everyMs` until stop(); stop() → { peak, before } in bytes (null where /proc is missing), `at`, when
 * it stopped, `cpuMs`, the CPU time the process tree used in between (n8n's whole work for the run, saving and
 * background threads included), and `mainCpuMs`, that of the process's main thread alone.
 */
function sampleRss(pid, everyMs = 50) {
  if (!pid || !fs.existsSync(`/proc/${pid}/status`)) return { stop: () => ({ peak: null, before: null, at: Date.now(), cpuMs: null, mainCpuMs: null }) };
  const cpuBefore = treeCpuMs(pid);
  const mainBefore = mainThreadCpuMs(pid);
  const before = treeRss(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRss(pid));
      return { peak, before, at: Date.now(), cpuMs: treeCpuMs(pid) - cpuBefore, mainCpuMs: mainThreadCpuMs(pid) - mainBefore };
    },
  };
}

module.exports = { sampleRss };
