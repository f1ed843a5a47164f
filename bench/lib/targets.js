'use strict';
// The targets of issue 24, per headline row (cold or warm): `target(phase)` of a scenario returns
// { text, check({ ours, best, physical }) → boolean }. `ours` and `best` are summaries (nodeMs,
// status429, ok), `physical` the plain script's ({ ms, error }). A scenario without `target` gets
// the default: at least as fast as the strongest HTTP Request setup, or successful where it fails.

const ratio = (a, b) => (a != null && b ? a / b : null);

/** ≥ n× the strongest HTTP Request setup (speed-up = its time ÷ ours); met as well when it failed and ours did not. */
function atLeastStrongest(n = 1) {
  return {
    text: `≥ ${n}× strongest HTTP Request`,
    check: ({ ours, best }) => Boolean(ours && ours.ok && (!best || !best.ok || ratio(best.nodeMs, ours.nodeMs) >= n)),
  };
}

/** Ours ÷ the plain script ≤ f. */
function withinPhysical(f) {
  return {
    text: `≤ ${f}× plain script`,
    check: ({ ours, physical }) => Boolean(ours && ours.ok && physical && !physical.error && ratio(ours.nodeMs, physical.ms) <= f),
  };
}

/** Both of two targets. */
function both(a, b) {
  return { text: `${a.text} and ${b.text}`, check: (m) => a.check(m) && b.check(m) };
}

/** At most n 429s met by our node. */
function at429s(n) {
  return { text: n === 0 ? '0 × 429' : `≤ ${n} × 429`, check: ({ ours }) => Boolean(ours && ours.status429 <= n) };
}

/** A phase the issue sets no target for: shown, not judged. */
const none = { text: '— (not a target)', check: () => null };

module.exports = { atLeastStrongest, withinPhysical, both, at429s, none };
