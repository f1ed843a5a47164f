'use strict';
// `--scale=N` (BENCH_SCALE): every scenario multiplies its amount of work by N (bench/run.js sets the
// variable before it loads the scenarios).
const SCALE = Math.max(1, Number(process.env.BENCH_SCALE || 1));

/** `n` at the chosen scale. */
const scaled = (n) => Math.round(n * SCALE);

module.exports = { SCALE, scaled };
