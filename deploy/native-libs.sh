#!/usr/bin/env bash
# The ffmpeg/ffprobe build from Maven Central (org.bytedeco) links its device library against a few system
# libraries (PulseAudio, ALSA, XCB) that minimal Linux images lack. This installs the missing ones on Debian/Ubuntu
# when run as root, and otherwise says which packages to install.
set -euo pipefail

declare -A package_of=(
  [libpulse.so.0]=libpulse0
  [libasound.so.2]=libasound2
  [libxcb.so.1]=libxcb1
  [libxcb-shm.so.0]=libxcb-shm0
)

missing=()
for lib in "${!package_of[@]}"; do
  if ! /sbin/ldconfig -p 2>/dev/null | grep -q "$lib"; then
    missing+=("${package_of[$lib]}")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system libraries ffmpeg needs: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # libasound2 is a virtual package on newer releases; let apt pick the provider
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "ffmpeg needs these system libraries, please install them: ${missing[*]}" >&2
  exit 1
fi
