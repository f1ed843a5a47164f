#!/usr/bin/env bash
# The test runner of both tiers (docs/dev/testing.md):
#   npm test            bash scripts/test.sh         the inner loop, ≤ 5 minutes from a fresh clone on 2 cores:
#                       build, lint, packages/ up to date, n8n's scanner on the committed source, Node 24, unit
#                       tests, engine tests, a fault soak of ~500 operations
#   npm run test:full   bash scripts/test.sh --full  what CI and releases run: the same, plus the slow jest tests,
#                       two n8n installers at once, e2e in n8n 2.x, the editor, e2e in n8n 1.x, queue mode,
#                       the soak at ~5,000 operations instead of ~500, and npm run release:check
# Options: --list prints the tier's stages (budget, prerequisites, command) and runs nothing;
#          --only <name>[,<name>…] runs those stages (and installs what they need; dist/ must be built).
# Every stage runs even when an earlier one failed, except those that need what failed (e2e after a failed
# build), so one run shows everything. The summary gives each stage's time against its budget and the load
# average. Last lines: "total: N passed, M failed" and "npm test: N passed, M failed" (or "npm run
# test:full: …"). N and M add up jest's tests, the checks of the soak, e2e, editor and queue, and one check per
# build/lint/install stage. Exit code 1 on any failure. Works with CI=true and no stdin.
set -uo pipefail
cd "$(dirname "$0")/.."

TIER=quick ONLY="" LIST=0
while [ $# -gt 0 ]; do
  case "$1" in
    --full) TIER=full ;;
    --list) LIST=1 ;;
    --only) ONLY="$2"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    *) echo "usage: scripts/test.sh [--full] [--list] [--only <stage>[,<stage>…]]" >&2; exit 2 ;;
  esac
  shift
done
if [ "$TIER" = full ]; then TITLE="npm run test:full"; else TITLE="npm test"; fi

N8N2_VERSION="${N8N2_VERSION:-2.40.7}"
N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
CACHE="${EVENT_PAYMENTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-event-payments}"
work="$(mktemp -d "${TMPDIR:-/tmp}/npm-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start_all=$(date +%s)
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

passed=0 failed=0 stage_no=0 budget_all=0
summary=()
# What later stages may need, set by the stages that provide it: "" (not run: --only), ok or failed.
declare -A have=([build]="" [node]="" [n8n]="" [n8n1]="")
NODE_BIN="" N8N_BIN="" N8N1_BIN="" install1_pid=""

# ---- providers: run as stages, or on demand when --only skipped the stage that provides them ----------

install_node() {
  local out="$work/install-node.out"
  bash scripts/install-n8n.sh --node-only >"$out" || return 1
  NODE_BIN="$(sed -n 's/^NODE_BIN=//p' "$out")"
  "$NODE_BIN" --version
}

# Two installers of n8n 2.x start at once, as `npm start` in one shell and `npm test` in another would on a
# new machine: on an empty cache exactly one of them builds, the other waits and reuses the result, and
# both must report the same verified install. Then n8n 1.x starts installing in the background (its
# progress goes to a log file, shown if it fails): it downloads while the stages up to its e2e run.
install_race() {
  local k rc_a=0 rc_b=0 built waited
  for k in a b; do
    ( N8N_VERSION="$N8N2_VERSION" bash scripts/install-n8n.sh 2>&1 >"$work/install-$k.out" \
        | tee "$work/install-$k.err" | sed -u "s/^/  (installer $k) /" >&2 ) &
    eval "pid_$k=$!"
  done
  wait "$pid_a" || rc_a=$?
  wait "$pid_b" || rc_b=$?
  start_n8n1
  if [ "$rc_a" != 0 ] || [ "$rc_b" != 0 ] || ! cmp -s "$work/install-a.out" "$work/install-b.out"; then
    echo "installers exited $rc_a/$rc_b, or reported different installs" >&2
    return 1
  fi
  N8N_BIN="$(sed -n 's/^N8N_BIN=//p' "$work/install-a.out")"
  built=$(cat "$work"/install-?.err | grep -c "installing n8n@" || true)
  waited=$(cat "$work"/install-?.err | grep -c "building n8n-.*waiting for it" || true)
  if [ "$built" -gt 1 ]; then echo "two concurrent installers both built n8n" >&2; return 1; fi
  if [ "$built" = 1 ]; then s_note="built once, $waited installer(s) waited and reused it"
  elif [ "$waited" -gt 0 ]; then s_note="another process (npm start?) was building it; $waited installer(s) waited and reused it"
  else s_note="cache was warm"; fi
}

