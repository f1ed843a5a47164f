#!/usr/bin/env bash
# npm test — the whole suite, in order:
#   npm run build → npm run lint → install Node 24 + n8n (cached; two installers at once) → jest (on Node 24)
#   → reliability (fault soak, hostile inputs, secret scan through n8n-core's engine, scripts/reliability.js)
#   → e2e (the packed package inside a real n8n 2.40.7, scripts/e2e.js)
#   → the editor in Chromium against a real n8n 2.40.7 (scripts/ui.js)
#   → the same e2e cases in a real n8n 1.123.81 (the 1.x line), which installs in the background from stage 3 on
#   → queue mode: main, two workers and a webhook processor on PostgreSQL and Redis (scripts/queue.js).
# Every stage runs even if an earlier one failed (except e2e after a failed build), so one run shows
# everything. Last line: "npm test: N passed, M failed" = jest tests + e2e cases (+1 failure for each
# failed build/lint/install step). Exit code 1 on any failure. Works with CI=true and no stdin.
set -uo pipefail
cd "$(dirname "$0")/.."

start_all=$(date +%s)
N8N2_VERSION="${N8N2_VERSION:-2.40.7}"
N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
CACHE="${EVENT_PAYMENTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-event-payments}"
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

# 3. Node 24 + n8n. Two installers start at once, as `npm start` in one shell and `npm test` in
# another would on a new machine: on an empty cache exactly one of them builds, the other waits and
# reuses the result, and both must report the same verified install.
stage "install Node 24 + n8n $N8N2_VERSION (cache: $CACHE)"
t=$(date +%s)
NODE_BIN="" N8N_BIN=""
for k in a b; do
  ( N8N_VERSION="$N8N2_VERSION" bash scripts/install-n8n.sh 2>&1 >"$work/install-$k.out" \
      | tee "$work/install-$k.err" | sed -u "s/^/  (installer $k) /" >&2 ) &
  eval "pid_$k=$!"
done
rc_a=0; rc_b=0; wait "$pid_a" || rc_a=$?; wait "$pid_b" || rc_b=$?
if [ "$rc_a" = 0 ] && [ "$rc_b" = 0 ] && cmp -s "$work/install-a.out" "$work/install-b.out"; then
  NODE_BIN="$(sed -n 's/^NODE_BIN=//p' "$work/install-a.out")"
  N8N_BIN="$(sed -n 's/^N8N_BIN=//p' "$work/install-a.out")"
  built=$(cat "$work"/install-?.err | grep -c "installing n8n@" || true)
  waited=$(cat "$work"/install-?.err | grep -c "building n8n-.*waiting for it" || true)
  if [ "$built" -gt 1 ]; then
    failed=$((failed + 1)); summary+=("install n8n: FAILED (two concurrent installers both built n8n)")
  else
    if [ "$built" = 1 ]; then race="built once, $waited installer(s) waited and reused it"
    elif [ "$waited" -gt 0 ]; then race="another process (npm start?) was building it; $waited installer(s) waited and reused it"
    else race="cache was warm"; fi
    passed=$((passed + 1)); summary+=("install n8n: ok, two installers at once: $race ($(elapsed "$t"))")
  fi
else
  failed=$((failed + 1)); summary+=("install n8n: FAILED (exit $rc_a/$rc_b)")
fi
# The 1.x install is independent of everything until stage 6: on a new machine it downloads while
# jest and the 2.x e2e run (its progress goes to a log file, shown if it fails).
install1_log="$work/install-n8n1.log"
N8N_VERSION="$N8N1_VERSION" bash scripts/install-n8n.sh >"$work/install-n8n1.out" 2>"$install1_log" &
install1_pid=$!
install1_t=$(date +%s)

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

