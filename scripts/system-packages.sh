#!/usr/bin/env bash
# System packages the portal needs beyond Python: CJK fonts for the PDF notices (WeasyPrint
# renders with Pango, which Debian ships) and Chromium for the browser journeys (tests/browser,
# Playwright drives Debian's build: nothing is downloaded at run time). Installs them when run as
# root with apt-get; otherwise prints the command to run.
set -eu
packages="fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
elif command -v dpkg-query >/dev/null 2>&1; then
  echo "The PDF notices and the browser tests need these system packages. Please run:"
  echo "  sudo apt-get install -y$missing"
fi
