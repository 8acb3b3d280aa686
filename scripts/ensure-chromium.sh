#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for test/e2e/browser.test.ts (playwright-core drives it;
# no browser is ever downloaded). Does nothing when it is already there; otherwise installs the `chromium`
# package with apt-get, which needs root. Prints what it did either way.
set -euo pipefail

browser=/usr/bin/chromium

if [ -x "$browser" ]; then
  echo "ensure-chromium: $browser is present ($("$browser" --version 2>/dev/null || echo 'version unknown')); nothing to do"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  # Not fatal: the browser test then skips and says why (CI runs as root and requires it).
  echo "ensure-chromium: $browser is missing and installing it needs root: run this script as root (or: sudo apt-get install chromium)" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'install ok installed'; then
  # The package is installed but its launcher is gone: put its files back.
  echo "ensure-chromium: $browser is missing although the chromium package is installed; reinstalling it with apt-get"
  apt-get update -q
  apt-get install -y -q --no-install-recommends --reinstall chromium
else
  echo "ensure-chromium: $browser is missing; installing Debian's chromium with apt-get"
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium
fi

if [ ! -x "$browser" ]; then
  echo "ensure-chromium: apt-get finished but $browser is still missing" >&2
  exit 1
fi
echo "ensure-chromium: installed $("$browser" --version 2>/dev/null || echo "$browser")"
