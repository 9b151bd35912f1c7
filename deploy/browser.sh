#!/usr/bin/env bash
# The live page test drives the state service's page in headless Chromium through chromedriver. This installs
# both (Debian packages chromium and chromium-driver) when they are missing and we run as root with apt-get, and
# otherwise says what to install.
set -euo pipefail

declare -A package_of=(
  [/usr/bin/chromium]=chromium
  [/usr/bin/chromedriver]=chromium-driver
)

missing=()
for binary in "${!package_of[@]}"; do
  [ -x "$binary" ] || missing+=("${package_of[$binary]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing the browser the live page test drives: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The live page test needs Chromium and its driver, please install: ${missing[*]}" \
       "(Debian/Ubuntu: apt-get install ${missing[*]})" >&2
  exit 1
fi
