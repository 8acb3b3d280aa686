#!/usr/bin/env bash
# Makes sure Debian's PgBouncer is at /usr/sbin/pgbouncer for test/e2e/replicas.test.ts, which starts its own
# PgBouncer (transaction mode) in a temp folder in front of a throw-away primary. Does nothing when it is already
# there; otherwise installs the `pgbouncer` package with apt-get, which needs root. Prints what it did either way.
set -euo pipefail

pooler=/usr/sbin/pgbouncer

if [ -x "$pooler" ]; then
  echo "ensure-pgbouncer: $pooler is present ($("$pooler" --version 2>/dev/null | head -n 1)); nothing to do"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  # Not fatal: the replica tests then skip and say why (CI runs as root and requires them).
  echo "ensure-pgbouncer: $pooler is missing and installing it needs root: run this script as root (or: sudo apt-get install pgbouncer)" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-pgbouncer: $pooler is missing; installing Debian's pgbouncer with apt-get"
apt-get update -q
# The package's own service is not wanted: the tests start PgBouncer with their own settings.
apt-get install -y -q --no-install-recommends pgbouncer
if command -v service >/dev/null && service pgbouncer status >/dev/null 2>&1; then service pgbouncer stop || true; fi

if [ ! -x "$pooler" ]; then
  echo "ensure-pgbouncer: apt-get finished but $pooler is still missing" >&2
  exit 1
fi
echo "ensure-pgbouncer: installed $("$pooler" --version | head -n 1)"
