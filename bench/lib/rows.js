'use strict';
// How often a row of the bench runs (bench/README.md, "Runs, medians and load"): a row whose first run
// takes under 2 s runs `runs` times (3 by default) and reports the median; a slower one runs once. When
// the runs of a row spread more than 20 % ((max − min) ÷ median), the whole set runs again, at most
// `reruns` times (2 by default); the set with the smallest spread is reported, with the number of sets.
// Every run records the 1-minute load average when it ends; the row shows the median of its runs'.
const os = require('os');

const SLOW_MS = 2000;
const MAX_SPREAD = 0.2;

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** (max − min) ÷ median of the runs' times; 0 for fewer than two. */
function spreadOf(runs, timeOf) {
  const t = runs.map(timeOf).filter((x) => typeof x === 'number');
  if (t.length < 2) return 0;
  const m = median(t);
  return m ? (Math.max(...t) - Math.min(...t)) / m : 0;
}

/** The load average now (1 minute), to store with a run. */
const loadNow = () => Number(os.loadavg()[0].toFixed(2));

/**
 * Runs one row: `runOne()` → a run ({ ok, … } with a time `timeOf(run)`), as often as the rules above say.
 * → { runs (the reported set), sets, spread, load }.
 */
async function measureRow(runOne, { runs = 3, reruns = 2, maxRuns = Infinity, timeOf = (r) => r.nodeMs } = {}) {
  const sets = [];
  // Decided by the row's very first run, so that every set of the row has as many runs.
  let want;
  for (let set = 0; set <= reruns; set++) {
    const list = [await runOne()];
    const first = timeOf(list[0]);
    want ??= list[0].ok !== false && first != null && first < SLOW_MS ? Math.min(runs, maxRuns) : 1;
    while (list.length < want) list.push(await runOne());
    sets.push(list);
    if (list.length < 2 || list.some((r) => r.ok === false) || spreadOf(list, timeOf) <= MAX_SPREAD) break;
  }
  const best = sets.reduce((a, b) => (spreadOf(b, timeOf) < spreadOf(a, timeOf) ? b : a));
  return { runs: best, sets: sets.length, spread: spreadOf(best, timeOf), load: median(best.map((r) => r.load)) };
}

module.exports = { measureRow, median, spreadOf, loadNow, SLOW_MS, MAX_SPREAD };
