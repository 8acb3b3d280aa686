#!/usr/bin/env bash
# Makes sure Bun is at .tools/bun/ for the tests that generate Bun apps and serve and test them on it
# (test/e2e/bun.test.ts). It comes from the npm registry's `bun` package, whose binary ships inside its optional
# dependency @oven/bun-linux-x64 (no download). Does nothing when it is already there. Prints the path of the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.4.5
dir=.tools/bun
bun="$dir/node_modules/.bin/bun"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ensure-bun: only Linux x86_64 is set up here; the Bun tests will skip and say why" >&2
  exit 0
fi

if [ ! -x "$bun" ] || [ "$("$bun" --version)" != "$version" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "bun@$version" >&2
fi
echo "ensure-bun: Bun $("$bun" --version) at $dir" >&2
echo "$PWD/$bun"
