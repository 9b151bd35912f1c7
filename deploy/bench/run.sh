#!/usr/bin/env bash
# Reelay benchmark: starts the local stack on free ports, puts generated 1080p sources of 10, 60 and 300 s through
# the whole pipeline (3-rung H.264 ladder, HLS fMP4, 4 s segments), timed from submit to the final webhook, with the
# time until the first segment is delivered; loads the stack's state service (events folded per second, GET
# /jobs/{id} latency); samples every process's memory and start-up time; then runs the same ffmpeg command alone on
# local files. Writes docs/benchmarks.md and docs/benchmarks.png. Takes tens of minutes on 2 cores. Not a test.
#
#   bash deploy/bench/run.sh [--no-build] [--sizes 10,60,300] [--out docs/benchmarks.md] [--state-events N]
#
# Builds Reelay first (mvn install without tests), so that the services and the command measured are the current
# code; --no-build skips that when it was just built. --help lists the options.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$root/deploy/bench/target/reelay-bench-0.1.0-SNAPSHOT.jar"

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h|--help) build=false; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if [[ "$build" == true ]]; then
  echo "Building Reelay ..."
  (cd "$root" && mvn -B -q -DskipTests install)
fi

bash "$root/deploy/native-libs.sh"

# The services inherit this environment: the benchmark's webhook receiver listens on 127.0.0.1, which they refuse
# to call unless allowed.
export WEBHOOK_ALLOWED_HOSTS=127.0.0.1

cd "$root"
# logback finds the logback.xml of both the local stack and encode (for its ffmpeg command) on the classpath and would
# report that at length; the benchmark's own output is what matters here
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -Djava.awt.headless=true \
  -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -jar "$bench" ${args[@]+"${args[@]}"}