install_n8n() {
  N8N_VERSION="$N8N2_VERSION" bash scripts/install-n8n.sh >"$work/install-n8n.out" || return 1
  N8N_BIN="$(sed -n 's/^N8N_BIN=//p' "$work/install-n8n.out")"
}

start_n8n1() {
  N8N_VERSION="$N8N1_VERSION" bash scripts/install-n8n.sh >"$work/install-n8n1.out" 2>"$work/install-n8n1.log" &
  install1_pid=$!
  install1_t=$(date +%s)
}

wait_n8n1() {
  local rc=0
  [ -n "$install1_pid" ] || start_n8n1
  wait "$install1_pid" || rc=$?
  if [ "$rc" != 0 ]; then cat "$work/install-n8n1.log" >&2; return 1; fi
  N8N1_BIN="$(sed -n 's/^N8N_BIN=//p' "$work/install-n8n1.out")"
  s_note="finished $(( $(date +%s) - install1_t )) s after it started in the background"
}

# provide <need>: what a stage needs, installed now if no stage of this run provided it.
provide() {
  case "$1" in
    build) [ -d dist ] ;;
    node) install_node >/dev/null ;;
    n8n) install_n8n ;;
    n8n1) wait_n8n1 ;;
  esac
}

# ---- what stage commands run -------------------------------------------------------------------------

node24() { "${NODE_BIN:-node}" "$@"; }
# The n8n 2.x (or 1.x) of this run for scripts/e2e.js, ui.js and queue.js.
with_n8n() { N8N_BIN="$N8N_BIN" NODE_BIN="$NODE_BIN" node24 "$@"; }
with_n8n1() { N8N_BIN="$N8N1_BIN" NODE_BIN="$NODE_BIN" node24 "$@"; }

# ---- stage kinds: each sets s_passed, s_failed and (optionally) s_note --------------------------------

# ok <command…>: one check, its exit code. Runs in this shell (installers set NODE_BIN / N8N_BIN).
kind_ok() {
  if "$@"; then s_passed=1 s_failed=0; else s_passed=0 s_failed=1; fi
}

# count <prefix> <command…>: the command's last "<prefix>: N passed, M failed" line. A non-zero exit without
# a failed check counts as one failure, as does a missing count line.
kind_count() {
  local prefix="$1" out="$work/stage-$stage_no.out" rc line; shift
  "$@" | tee "$out"
  rc=${PIPESTATUS[0]}
  line="$(grep -E "^$prefix: [0-9]+ passed, [0-9]+ failed\$" "$out" | tail -1)"
  if [ -n "$line" ]; then
    s_passed="$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")"
    s_failed="$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")"
  else
    s_passed=0 s_failed=1
  fi
  if [ "$rc" -ne 0 ] && [ "$s_failed" -eq 0 ]; then s_failed=1; fi
}

# jest <jest arguments…>: jest on Node 24 (n8n-core's expression engine needs Node >= 22); its tests are the
# checks, and the note counts the assertions (test/support/jest-stats.js).
kind_jest() {
  local json="$work/jest-$stage_no.json" stats="$work/jest-stats-$stage_no" rc=0
  # Every exchange with an emulator is recorded once for the contract stage (scripts/contract.js).
  CONTRACT_LOG="$work/contract.jsonl" JEST_STATS_DIR="$stats" node24 node_modules/.bin/jest --ci --json --outputFile="$json" "$@" || rc=$?
  if [ -s "$json" ]; then
    read -r s_passed s_failed <<<"$(node24 -e '
      const r = require(process.argv[1]);
      process.stdout.write(`${r.numPassedTests} ${r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)}`);' "$json")"
  else
    s_passed=0 s_failed=1
  fi
  if [ "$rc" -ne 0 ] && [ "$s_failed" -eq 0 ]; then s_failed=1; fi  # jest failed without a failing test
  s_note="$(cat "$stats"/*.json 2>/dev/null | node24 -e '
    const text = require("fs").readFileSync(0, "utf8");
    const files = text ? text.replace(/}\s*{/g, "}\n{").split("\n").map((l) => JSON.parse(l)) : [];
    const sum = (k) => files.reduce((n, f) => n + f[k], 0);
    process.stdout.write(`${files.length} files, ${sum("assertions")} assertions, ${Math.round(sum("cpuMs") / 1000)} s CPU`);')"
}

# ---- the stage runner ---------------------------------------------------------------------------------

