#!/usr/bin/env bash
# Reelay pipeline benchmark: starts the local stack on free ports, encodes a generated 60 s 1080p source with a
# 3-rung H.264 ladder (1080p, 720p, 480p; HLS fMP4, 4 s segments) through the whole pipeline, then runs the same
# ffmpeg command alone on local files, then one ffmpeg per rendition. Prints the wall times and ratios and writes
# them to docs/benchmarks.md. Takes several minutes on 2 cores. Not part of the test suite.
#
#   bash deploy/bench/run.sh [--no-build] [--seconds N]
#
# Builds Reelay first (mvn install without tests), so that the services and the command measured are the current
# code; --no-build skips that when it was just built.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$root/deploy/bench/target/reelay-bench-0.1.0-SNAPSHOT.jar"

if [[ "${1:-}" == "--no-build" ]]; then
  shift
else
  echo "Building Reelay ..."
  (cd "$root" && mvn -B -q -DskipTests install)
fi

bash "$root/deploy/native-libs.sh"

cd "$root"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -jar "$bench" "$@"
