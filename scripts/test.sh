#!/usr/bin/env bash
# npm test — the whole suite, in order:
#   npm run build → npm run lint → install Node 24 + n8n (cached) → jest (in-process suite, on Node 24)
#   → e2e (the packed package inside a real n8n 2.40.7, scripts/e2e.js)
#   → the same e2e cases in a real n8n 1.123.81 (the 1.x line; the compatibility floor is 1.85).
# Every stage runs even if an earlier one failed (except e2e after a failed build), so one run shows
# everything. Last line: "npm test: N passed, M failed" = jest tests + e2e cases (+1 failure for each
# failed build/lint/install step). Exit code 1 on any failure. Works with CI=true and no stdin.
set -uo pipefail
cd "$(dirname "$0")/.."

start_all=$(date +%s)
work="$(mktemp -d "${TMPDIR:-/tmp}/npm-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
summary=()
stage() { echo; echo "=== $* ==="; }
elapsed() { echo $(( $(date +%s) - $1 ))s; }

# 1. build
stage "npm run build"
t=$(date +%s)
if npm run build; then build_ok=1; summary+=("build: ok ($(elapsed "$t"))"); else build_ok=0; failed=$((failed + 1)); summary+=("build: FAILED"); fi

# 2. lint
stage "npm run lint"
t=$(date +%s)
if npm run lint; then summary+=("lint: ok ($(elapsed "$t"))"); else failed=$((failed + 1)); summary+=("lint: FAILED"); fi

# 3. Node 24 + n8n
stage "install Node 24 + n8n (cached in ~/.cache/n8n-nodes-event-payments)"
t=$(date +%s)
NODE_BIN="" N8N_BIN=""
if install_out="$(bash scripts/install-n8n.sh)"; then
  NODE_BIN="$(printf '%s\n' "$install_out" | sed -n 's/^NODE_BIN=//p')"
  N8N_BIN="$(printf '%s\n' "$install_out" | sed -n 's/^N8N_BIN=//p')"
  summary+=("install n8n: ok ($(elapsed "$t"))")
else
  failed=$((failed + 1)); summary+=("install n8n: FAILED")
fi
export NODE_BIN N8N_BIN
# jest and e2e need Node >= 22 (n8n-core's expression engine); fall back to the system node only if
# the install failed, so at least the failure is reported.
RUN_NODE="${NODE_BIN:-node}"

# 4. jest
stage "jest ($("$RUN_NODE" --version))"
t=$(date +%s)
jest_json="$work/jest.json"
"$RUN_NODE" node_modules/.bin/jest --ci --json --outputFile="$jest_json"
jest_rc=$?
if [ -s "$jest_json" ]; then
  read -r jp jf <<<"$("$RUN_NODE" -e '
    const r = require(process.argv[1]);
    process.stdout.write(`${r.numPassedTests} ${r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)}`);' "$jest_json")"
else
  jp=0; jf=1
fi
if [ "$jest_rc" -ne 0 ] && [ "$jf" -eq 0 ]; then jf=1; fi  # jest failed without a failing test (e.g. coverage/config)
passed=$((passed + jp)); failed=$((failed + jf))
summary+=("jest: $jp passed, $jf failed ($(elapsed "$t"))")

# Runs scripts/e2e.js against the n8n at $2 and adds its "e2e: N passed, M failed" line to the totals.
run_e2e() {
  local label="$1" n8n_bin="$2"; shift 2
  local out="$work/$label.out" t rc line ep ef
  t=$(date +%s)
  N8N_BIN="$n8n_bin" "$RUN_NODE" scripts/e2e.js --skip-build "$@" | tee "$out"
  rc=${PIPESTATUS[0]}
  line="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)"
  if [ -n "$line" ]; then
    ep="$(sed -E 's/^e2e: ([0-9]+) passed.*/\1/' <<<"$line")"
    ef="$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")"
  else
    ep=0; ef=1
  fi
  if [ "$rc" -ne 0 ] && [ "$ef" -eq 0 ]; then ef=1; fi
  passed=$((passed + ep)); failed=$((failed + ef))
  summary+=("$label: $ep passed, $ef failed ($(elapsed "$t"))")
}

# 5. e2e in the pinned n8n 2.x
stage "e2e (packed package in n8n)"
if [ "$build_ok" = 1 ] && [ -n "$N8N_BIN" ]; then
  run_e2e "e2e" "$N8N_BIN"
else
  failed=$((failed + 1)); summary+=("e2e: SKIPPED (build or n8n install failed)")
fi

# 5b. the editor in a real browser (scripts/ui.js: Chromium + playwright-core against the same n8n 2.x);
#     adds its "ui: N passed, M failed" line to the totals like run_e2e.
stage "ui (n8n's editor in Chromium)"
if [ "$build_ok" = 1 ] && [ -n "$N8N_BIN" ]; then
  t=$(date +%s)
  N8N_BIN="$N8N_BIN" "$RUN_NODE" scripts/ui.js --skip-build | tee "$work/ui.out"
  ui_rc=${PIPESTATUS[0]}
  ui_line="$(grep -E '^ui: [0-9]+ passed, [0-9]+ failed$' "$work/ui.out" | tail -1)"
  if [ -n "$ui_line" ]; then
    up="$(sed -E 's/^ui: ([0-9]+) passed.*/\1/' <<<"$ui_line")"
    uf="$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$ui_line")"
  else
    up=0; uf=1
  fi
  if [ "$ui_rc" -ne 0 ] && [ "$uf" -eq 0 ]; then uf=1; fi
  passed=$((passed + up)); failed=$((failed + uf))
  summary+=("ui: $up passed, $uf failed ($(elapsed "$t"))")
else
  failed=$((failed + 1)); summary+=("ui: SKIPPED (build or n8n install failed)")
fi

# 6. the same cases in n8n 1.x (its REST login differs, so they run through `n8n execute`)
N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
stage "e2e in n8n $N8N1_VERSION"
if [ "$build_ok" = 1 ] && install1_out="$(N8N_VERSION="$N8N1_VERSION" bash scripts/install-n8n.sh)"; then
  run_e2e "e2e n8n $N8N1_VERSION" "$(printf '%s\n' "$install1_out" | sed -n 's/^N8N_BIN=//p')" --engine=cli
else
  failed=$((failed + 1)); summary+=("e2e n8n $N8N1_VERSION: SKIPPED (build or n8n install failed)")
fi

echo
echo "=== summary ($(elapsed "$start_all")) ==="
for s in "${summary[@]}"; do echo "  $s"; done
echo "npm test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