# stage <tier> <name> <budget s> <needs> <kind> <arguments…>
#   tier:   all (npm test and test:full), quick (npm test only) or full (test:full only)
#   needs:  what must not have failed before it, comma-separated (build, node, n8n, n8n1), or -
#   kind:   ok | count | jest (see above); the arguments are the kind's
# A stage named build, node, n8n or n8n1 provides that need.
stage() {
  local tier="$1" name="$2" budget="$3" needs="$4" kind="$5" need provides t secs mark load
  shift 5
  [ "$tier" = all ] || [ "$tier" = "$TIER" ] || return 0
  if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$name,"* ]]; then return 0; fi
  if [ "$LIST" = 1 ]; then
    budget_all=$((budget_all + budget))
    printf '  %-12s %5s s  needs %-10s %-5s %s\n' "$name" "$budget" "$needs" "$kind" "$*"
    return 0
  fi
  stage_no=$((stage_no + 1)) s_passed=0 s_failed=0 budget_all=$((budget_all + budget))
  echo; echo "=== $name (budget $budget s) ==="
  t=$(date +%s)
  for need in ${needs//,/ }; do
    [ "$need" = - ] && continue
    if [ -z "${have[$need]}" ]; then
      if provide "$need"; then have[$need]=ok; else have[$need]=failed; fi
    fi
    if [ "${have[$need]}" != ok ]; then
      failed=$((failed + 1))
      summary+=("$(printf '%-12s SKIPPED: it needs %s, which failed' "$name" "$need")")
      return 0
    fi
  done
  s_note=""
  "kind_$kind" "$@"
  case "$name" in build | node | n8n | n8n1) if [ "$s_failed" = 0 ]; then have[$name]=ok; else have[$name]=failed; fi ;; esac
  passed=$((passed + s_passed)) failed=$((failed + s_failed))
  secs=$(( $(date +%s) - t ))
  mark=""; [ "$secs" -gt "$budget" ] && mark=" OVER BUDGET"
  load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"
  summary+=("$(printf '%-12s %5s passed, %s failed  %4s s of %4s s%s  load %s%s' "$name" "$s_passed" "$s_failed" "$secs" "$budget" "$mark" "$load" "${s_note:+  ($s_note)}")")
}

[ "$LIST" = 1 ] && echo "$TITLE: stages (name, budget, needs, kind, command)"

# ---- the stages, in order. Adding one is one line. -----------------------------------------------------
#     tier  name        budget needs        kind  arguments
stage all   build           20 -            ok    npm run build
stage all   lint            15 -            ok    npm run lint
stage all   packages         5 -            count packages node scripts/gen-packages.js --check
stage all   scan            15 -            count scan node scripts/scan-packages.js
stage all   node            15 -            ok    install_node
stage full  n8n            600 -            ok    install_race
stage all   unit            25 node         jest  --selectProjects unit
stage all   engine         140 build,node   jest  --selectProjects engine --maxWorkers=3
stage full  slow           240 build,node   jest  --selectProjects slow --runInBand
stage all   contract         5 node         count contract node24 scripts/contract.js "$work/contract.jsonl"
stage all   model           15 build,node   count model node24 scripts/model.js
stage quick soak            45 build,node   count reliability node24 scripts/reliability.js --items 500
stage full  soak           240 build,node   count reliability node24 scripts/reliability.js
stage full  e2e-ui         420 build,n8n    count e2e-ui with_n8n scripts/e2e.js --skip-build --ui
stage full  single         420 build,n8n    count single with_n8n scripts/single.js --together
stage full  n8n1           900 -            ok    wait_n8n1
stage full  e2e-1x         180 build,n8n1   count e2e with_n8n1 scripts/e2e.js --skip-build --smoke --engine=server
stage full  queue          400 build,n8n    count queue with_n8n scripts/queue.js --skip-build
stage full  release        300 build        count release-check node scripts/release-check.js --skip-build

if [ "$LIST" = 1 ]; then echo "  budget: $budget_all s"; exit 0; fi
[ -n "$install1_pid" ] && wait "$install1_pid" 2>/dev/null

total=$(( $(date +%s) - start_all ))
echo
echo "=== $TITLE summary: $total s of $budget_all s budget$([ "$total" -gt "$budget_all" ] && echo ' (OVER BUDGET)'); load average at start $load_at_start, now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); $(nproc 2>/dev/null || echo '?') cores ==="
for s in "${summary[@]}"; do echo "  $s"; done
echo "total: $passed passed, $failed failed"
echo "$TITLE: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