# Runs one counted stage: `$1` is its label in the summary, `$2` the prefix of the last line it prints
# ("<prefix>: N passed, M failed"), the rest the command. Its N and M are added to the totals; a
# non-zero exit without a failed check counts as one failure, as does a missing count line.
run_counted() {
  local label="$1" prefix="$2"; shift 2
  local out="$work/stage-$((++stage_no)).out" t rc line cp cf
  t=$(date +%s)
  "$@" | tee "$out"
  rc=${PIPESTATUS[0]}
  line="$(grep -E "^$prefix: [0-9]+ passed, [0-9]+ failed\$" "$out" | tail -1)"
  if [ -n "$line" ]; then
    cp="$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")"
    cf="$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")"
  else
    cp=0; cf=1
  fi
  if [ "$rc" -ne 0 ] && [ "$cf" -eq 0 ]; then cf=1; fi
  passed=$((passed + cp)); failed=$((failed + cf))
  summary+=("$label: $cp passed, $cf failed ($(elapsed "$t"))")
}
stage_no=0

# 4b. reliability: a fault soak of ~5,000 operations, a corpus of hostile values and a secret scan
stage "reliability (scripts/reliability.js)"
if [ "$build_ok" = 1 ]; then
  run_counted "reliability" reliability "$RUN_NODE" scripts/reliability.js
else
  failed=$((failed + 1)); summary+=("reliability: SKIPPED (build failed)")
fi

# scripts/e2e.js against the n8n at $2.
run_e2e() {
  local label="$1" n8n_bin="$2"; shift 2
  run_counted "$label" e2e env N8N_BIN="$n8n_bin" NODE_BIN="$NODE_BIN" "$RUN_NODE" scripts/e2e.js --skip-build "$@"
}

# 5. e2e in the pinned n8n 2.x
stage "e2e (packed package in n8n)"
if [ "$build_ok" = 1 ] && [ -n "$N8N_BIN" ]; then
  run_e2e "e2e" "$N8N_BIN"
else
  failed=$((failed + 1)); summary+=("e2e: SKIPPED (build or n8n install failed)")
fi

# 5b. the editor, in Chromium (Debian's package, installed when missing), against a real n8n 2.x.
# --no-screenshots: `npm test` leaves the tracked docs/screenshots/ alone (`npm run test:ui` refreshes them).
stage "editor in Chromium (scripts/ui.js)"
if [ "$build_ok" = 1 ] && [ -n "$N8N_BIN" ]; then
  run_counted "ui (editor, n8n $N8N2_VERSION)" ui env N8N_BIN="$N8N_BIN" NODE_BIN="$NODE_BIN" "$RUN_NODE" scripts/ui.js --skip-build --no-screenshots
else
  failed=$((failed + 1)); summary+=("ui: SKIPPED (build or n8n install failed)")
fi

# 6. the same cases in n8n 1.x, on the same server engine (active workflows and triggers included)
stage "e2e in n8n $N8N1_VERSION (installed in the background since stage 3)"
install1_rc=0; wait "$install1_pid" || install1_rc=$?
if [ "$install1_rc" = 0 ]; then
  summary+=("install n8n $N8N1_VERSION: ok (finished $(elapsed "$install1_t") after it started, beside jest and e2e)")
else
  cat "$install1_log" >&2
  failed=$((failed + 1)); summary+=("install n8n $N8N1_VERSION: FAILED (exit $install1_rc)")
fi
if [ "$build_ok" = 1 ] && [ "$install1_rc" = 0 ]; then
  run_e2e "e2e n8n $N8N1_VERSION" "$(sed -n 's/^N8N_BIN=//p' "$work/install-n8n1.out")" --engine=server
else
  failed=$((failed + 1)); summary+=("e2e n8n $N8N1_VERSION: SKIPPED (build or n8n install failed)")
fi

# 7. queue mode: the package on every process of an n8n 2.x cluster (PostgreSQL and Redis from Debian's
# packages, installed when missing), example and trigger workflows, limits across the cluster.
stage "queue mode (scripts/queue.js)"
if [ "$build_ok" = 1 ] && [ -n "$N8N_BIN" ]; then
  run_counted "queue (n8n $N8N2_VERSION cluster)" queue env N8N_BIN="$N8N_BIN" NODE_BIN="$NODE_BIN" "$RUN_NODE" scripts/queue.js --skip-build
else
  failed=$((failed + 1)); summary+=("queue: SKIPPED (build or n8n install failed)")
fi

echo
echo "=== summary ($(elapsed "$start_all")) ==="
for s in "${summary[@]}"; do echo "  $s"; done
echo "npm test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
