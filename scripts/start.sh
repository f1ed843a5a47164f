#!/usr/bin/env bash
# npm start — local demo: build, install Node 24 + n8n (cached), pack + install this package into a
# persistent demo n8n, start the emulator and n8n, create the owner account, print the editor URL.
# `npm start -- --check` (or START_CHECK=1) starts everything, verifies it, runs the examples and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

args=("$@")
if [ "${START_CHECK:-}" = "1" ]; then args+=(--check); fi

# Busy ports are reported before minutes of building and installing, not after.
node scripts/start.js --preflight ${args[@]+"${args[@]}"}

echo "[start] npm run build" >&2
npm run build >&2

if ! install_out="$(bash scripts/install-n8n.sh)"; then
  echo "[start] scripts/install-n8n.sh failed" >&2
  exit 1
fi
NODE_BIN="$(printf '%s\n' "$install_out" | sed -n 's/^NODE_BIN=//p')"
N8N_BIN="$(printf '%s\n' "$install_out" | sed -n 's/^N8N_BIN=//p')"
export NODE_BIN N8N_BIN
exec "$NODE_BIN" scripts/start.js ${args[@]+"${args[@]}"}
