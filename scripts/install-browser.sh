#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests
# (tests/browser/). Playwright drives that binary; it never downloads a browser.
# Idempotent: returns at once when the browser is already there. Installs only
# when run as root (apt-get); otherwise it says what to run and exits 1.
set -euo pipefail

BROWSER=/usr/bin/chromium

if [ -x "$BROWSER" ]; then
  echo "install-browser: $BROWSER is already installed, nothing to do."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser: $BROWSER is missing and this is not root; run as root:" >&2
  echo "  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: $BROWSER is missing and apt-get is not available (not Debian?)." >&2
  exit 1
fi

echo "install-browser: $BROWSER is missing; installing Debian's chromium package with apt-get."
echo "+ apt-get update -qq"
apt-get update -qq
echo "+ DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

if [ -x "$BROWSER" ]; then
  echo "install-browser: installed $("$BROWSER" --version 2>/dev/null || echo "$BROWSER")."
else
  echo "install-browser: apt-get finished but $BROWSER is still missing." >&2
  exit 1
fi
