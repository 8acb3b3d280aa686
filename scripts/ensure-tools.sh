#!/usr/bin/env bash
# Everything the tests need beside `npm ci`: Debian's chromium and pgbouncer (apt-get, as root), and Node 24 LTS and
# Bun from the npm registry into .tools/. Each script does nothing when its tool is there.
set -euo pipefail
cd "$(dirname "$0")"
bash ensure-chromium.sh
bash ensure-pgbouncer.sh
bash ensure-node.sh >/dev/null
bash ensure-bun.sh >/dev/null
