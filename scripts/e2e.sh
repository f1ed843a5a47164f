#!/usr/bin/env bash
# npm run test:e2e — installs (or reuses) Node 24 + n8n, then runs scripts/e2e.js with that Node.
# Extra arguments go to e2e.js (e.g. --engine=cli, --filter=vivenu/get, --keep, --skip-build).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! install_out="$(bash scripts/install-n8n.sh)"; then
  echo "e2e: scripts/install-n8n.sh failed" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi
NODE_BIN="$(printf '%s\n' "$install_out" | sed -n 's/^NODE_BIN=//p')"
N8N_BIN="$(printf '%s\n' "$install_out" | sed -n 's/^N8N_BIN=//p')"
export NODE_BIN N8N_BIN
exec "$NODE_BIN" scripts/e2e.js "$@"
