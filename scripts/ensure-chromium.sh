#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (Playwright's own browser download cannot work
# here). Install it with apt-get when it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium is missing: installing Debian's chromium package..." >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
else
  echo "Cannot install Chromium: run 'apt-get install -y chromium' as root, then npm test again." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "chromium was installed but /usr/bin/chromium is not there" >&2; exit 1; }
